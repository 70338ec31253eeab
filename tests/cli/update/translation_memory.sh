#!/bin/bash
# translation_memory.sh: `kitgen update` fills a new unit whose English is
# identical to a unit translated in another page of the same language:
# the translation arrives fuzzy, with "# kitgen: from <catalog>", status
# counts it fuzzy, and the build does not show it yet. It never replaces a
# translation, leaves units a translator has already seen alone, and
# --no-memory turns it off. The translation it picks is the one gettext's
# `msgmerge --compendium` picks from the same catalog (msgmerge marks it
# translated; kitgen marks it fuzzy on purpose: a human confirms it).
source "$(dirname "$0")/../lib.sh"
kit=$WORK/kit
copy_kit mini-vi "$kit"
export SOURCE_DATE_EPOCH=1764979200
cat >"$kit/content/guide/third.md" <<'EOF'
---
title: "Third steps"
order: 30
---
Breathe slowly. Our hotline is {{ hotline }}.

Look around you.

- Look around.
EOF
cp -r "$kit" "$WORK/plain"
expect_status 0 "extract" "$KITGEN" -C "$kit" extract
expect_status 0 "update" "$KITGEN" -C "$kit" update --lang vi
expect_stderr "2 new entries filled from other pages' translations" "update counts the entries it filled"
po=$kit/locales/vi/guide/third.po
check "the identical paragraph arrives translated, fuzzy, with its origin" python3 - "$po" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
block = [b for b in s.split("\n\n") if 'msgid "Breathe slowly. Our hotline is {{ hotline }}."' in b]
assert len(block) == 1, block
b = block[0]
assert "# kitgen: from locales/vi/guide/first.po\n" in b, b
assert "#, fuzzy" in b, b
assert 'msgstr "Hãy thở chậm. Đường dây nóng của chúng tôi là {{ hotline }}."' in b, b
# a unit with no identical English stays untranslated
other = [b for b in s.split("\n\n") if 'msgid "Look around you."' in b][0]
assert 'msgstr ""' in other and "kitgen: from" not in other, other
PY
"$KITGEN" -C "$kit" status --by-page --lang vi >"$WORK/status.txt"
check "status counts the filled entries as fuzzy" grep -qE '^ +guide/third\.md +[0-9]+% +0 +2 ' "$WORK/status.txt"

# msgmerge --compendium on the same input picks the same translation.
msgcat --no-wrap "$kit/locales/pot/guide/third.pot" | sed 's/^"Language: \\n"/"Language: vi\\n"/' |
  sed '0,/^#, fuzzy$/{/^#, fuzzy$/d}' >"$WORK/empty.po"
check "msgmerge --compendium runs" msgmerge --quiet --no-wrap \
  --compendium "$KITGEN_SOURCE_DIR/tests/cli/kits/mini-vi/locales/vi/guide/first.po" \
  -o "$WORK/msgmerge.po" "$WORK/empty.po" "$kit/locales/pot/guide/third.pot"
check "kitgen and msgmerge --compendium fill the same units with the same text" python3 - "$WORK/msgmerge.po" "$po" <<'PY'
import sys
def units(p):
    out = {}
    for b in open(p, encoding="utf-8").read().split("\n\n"):
        lines = [l for l in b.split("\n") if l.startswith(("msgid ", "msgstr ", "msgctxt "))]
        if len(lines) < 2 or lines[0] == 'msgid ""':
            continue
        ms = [l for l in lines if l.startswith("msgstr ")][0][7:]
        mid = [l for l in lines if l.startswith("msgid ")][0][6:]
        out[mid] = (ms, "fuzzy" in b)
    return out
g, k = units(sys.argv[1]), units(sys.argv[2])
filled_g = {m: v[0] for m, v in g.items() if v[0] != '""'}
filled_k = {m: v[0] for m, v in k.items() if v[0] != '""'}
assert filled_g == filled_k, (filled_g, filled_k)
assert all(not g[m][1] for m in filled_g), "msgmerge takes exact compendium matches as translated"
assert all(k[m][1] for m in filled_k), "kitgen marks them fuzzy"
print(len(filled_k), "units agree")
PY

# The build shows the English until a translator confirms it.
expect_status 0 "build" "$KITGEN" -C "$kit" build --quiet --no-sync
check "a fuzzy memory match is not shown yet" grep -q 'Breathe slowly' "$kit/out/vi/guide/third/index.html"

# Never overwrites: a translator's own text stays, and a unit already in the
# catalog before this update is left as it is.
python3 - "$po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("# kitgen: from locales/vi/guide/first.po\n#, fuzzy\n", "", 1)
s = s.replace('msgstr "Hãy thở chậm. Đường dây nóng của chúng tôi là {{ hotline }}."',
              'msgstr "Thở chậm lại. Đường dây nóng: {{ hotline }}."')
open(p, "w", encoding="utf-8").write(s)
PY
cp "$po" "$WORK/third.po"
expect_status 0 "update again" "$KITGEN" -C "$kit" update --lang vi
check "a translation is never replaced" cmp "$WORK/third.po" "$po"

# --no-memory: nothing filled.
expect_status 0 "extract (plain)" "$KITGEN" -C "$WORK/plain" extract
expect_status 0 "update --no-memory" "$KITGEN" -C "$WORK/plain" update --lang vi --no-memory
check "--no-memory leaves the paragraph untranslated" python3 - "$WORK/plain/locales/vi/guide/third.po" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
assert "kitgen: from" not in s
b = [b for b in s.split("\n\n") if "Breathe slowly" in b][0]
assert 'msgstr ""' in b, b
PY

[ "$failures" = 0 ] && echo "translation_memory: $checks checks passed"
exit $(( failures > 0 ))
