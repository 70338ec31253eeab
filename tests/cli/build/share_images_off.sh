# share_images_off: kit.yaml `share_images: false` makes no link-preview
# PNGs: no -share.png or -square.png in out/, no og:image in any page
# (twitter:card says "summary"), no share image on the partner pages; the
# DOCX and ODT copies are still made. The same kit with the key left out
# has both PNGs beside every page that has files of its own (the control).
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
cp -r "$kit" "$WORK/control"
printf 'share_images: false\n' >>"$kit/kit.yaml"
expect_status 0 "build with share_images: false" "$KITGEN" -C "$kit" build --quiet
expect_status 0 "build of the control" "$KITGEN" -C "$WORK/control" build --quiet
out="$kit/out"
pages=$(find "$out" -name index.html -path '*/guide/*' | wc -l)
check "the kit has pages ($pages)" test "$pages" -ge 4
# (A page a language has not translated has no files of its own there:
# its og:image is the source language's, checked in partner_files.)
own=0 missing=0
for d in $(find "$WORK/control/out" -name index.html -path '*/guide/*' -exec dirname {} \;); do
  ls "$d"/*.md >/dev/null 2>&1 || continue
  own=$((own + 1))
  ls "$d"/*-share.png "$d"/*-square.png >/dev/null 2>&1 || missing=$((missing + 1))
done
check "the control has both share PNGs beside each page with files of its own ($own pages, $missing without)" \
  test "$own" -ge 3 -a "$missing" -eq 0
check "no share PNG in out/" test "$(find "$out" -name '*-share.png' -o -name '*-square.png' | wc -l)" -eq 0
check "no page names an og:image" bash -c "! grep -rl 'og:image' '$out' --include='*.html'"
check "the control's pages do" grep -q 'property="og:image"' "$WORK/control/out/en/guide/first/index.html"
check "pages ask for a summary card" grep -q '<meta name="twitter:card" content="summary">' "$out/en/guide/first/index.html"
check "the partner pages exist" test -f "$out/en/partners/index.html"
check "the partner pages list no share image" bash -c "! grep -rq -- '-share.png\|-square.png' '$out'/*/partners/"
check "the DOCX and ODT copies are still made" test -f "$out/en/guide/first/first-en.docx" -a -f "$out/en/guide/first/first-en.odt"
finish
