#!/bin/bash
# bench/partner_files.sh [KIT]: what issue 24's files for partners cost — the
# share of a clean one-thread build's CPU spent on share images (and inside
# them on PNG compression), on DOCX/ODT copies (and on drawing their
# images), beside the PDFs; and the sizes of the share PNGs. KIT defaults to
# a copy of the bundled kit. Needs perf (linux-perf) and a kitgen built
# with debug info (RelWithDebInfo): KITGEN=build/kitgen bench/partner_files.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kitgen=${KITGEN:-$root/build/kitgen}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/kit"
if [ $# -ge 1 ]; then cp -r "$1/." "$work/kit/"; rm -rf "$work/kit/out" "$work/kit"/.out.kitgen*
else cp -r "$root/kit.yaml" "$root/content" "$root/templates" "$root/locales" "$work/kit/"; fi
start=$(date +%s.%N)
perf record -q -F 499 --call-graph dwarf -o "$work/perf.data" "$kitgen" -C "$work/kit" build --clean --quiet -j 1 >/dev/null
end=$(date +%s.%N)
echo "clean build, 1 thread, under perf: $(echo "$end - $start" | bc) s"
perf report -i "$work/perf.data" --children --stdio --no-demangle 2>/dev/null |
  awk '$1 ~ /%$/ && $NF ~ /^(downloads_write_partner_files|kg_share_render|kg_png_write|office_write_docx|office_write_odt|office_image_load|pdf_render_set_here|render_task)$/ { printf "  %-32s %s of CPU (with callees)\n", $NF, $1 }'
find "$work/kit/out" -name '*-share.png' -o -name '*-square.png' | xargs stat -c %s | sort -n |
  awk '{ a[NR] = $1; s += $1 } END { printf "share PNGs: %d files, %d bytes in all, min %d, median %d, max %d\n", NR, s, a[1], a[int((NR + 1) / 2)], a[NR] }'
