#!/bin/bash
# xliff_glossary.sh: the XLIFF 2.0 export of vi carries the language's
# glossary through the Glossary Module (gls:glossary in each unit whose
# English has a term: term, approved translation, the note as definition),
# still validates against the XLIFF 2.0 core schema (OASIS's XSD, as Debian's
# php-symfony-translation ships it), and an import of that document ignores
# the glossary (no catalog changes, nothing reported). 1.2 documents and
# kits without a glossary have none.
source "$(dirname "$0")/../lib.sh"
kit=$WORK/kit
copy_kit bundled "$kit"
xlf=$WORK/vi.xlf
expect_status 0 "export vi as XLIFF 2.0" "$KITGEN" -C "$kit" xliff export --lang vi -o "$xlf"
check "the Glossary Module's namespace is declared" \
  grep -q 'xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0"' "$xlf"
check "units carry glossary entries" python3 - "$xlf" <<'PY'
import sys
import xml.etree.ElementTree as ET
X = "{urn:oasis:names:tc:xliff:document:2.0}"
G = "{urn:oasis:names:tc:xliff:glossary:2.0}"
root = ET.parse(sys.argv[1]).getroot()
entries = 0
delegate = None
for unit in root.iter(X + "unit"):
    children = list(unit)
    gls = [c for c in children if c.tag == G + "glossary"]
    if not gls:
        continue
    assert len(gls) == 1 and children[0] is gls[0], "gls:glossary comes first in its unit"
    source = unit.find(X + "segment/" + X + "source").text
    for e in gls[0]:
        assert e.tag == G + "glossEntry", e.tag
        tags = [c.tag for c in e]
        assert tags[0] == G + "term" and tags.count(G + "term") == 1, tags
        assert tags[1] == G + "translation", tags
        assert tags[2:] in ([], [G + "definition"]), tags
        term = e.find(G + "term").text
        assert term.lower()[:-1] in source.lower(), (term, source)  # emergency: emergencies
        entries += 1
        if term == "Delegate" and source.strip().endswith("Delegate"):
            delegate = e.find(G + "translation").text
assert entries > 50, entries
assert delegate == "nhờ người giúp", delegate
print(entries, "glossary entries")
PY
schemas=/usr/share/php/Symfony/Component/Translation/Resources/schemas
check "the XLIFF 2.0 core schema is installed (php-symfony-translation)" test -f "$schemas/xliff-core-2.0.xsd"
mkdir -p "$WORK/xsd"
sed 's|schemaLocation="[^"]*xml.xsd"|schemaLocation="xml.xsd"|' "$schemas/xliff-core-2.0.xsd" >"$WORK/xsd/core.xsd"
cp "$schemas/xml.xsd" "$WORK/xsd/"
check "the document validates against the XLIFF 2.0 core schema" \
  xmllint --noout --nonet --schema "$WORK/xsd/core.xsd" "$xlf"
# The schema is strict where it matters: a glossary after the segment fails.
python3 - "$xlf" "$WORK/bad.xlf" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index("<gls:glossary>")
j = s.index("</gls:glossary>", i) + len("</gls:glossary>")
block = s[i:j]
k = s.index("</unit>", j)
open(sys.argv[2], "w", encoding="utf-8").write(s[:i] + s[j:k] + block + s[k:])
PY
check "control: the schema rejects a glossary after the segment" \
  bash -c "! xmllint --noout --nonet --schema '$WORK/xsd/core.xsd' '$WORK/bad.xlf' 2>/dev/null"

# Import ignores the glossary: nothing changes, nothing is reported.
before=$(tree_hash "$kit/locales")
expect_status 0 "import of the exported document" "$KITGEN" -C "$kit" xliff import "$xlf"
check "the import reports nothing about the glossary" bash -c "! grep -qi 'gls\|gloss' '$WORK/stderr'"
check "the import changes no catalog" test "$before" = "$(tree_hash "$kit/locales")"

expect_status 0 "export vi as XLIFF 1.2" "$KITGEN" -C "$kit" xliff export --lang vi --version 1.2 -o "$WORK/vi12.xlf"
check "1.2 has no glossary module" bash -c "! grep -q 'gls:' '$WORK/vi12.xlf'"
rm "$kit/locales/vi/glossary.po"
expect_status 0 "export without a glossary" "$KITGEN" -C "$kit" xliff export --lang vi -o "$WORK/plain.xlf"
check "without a glossary no gls namespace" bash -c "! grep -q 'gls' '$WORK/plain.xlf'"

[ "$failures" = 0 ] && echo "xliff_glossary: $checks checks passed"
exit $(( failures > 0 ))
