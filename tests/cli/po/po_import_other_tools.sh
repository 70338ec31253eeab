# po_import_other_tools: the bundled kit's Vietnamese goes through the
# tools translators use and comes back. With the real translate-toolkit
# and gettext: pocount counts kitgen's XLIFF 1.2 as translated; export ->
# xliff2po -> kitgen po import changes nothing; an edited whole-language PO
# brings in the harmless edit, keeps out 911 -> 912 and a context-less
# "Handout", exits 1, and writes what msgcat reproduces byte for byte; a
# 2.0 document stripped of every state and an XLIFF 1.1 document without
# contexts import as no-ops.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit bundled "$kit"
K() { "$KITGEN" -C "$kit" --no-color "$@"; }
for tool in pocount xliff2po po2xliff msgcat msgfmt xmllint; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (translate-toolkit, gettext, libxml2-utils)"
done

x12="$WORK/vi12.xlf"
expect_status 0 "export 1.2" K xliff export --lang vi --version 1.2 -o "$x12"
check "the export is well-formed XML" xmllint --noout "$x12"
units=$(grep -c '<trans-unit ' "$x12")
groups=$(grep -c 'restype="x-gettext-plurals"' "$x12")
pocount --no-color "$x12" >"$WORK/pocount" 2>/dev/null || true
translated=$(awk '/^Translated:/ {print $2}' "$WORK/pocount")
total=$(awk '/^Total:/ {print $2}' "$WORK/pocount")
check "pocount reads every unit ($total of $units)" test "$total" -eq "$units"
check "pocount counts every unit of a finished language as translated ($translated of $total)" \
  test "$translated" -eq "$total"
check "references travel where translate-toolkit reads them" grep -q '<context-group name="po-reference" purpose="location">' "$x12"
check "plural groups are there ($groups)" test "$groups" -gt 0

xliff2po "$x12" "$WORK/vi.po" >/dev/null 2>&1
check "xliff2po keeps the references" grep -q '^#: content/_index.md:' "$WORK/vi.po"
check "xliff2po sees no fuzzy entry" bash -c "! grep -q '^#, fuzzy' <(sed '1,/^\$/d' '$WORK/vi.po')"
snapshot=$(tree_hash "$kit/locales")
expect_status 0 "po import of the unedited round trip" K po import --lang vi "$WORK/vi.po"
expect_stderr "0 entries updated, [0-9]+ unchanged, 0 entries kept out; 0 catalogs written" "nothing changes"
check "export -> xliff2po -> po import leaves locales/ as it was" test "$(tree_hash "$kit/locales")" = "$snapshot"

# po2xliff makes XLIFF 1.1 with one <file> named after the PO file and no
# target language, and drops every msgctxt: without --lang the import
# says how it comes back and changes nothing; with --lang vi the units are
# matched like a whole-language PO's (the round trip export -> xliff2po ->
# po2xliff -> import changes nothing).
po2xliff "$WORK/vi.po" "$WORK/from-po.xlf" >/dev/null 2>&1
check "po2xliff wrote XLIFF 1.1" grep -q 'version="1.1"' "$WORK/from-po.xlf"
check "po2xliff dropped the contexts" bash -c "! grep -q resname '$WORK/from-po.xlf'"
expect_status 1 "a po2xliff document without --lang is kept out" K xliff import "$WORK/from-po.xlf"
expect_stderr "is not a catalog of this kit .*imported with --lang naming its language" "the warning names the way"
check "nothing is written" test "$(tree_hash "$kit/locales")" = "$snapshot"
expect_status 0 "the po2xliff document with --lang vi" K xliff import --lang vi "$WORK/from-po.xlf"
expect_stderr "0 entries updated, [0-9]+ unchanged, 0 units kept out; 0 catalogs written" "the round trip through po2xliff changes nothing"
check "export -> xliff2po -> po2xliff -> import leaves locales/ as it was" test "$(tree_hash "$kit/locales")" = "$snapshot"
python3 - "$WORK/from-po.xlf" "$WORK/from-po-edited.xlf" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
for old, new in [("hãy gọi 911.</target>", "hãy gọi 912.</target>"),
                 (">Tải xuống</target>", ">Mục tải xuống</target>")]:
    assert old in s, old
    s = s.replace(old, new, 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
expect_status 1 "an edited po2xliff document with 912 exits 1" K xliff import --lang vi "$WORK/from-po-edited.xlf"
expect_stderr "from-po-edited\.xlf:[0-9]+(:0)?: warning: entry kept out: translation refused: drops the number '911'; adds the number '912'" "the refusal names the XLIFF line"
expect_stderr "1 entry updated, [0-9]+ unchanged, 1 unit kept out; 1 catalog written" "the harmless edit is written"
check "912 reaches no catalog" bash -c "! grep -rq 'gọi 912' '$kit/locales'"
check "the harmless edit is in ui.po" grep -q '^msgstr "Mục tải xuống"' "$kit/locales/vi/ui.po"
git_restore() { rm -rf "$kit/locales" && cp -r "$KITGEN_SOURCE_DIR/locales" "$kit/locales"; }
git_restore
check "locales/ restored for what follows" test "$(tree_hash "$kit/locales")" = "$snapshot"

# The agency edits the whole-language PO.
python3 - "$WORK/vi.po" "$WORK/vi-edited.po" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
def edit(old, new):
    global s
    assert s.count(old) >= 1, old
    s = s.replace(old, new, 1)
edit("hãy gọi 911.", "hãy gọi 912.")
edit('msgstr "Tải xuống"', 'msgstr "Các tệp tải xuống"')
# A "Handout" whose context was lost on the way (xliff2po writes an empty
# one) with a new translation: two entries of ui.po (no context, context
# "handout") have this English, so it is bound to neither.
i = s.index('msgctxt ""\nmsgid "Handout"\nmsgstr "')
j = s.index('\n', s.index('msgstr', i))
s = s[:i] + 'msgctxt ""\nmsgid "Handout"\nmsgstr "Tài liệu phát"' + s[j:]
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
index_before=$(sha256sum <"$kit/locales/vi/_index.po")
expect_status 1 "an import that changes 911 to 912 exits 1" K po import --lang vi "$WORK/vi-edited.po"
expect_stderr "vi-edited\.po:[0-9]+(:0)?: warning: entry kept out: translation refused: drops the number '911'; adds the number '912' \(in locales/vi/_index\.po\)" "the refusal names the line, the fact and the catalog"
expect_stderr "vi-edited\.po:[0-9]+(:0)?: warning: entry kept out: ambiguous \(2 entries in 2 contexts" "the context-less Handout is ambiguous"
expect_stderr "1 entry updated, [0-9]+ unchanged, 2 entries kept out; 1 catalog written" "only the harmless edit is written"
check "the page catalog keeps its bytes (911 stays)" test "$(sha256sum <"$kit/locales/vi/_index.po")" = "$index_before"
check "912 reaches no catalog" bash -c "! grep -rq 'gọi 912' '$kit/locales'"
check "no Handout took the guess" bash -c "! grep -rq 'Tài liệu phát' '$kit/locales'"
check "the harmless edit is in ui.po" grep -q '^msgstr "Các tệp tải xuống"' "$kit/locales/vi/ui.po"
check "msgcat reproduces the written ui.po byte for byte" bash -c "msgcat '$kit/locales/vi/ui.po' | cmp -s - '$kit/locales/vi/ui.po'"
check "msgfmt --check accepts it" msgfmt --check -o /dev/null "$kit/locales/vi/ui.po"

# XLIFF 2.0 from a tool that dropped every state attribute.
x20="$WORK/vi20.xlf"
expect_status 0 "export 2.0" K xliff export --lang vi -o "$x20"
sed -E 's/ (state|subState)="[^"]*"//g' "$x20" >"$WORK/nostate.xlf"
check "the stripped document has no state left" bash -c "! grep -q 'tate=' '$WORK/nostate.xlf'"
snapshot=$(tree_hash "$kit/locales")
expect_status 0 "a 2.0 document without states imports" K xliff import "$WORK/nostate.xlf"
expect_stderr "0 entries updated, [0-9]+ unchanged, 0 units kept out; 0 catalogs written" "no entry turns fuzzy"
check "locales/ is unchanged" test "$(tree_hash "$kit/locales")" = "$snapshot"

# XLIFF 1.1 (po2xliff, Okapi) without the contexts.
expect_status 0 "export 1.2 again" K xliff export --lang vi --version 1.2 -o "$x12"
sed -e 's|urn:oasis:names:tc:xliff:document:1.2" version="1.2"|urn:oasis:names:tc:xliff:document:1.1" version="1.1"|' \
    -e 's/ resname="[^"]*"//' "$x12" >"$WORK/vi11.xlf"
check "the 1.1 document says 1.1" grep -q 'version="1.1"' "$WORK/vi11.xlf"
check "and has no context" bash -c "! grep -q resname '$WORK/vi11.xlf'"
expect_status 0 "a 1.1 document imports" K xliff import "$WORK/vi11.xlf"
expect_stderr "0 entries updated, [0-9]+ unchanged, 0 units kept out; 0 catalogs written" "the 1.1 round trip changes nothing"
check "locales/ is unchanged after 1.1" test "$(tree_hash "$kit/locales")" = "$snapshot"

# Usage errors and refusals.
expect_status 2 "po without an action" K po
expect_status 2 "po import without --lang" K po import "$WORK/vi.po"
expect_status 2 "po import without a file" K po import --lang vi
expect_status 1 "the source language" K po import --lang en "$WORK/vi.po"
printf 'msgid ""\nmsgstr ""\n"Language: km\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Downloads"\nmsgstr "x"\n' >"$WORK/km.po"
snapshot=$(tree_hash "$kit/locales")
expect_status 1 "a PO of another language is refused" K po import --lang vi "$WORK/km.po"
expect_stderr "km\.po:1(:0)?: error: the Language header says 'km', not 'vi'" "the refusal names both"
check "a refused PO writes nothing" test "$(tree_hash "$kit/locales")" = "$snapshot"
finish
