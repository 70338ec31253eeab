#!/bin/bash
# bench/jobs.sh [RUNS]: issue 20's speed-up — clean full builds of the
# bundled kit (HTML, every PDF, share images, office copies, zips) with
# `-j 1` and `-j 2` in the same invocation, alternating (RUNS each,
# default 3), with wall and CPU times; the median ratio -j1/-j2 is the
# speed-up on two cores (PDFs drawn in worker processes at -j 2). Also
# checks that the two outputs are byte-identical.
#   KITGEN=build/kitgen bench/jobs.sh 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kitgen=${KITGEN:-$root/build/kitgen}
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for j in 1 2; do
  mkdir -p "$work/j$j"
  cp -r "$root/kit.yaml" "$root/content" "$root/templates" "$root/locales" "$work/j$j/"
done
for ((r = 1; r <= runs; r++)); do
  for j in 1 2; do
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$kitgen" -C "$work/j$j" build --clean --quiet --no-sync -j "$j" >/dev/null
    read -r wall user sys <"$work/time"
    echo "$j $wall $user $sys" >>"$work/times"
    printf 'run %d  -j %d: %6.2f s wall, %6.2f s CPU\n' "$r" "$j" "$wall" "$(echo "$user + $sys" | bc)"
  done
done
diff -r "$work/j1/out" "$work/j2/out" >/dev/null && echo "outputs byte-identical" || echo "OUTPUTS DIFFER"
awk '{ w[$1] = w[$1] " " $2 } END { print w[1] "\n" w[2] }' "$work/times" |
  python3 -c 'import sys, statistics; a, b = [statistics.median(map(float, l.split())) for l in sys.stdin]; print(f"median wall: -j1 {a:.2f} s, -j2 {b:.2f} s, speed-up {a / b:.2f}x")'
