#!/bin/bash
# include_order.sh: every #include of a kitgen header goes down the folder
# order written once in docs/architecture.md (the line that starts with
# "base →"): a file in src/<F>/ or include/kitgen/<F>/ may include headers
# of F and of the folders before it, never of a folder after it.
set -u
root=${KITGEN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
line=$(grep -m1 '^base →' "$root/docs/architecture.md") || { echo "include_order: no folder order line in docs/architecture.md" >&2; exit 1; }
read -r -a order <<<"$(echo "$line" | sed 's/→/ /g')"
declare -A rank
for i in "${!order[@]}"; do rank[${order[$i]}]=$i; done
# every folder of src/ must be in the order (a new folder must be placed)
for d in "$root"/src/*/; do
  f=$(basename "$d")
  [ -n "${rank[$f]:-}" ] || { echo "src/$f/: not in the folder order of docs/architecture.md" >&2; bad=1; }
done
bad=${bad:-0}
# One awk over every file (a process per include line took 40 s in CI).
files=$(cd "$root" && find src include -name '*.[ch]' | sort)
(cd "$root" && awk -v order="${order[*]}" '
  BEGIN { n = split(order, names, " "); for (i = 1; i <= n; i++) rank[names[i]] = i; bad = 0 }
  FNR == 1 {
    n = split(FILENAME, part, "/")
    if (FILENAME == "src/main.c") from = "cmd"
    else if (part[1] == "src" && n >= 3) from = part[2]
    else if (part[1] == "include" && part[2] == "kitgen" && n >= 4) from = part[3]
    else from = ""
  }
  from != "" && /^[ \t]*#[ \t]*include[ \t]*"/ {
    inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
    k = split(inc, seg, "/")
    if (k >= 3 && seg[1] == "kitgen") to = seg[2]
    else if (k >= 2 && seg[1] != "kitgen") to = seg[1]
    else next
    if (!(to in rank)) next
    if (rank[to] > rank[from]) {
      printf "%s:%d: error: '\''%s'\'' includes '\''%s'\'' from '\''%s'\'', which comes after it in docs/architecture.md'\''s folder order\n", FILENAME, FNR, from, inc, to > "/dev/stderr"
      bad = 1
    }
  }
  END { exit bad }' $files) || bad=1
[ "$bad" = 0 ] && echo "include_order: every include follows: ${order[*]}"
exit "$bad"
