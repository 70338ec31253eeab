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
while IFS= read -r file; do
  rel=${file#"$root"/}
  case $rel in
    src/main.c) from=cmd ;;
    src/*/*) from=$(echo "$rel" | cut -d/ -f2) ;;
    include/kitgen/*/*) from=$(echo "$rel" | cut -d/ -f3) ;;
    *) continue ;;
  esac
  while IFS=: read -r lineno text; do
    inc=$(echo "$text" | sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p')
    [ -n "$inc" ] || continue
    case $inc in
      kitgen/*/*) to=$(echo "$inc" | cut -d/ -f2) ;;
      */*) to=$(echo "$inc" | cut -d/ -f1) ;;
      *) continue ;; # a header beside the file, or generated (kitgen_version.h)
    esac
    [ -n "${rank[$to]:-}" ] || continue
    if [ "${rank[$to]}" -gt "${rank[$from]}" ]; then
      echo "$rel:$lineno: error: '$from' includes '$inc' from '$to', which comes after it in docs/architecture.md's folder order" >&2
      bad=1
    fi
  done < <(grep -n '#[[:space:]]*include' "$file")
done < <(find "$root/src" "$root/include" -name '*.[ch]' | sort)
[ "$bad" = 0 ] && echo "include_order: every include follows: ${order[*]}"
exit "$bad"
