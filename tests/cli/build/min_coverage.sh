# min_coverage: below kit.yaml's min_coverage a page is not published in a
# language; the language index says so and links to the source language;
# the switcher and sitemap do not offer it.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
sed -i 's/^    status: draft$/    status: draft\n    min_coverage: 50/' "$kit/kit.yaml"
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
"$KITGEN" -C "$kit" update >/dev/null 2>&1
# Translate all of second.md (so it is published) and nothing of first.md.
python3 - "$kit/locales/vi/guide/second.po" <<'PY'
import sys
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
s = s.replace('msgid "Second steps"\nmsgstr ""', 'msgid "Second steps"\nmsgstr "Bước thứ hai"')
s = s.replace('msgid "Help"\nmsgstr ""', 'msgid "Help"\nmsgstr "Trợ giúp"')
s = s.replace('msgid "Back to [the first steps](first.md)."\nmsgstr ""', 'msgid "Back to [the first steps](first.md)."\nmsgstr "Quay lại [các bước đầu tiên](first.md)."')
open(p, "w", encoding="utf-8").write(s)
PY
expect_status 0 "build" "$KITGEN" -C "$kit" build --quiet
out="$kit/out"
check "a page above the threshold is published" test -f "$out/vi/guide/second/index.html"
check "a page below the threshold is not" test ! -e "$out/vi/guide/first/index.html"
check "other languages without the threshold still publish it" test -f "$out/ur/guide/first/index.html"
check "the vi section page lists it as not available, linking to English" \
  grep -q 'href="../../en/guide/first/"' "$out/vi/guide/index.html"
check "and says so" grep -q 'Not yet available in this language' "$out/vi/guide/index.html"
check "the switcher on the English page does not offer vi" bash -c "! grep -q 'hreflang=\"vi\"' <(sed -n '/class=\"switcher\"/,/<\/nav>/p' '$out/en/guide/first/index.html')"
check "vi has a sitemap" grep -q 'mini/vi/' "$out/sitemap-vi.xml"
check "no sitemap has a vi URL for it" bash -c "! grep -q 'mini/vi/guide/first/' '$out/'sitemap*.xml"
check "status.json marks it unpublished" python3 -c "
import json; d=json.load(open('$out/status/status.json'))
vi=[l for l in d['languages'] if l['tag']=='vi'][0]
p={x['path']:x for x in vi['pages']}
assert p['content/guide/first.md']['published'] is False and p['content/guide/second.md']['published'] is True"
finish
