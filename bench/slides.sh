#!/bin/bash
# bench/slides.sh [RUNS]: issue 23's cost of slide decks — clean full
# builds of the bundled kit as it is (decks for four modules, PDF and
# HTML, in every language) and of a copy with every `slides: true` taken
# out, alternating (RUNS each, default 3), at -j 2; the median wall-time
# ratio is what decks add (the goal: at most 15 %).
#   KITGEN=build/kitgen bench/slides.sh 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kitgen=${KITGEN:-$root/build/kitgen}
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for v in with without; do
  mkdir -p "$work/$v"
  cp -r "$root/kit.yaml" "$root/content" "$root/templates" "$root/locales" "$work/$v/"
done
grep -rl '^slides: true$' "$work/without/content" | xargs sed -i '/^slides: true$/d'
decks=$(grep -rl '^slides: true$' "$work/with/content" | wc -l)
echo "decks: $decks modules with slides: true"
for ((r = 1; r <= runs; r++)); do
  for v in with without; do
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$kitgen" -C "$work/$v" build --clean --quiet --no-sync -j 2 >/dev/null 2>&1
    read -r wall user sys <"$work/time"
    echo "$v $wall $user $sys" >>"$work/times"
    printf 'run %d  %-7s: %6.2f s wall, %6.2f s CPU\n' "$r" "$v" "$wall" "$(echo "$user + $sys" | bc)"
  done
done
echo "deck files: $(find "$work/with/out" -name '*-slides.pdf' | wc -l) PDFs, $(find "$work/with/out" -path '*/slides/index.html' | wc -l) HTML"
awk '{ w[$1] = w[$1] " " $2; c[$1] = c[$1] " " ($3 + $4) } END { print w["with"] "\n" w["without"] "\n" c["with"] "\n" c["without"] }' "$work/times" |
  python3 -c 'import sys, statistics; a, b, ca, cb = [statistics.median(map(float, l.split())) for l in sys.stdin]; print(f"median wall: with decks {a:.2f} s, without {b:.2f} s: +{(a / b - 1) * 100:.1f} %; median CPU: {ca:.2f} s vs {cb:.2f} s: +{(ca / cb - 1) * 100:.1f} %")'
