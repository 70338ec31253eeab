# xliff_roundtrip: a language's catalogs go to a CAT tool as XLIFF and come
# back: extract -> update -> translate -> xliff export -> edit a target ->
# xliff import; a second import changes nothing; a unit whose source was
# edited, or whose target changes a number, is reported and kept out and
# the import exits 1; 1.2 round-trips too; usage errors exit 2.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
K() { "$KITGEN" -C "$kit" --no-color "$@"; }
po="$kit/locales/vi/guide/first.po"
xlf="$WORK/vi.xlf"

expect_status 0 "extract" K extract
expect_status 0 "update" K update
python3 - "$po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('msgid "Stay calm"\nmsgstr ""', 'msgid "Stay calm"\nmsgstr "Giữ bình tĩnh"')
open(p, "w", encoding="utf-8").write(s)
PY

expect_status 0 "export 2.0" K xliff export --lang vi -o "$xlf"
check "the document is well-formed XML" xmllint --noout "$xlf"
check "it is XLIFF 2.0 from en to vi" grep -q 'version="2.0" srcLang="en" trgLang="vi"' "$xlf"
check "one <file> per catalog, named by its path" grep -q 'original="locales/vi/guide/first.po"' "$xlf"
check "ui.po is there too" grep -q 'original="locales/vi/ui.po"' "$xlf"
check "the translation is a translated target" grep -q '<target>Giữ bình tĩnh</target>' "$xlf"
check "inline Markdown is plain text" grep -q '<source>Call \*\*911\*\* if \[someone is hurt\](second.md#help).</source>' "$xlf"
expect_status 0 "export to standard output" K xliff export --lang vi
check "standard output holds the same document" cmp -s "$WORK/stdout" "$xlf"

# The agency's CAT tool changes a target and translates a new unit.
sed -i 's|<target>Giữ bình tĩnh</target>|<target>Hãy giữ bình tĩnh</target>|' "$xlf"
python3 - "$xlf" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = '<segment state="initial">\n        <source>Breathe slowly. Our hotline is {{ hotline }}.</source>\n      </segment>'
assert old in s, "unit not found"
s = s.replace(old, '<segment state="final">\n        <source>Breathe slowly. Our hotline is {{ hotline }}.</source>\n'
                   '        <target>Thở chậm. Đường dây nóng là {{ hotline }}.</target>\n      </segment>')
open(p, "w", encoding="utf-8").write(s)
PY
before_other=$(sha256sum "$kit/locales/vi/guide/second.po")
expect_status 0 "import" K xliff import "$xlf"
expect_stderr "2 entries updated" "the summary counts the two changed entries"
expect_stderr "1 catalog written" "only the changed catalog is written"
check "the PO has the new translation" grep -q 'msgstr "Hãy giữ bình tĩnh"' "$po"
check "the final unit is translated, not fuzzy" python3 - "$po" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index('msgid "Breathe slowly.')
block = s[s.rindex("\n\n", 0, i):s.index("\n\n", i)]
assert 'msgstr "Thở chậm. Đường dây nóng là {{ hotline }}."' in block, block
assert "fuzzy" not in block, block
PY
check "an untouched catalog keeps its bytes" test "$(sha256sum "$kit/locales/vi/guide/second.po")" = "$before_other"
check "msgfmt --check accepts the result" msgfmt --check -o /dev/null "$po"

snapshot=$(tree_hash "$kit/locales")
expect_status 0 "a second import" K xliff import "$xlf"
expect_stderr "0 entries updated" "the second import updates nothing"
expect_stderr "0 catalogs written" "the second import writes nothing"
check "a second import changes no file" test "$(tree_hash "$kit/locales")" = "$snapshot"

# The English of a unit changed since the export (here: in the document).
sed -i 's|<source>Stay calm</source>|<source>Stay very calm</source>|; s|<target>Hãy giữ bình tĩnh</target>|<target>Hãy rất bình tĩnh</target>|' "$xlf"
expect_status 1 "import with a changed source exits 1" K xliff import "$xlf"
expect_stderr "vi\.xlf:[0-9]+(:0)?: warning: unit 'e[0-9]+' kept out: source changed" "the kept-out unit is named with file and line"
expect_stderr "1 unit kept out" "the summary counts it"
check "the kept-out translation never reaches the PO" bash -c "! grep -q 'Hãy rất bình tĩnh' '$po'"
check "the PO keeps its earlier translation" grep -q 'msgstr "Hãy giữ bình tĩnh"' "$po"
expect_status 1 "--strict exits 1 too" K xliff import --strict "$xlf"
sed -i 's|<source>Stay very calm</source>|<source>Stay calm</source>|; s|<target>Hãy rất bình tĩnh</target>|<target>Hãy giữ bình tĩnh</target>|' "$xlf"

# A target that changes the emergency number is kept out, the PO keeps
# the English, and the import exits 1 even though another edit went in.
python3 - "$xlf" <<'PY'
import sys, re
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
def translate(source, target):
    global s
    old = '<segment state="initial">\n        <source>%s</source>\n      </segment>' % source
    assert old in s, source
    s = s.replace(old, '<segment state="translated">\n        <source>%s</source>\n'
                       '        <target>%s</target>\n      </segment>' % (source, target))
translate("Call **911** if [someone is hurt](second.md#help).", "Gọi **912** nếu [có người bị thương](second.md#help).")
translate("Look around.", "Nhìn xung quanh.")
open(p, "w", encoding="utf-8").write(s)
PY
expect_status 1 "an import that changes 911 to 912 exits 1" K xliff import "$xlf"
expect_stderr "vi\.xlf:[0-9]+(:0)?: warning: unit 'e3' kept out: translation refused: drops the number '911'; adds the number '912'" "the refusal names the unit, the line and the fact"
expect_stderr "1 entry updated, .* 1 unit kept out; 1 catalog written" "the harmless edit is written"
check "912 never reaches the PO" bash -c "! grep -q 912 '$po'"
check "the entry stays untranslated" python3 - "$po" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
assert 'msgid "Call **911** if [someone is hurt](second.md#help)."\nmsgstr ""\n' in s
PY
check "the harmless edit is in the PO" grep -q 'msgstr "Nhìn xung quanh."' "$po"

# XLIFF 1.2 round-trips too.
x12="$WORK/vi12.xlf"
expect_status 0 "export 1.2" K xliff export --lang vi --version 1.2 -o "$x12"
check "the 1.2 document is well-formed" xmllint --noout "$x12"
check "it is XLIFF 1.2" grep -q 'urn:oasis:names:tc:xliff:document:1.2" version="1.2"' "$x12"
snapshot=$(tree_hash "$kit/locales")
expect_status 0 "import 1.2 unchanged" K xliff import "$x12"
check "importing an unedited 1.2 export changes nothing" test "$(tree_hash "$kit/locales")" = "$snapshot"
sed -i 's|<target state="translated">Hãy giữ bình tĩnh</target>|<target state="needs-review-translation">Giữ bình tĩnh nhé</target>|' "$x12"
expect_status 0 "import 1.2 edited" K xliff import "$x12"
check "the 1.2 target arrives as fuzzy" python3 - "$po" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index('msgid "Stay calm"')
block = s[s.rindex("\n\n", 0, i):s.index("\n\n", i)]
assert "#, fuzzy" in block and 'msgstr "Giữ bình tĩnh nhé"' in block, block
PY

# Hostile input is refused, and nothing is written.
snapshot=$(tree_hash "$kit/locales")
cat >"$WORK/xxe.xlf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="vi">
  <file id="f1" original="locales/vi/guide/first.po"><unit id="e1"><segment state="translated">
    <source>Stay calm</source><target>&e;</target></segment></unit></file>
</xliff>
XML
expect_status 1 "an external entity is refused" K xliff import "$WORK/xxe.xlf"
expect_stderr "xxe\.xlf:2:[0-9]+: error: the DOCTYPE declares the entity 'e'" "the refusal names the declaration"
check "nothing from /etc/passwd reaches the output" bash -c "! grep -q 'root:' '$WORK/stderr'"
check "a refused document writes nothing" test "$(tree_hash "$kit/locales")" = "$snapshot"
printf 'not xml at all' >"$WORK/garbage.xlf"
expect_status 1 "garbage is an error" K xliff import "$WORK/garbage.xlf"
expect_stderr "garbage\.xlf:1:[0-9]+: error: " "the error has a position"
expect_status 1 "a missing file is an error" K xliff import "$WORK/none.xlf"

# Usage errors.
expect_status 2 "no action" K xliff
expect_status 2 "unknown action" K xliff convert
expect_status 2 "export without --lang" K xliff export
expect_status 2 "an unknown version" K xliff export --lang vi --version 3.0
expect_status 2 "an unknown export option" K xliff export --lang vi --bogus
expect_status 2 "import without a file" K xliff import
expect_status 2 "import with two files" K xliff import a.xlf b.xlf
expect_status 0 "help" K xliff --help
expect_status 1 "the source language has nothing to export" K xliff export --lang en
expect_status 1 "an unconfigured language" K xliff export --lang de
finish
