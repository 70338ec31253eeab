#!/bin/bash
# bench/jobs.sh [RUNS]: issue 20's speed-up — clean full builds of the
# bundled kit (HTML, every PDF, share images, office copies, zips) with
# `-j 1` and `-j 2` in the same invocation, alternating (RUNS rounds,
# default 3), with wall and CPU times; the ratio -j1/-j2 is the speed-up
# on two cores (PDFs drawn in worker processes at -j 2). Also checks that
# the two outputs are byte-identical.
#
# Each round also measures the machine's own ceiling: two `-j 1` builds
# of two copies of the kit at once, which share nothing but the machine
# (cores, caches, memory, the disk and the kernel). 2 x (-j 1 wall) / (the
# pair's wall) is about the most any -j 2 build could gain on this machine at
# that moment; kitgen's speed-up divided by it says how much of the
# machine's parallelism kitgen uses. The machine's speed moves by a third
# between minutes, so ratios are taken within a round (the three builds
# back to back) and the median of the rounds is reported.
#   KITGEN=build/kitgen bench/jobs.sh 3
#
# KIT_REV=<git revision> takes the kit (kit.yaml, content, templates,
# locales) as it was at that revision, and KIT_YAML_ADD appends lines to
# its kit.yaml: issue 20's own baseline, the kit as it stood when the
# issue was filed, with only the outputs it had then (no share images),
# is
#   KIT_REV=adce9de KIT_YAML_ADD='share_images: false' bench/jobs.sh 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kitgen=${KITGEN:-$root/build/kitgen}
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/kit"
if [ -n "${KIT_REV:-}" ]; then
  git -C "$root" archive "$KIT_REV" kit.yaml content templates locales | tar -x -C "$work/kit"
else
  cp -r "$root/kit.yaml" "$root/content" "$root/templates" "$root/locales" "$work/kit/"
fi
[ -z "${KIT_YAML_ADD:-}" ] || printf '\n%s\n' "$KIT_YAML_ADD" >>"$work/kit/kit.yaml"
for kit in j1 j2 pair-a pair-b; do
  cp -r "$work/kit" "$work/$kit"
done
build() { # build KIT JOBS TIMEFILE
  /usr/bin/time -f "%e %U %S" -o "$3" "$kitgen" -C "$work/$1" build --clean --quiet --no-sync -j "$2" >/dev/null 2>&1
}
cpu() { awk '{ printf "%.2f", $2 + $3 }' "$1"; }
for ((r = 1; r <= runs; r++)); do
  build j1 1 "$work/t1"
  build j2 2 "$work/t2"
  build pair-a 1 "$work/ta" &
  a=$!
  build pair-b 1 "$work/tb"
  wait "$a"
  read -r w1 _ <"$work/t1"
  read -r w2 _ <"$work/t2"
  pair=$(awk '{ print $1 }' "$work/ta" "$work/tb" | sort -g | tail -1)
  pair_cpu=$(cat "$work/ta" "$work/tb" | awk '{ s += $2 + $3 } END { printf "%.2f", s / 2 }')
  printf 'round %d  -j 1: %6.2f s wall, %6.2f s CPU   -j 2: %6.2f s wall, %6.2f s CPU   two -j 1 at once: %6.2f s wall, %6.2f s CPU each\n' \
    "$r" "$w1" "$(cpu "$work/t1")" "$w2" "$(cpu "$work/t2")" "$pair" "$pair_cpu"
  echo "$w1 $w2 $pair" >>"$work/rounds"
done
diff -r "$work/j1/out" "$work/j2/out" >/dev/null && echo "outputs byte-identical" || echo "OUTPUTS DIFFER"
python3 - "$work/rounds" <<'EOF'
import statistics, sys
rounds = [tuple(map(float, l.split())) for l in open(sys.argv[1])]
speedup = statistics.median(w1 / w2 for w1, w2, _ in rounds)
ceiling = statistics.median(2 * w1 / pair for w1, _, pair in rounds)
share = statistics.median((w1 / w2) / (2 * w1 / pair) for w1, w2, pair in rounds)
w1 = statistics.median(r[0] for r in rounds)
w2 = statistics.median(r[1] for r in rounds)
print(f"median wall: -j1 {w1:.2f} s, -j2 {w2:.2f} s")
print(f"speed-up -j1/-j2, median of rounds: {speedup:.2f}x")
print(f"machine's ceiling (two -j1 builds at once), median of rounds: {ceiling:.2f}x")
print(f"kitgen's speed-up / the ceiling, median of rounds: {share:.2f}")
EOF
