# po_import_rules: how kitgen po import matches a whole-language PO's
# entries to the kit's catalogs — plurals with every form, a singular entry
# for a one-form language's plural (as xliff2po flattens them), fuzzy
# entries, xliff2po's "file:line" contexts narrowed by reference, English
# or contexts the kit no longer has, and a dropped {n} placeholder.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
K() { "$KITGEN" -C "$kit" --no-color "$@"; }
expect_status 0 "extract" K extract
expect_status 0 "update" K update
ur="$kit/locales/ur/ui.po"
chk="$kit/locales/chk/ui.po"
check "ur has two plural forms" grep -q 'nplurals=2' "$ur"

cat >"$WORK/ur.po" <<'PO'
msgid ""
msgstr ""
"Language: ur\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "This kit has {n} module."
msgid_plural "This kit has {n} modules."
msgstr[0] "اس کٹ میں {n} ماڈیول ہے۔"
msgstr[1] "اس کٹ میں {n} ماڈیول ہیں۔"

#, fuzzy
msgid "Downloads"
msgstr "ڈاؤن لوڈ"

#: templates/partials/module-list.html:3
msgctxt "templates/partials/module-list.html:3"
msgid "Handout"
msgstr "ہینڈ آؤٹ"

msgid "A sentence the kit never had"
msgstr "کبھی نہیں"

msgctxt "no-such-context"
msgid "Search"
msgstr "تلاش"

msgid "Updated {date}"
msgstr "تازہ کاری"
PO
expect_status 1 "po import exits 1 when an entry is kept out" K po import --lang ur "$WORK/ur.po"
expect_stderr "ur\.po:21(:0)?: warning: entry kept out: source changed \(no catalog of the language has this English\)" "unknown English is named"
expect_stderr "ur\.po:25(:0)?: warning: entry kept out: source changed \(no catalog of the language has this context and English\)" "an unknown context is not dropped"
expect_stderr "ur\.po:28(:0)?: warning: entry kept out: translation refused: drops the placeholder 'date' \(in locales/ur/ui\.po\)" "a dropped placeholder is refused"
expect_stderr "3 entries updated, [0-9]+ unchanged, 3 entries kept out; 1 catalog written" "the summary counts them"
check "both plural forms arrive" python3 - "$ur" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
assert 'msgstr[0] "اس کٹ میں {n} ماڈیول ہے۔"\nmsgstr[1] "اس کٹ میں {n} ماڈیول ہیں۔"' in s, s
PY
check "the fuzzy entry stays fuzzy" python3 - "$ur" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
assert '#, fuzzy\nmsgid "Downloads"\nmsgstr "ڈاؤن لوڈ"' in s
PY
check "xliff2po's reference context finds the entry with that reference, not the other Handout" python3 - "$ur" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
assert 'module-list.html:3\nmsgid "Handout"\nmsgstr "ہینڈ آؤٹ"' in s, "not applied"
assert 'msgctxt "handout"\nmsgid "Handout"\nmsgstr ""' in s, "the context entry was touched"
PY
check "no refused or unmatched text arrives" bash -c "! grep -rqE 'تازہ کاری|کبھی نہیں|تلاش' '$kit/locales'"
check "msgcat reproduces the written catalog" bash -c "msgcat '$ur' | cmp -s - '$ur'"

# A fuzzy translation that still has a wrong number, confirmed unchanged
# by the translator: checked again, kept out, still fuzzy.
first="$kit/locales/ur/guide/first.po"
python3 - "$first" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = 'msgid "Call **911** if [someone is hurt](second.md#help)."\nmsgstr ""'
assert old in s
s = s.replace(old, '#, fuzzy\n' + old[:-2] + '"**912** پر کال کریں اگر [کوئی زخمی ہو](second.md#help)۔"')
open(p, "w", encoding="utf-8").write(s)
PY
cat >"$WORK/ur2.po" <<'PO'
msgid ""
msgstr ""
"Language: ur\n"

msgid "Call **911** if [someone is hurt](second.md#help)."
msgstr "**912** پر کال کریں اگر [کوئی زخمی ہو](second.md#help)۔"
PO
expect_status 1 "confirming a fuzzy translation with a wrong number exits 1" K po import --lang ur "$WORK/ur2.po"
expect_stderr "ur2\.po:5(:0)?: warning: entry kept out: translation refused: drops the number '911'; adds the number '912'" "the unchanged text is checked again"
check "and is still marked fuzzy" bash -c "grep -B1 '^msgid \"Call \*\*911' '$first' | grep -q '#, fuzzy'"

# A one-form language's plural, flattened to a singular entry by xliff2po.
cat >"$WORK/chk.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "This kit has {n} module."
msgstr "Ei kit a wor {n} module."
PO
expect_status 0 "po import into a one-form language" K po import --lang chk "$WORK/chk.po"
expect_stderr "1 entry updated" "the plural entry is updated"
check "the singular entry fills the plural's one form" python3 - "$chk" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
assert 'msgid_plural "This kit has {n} modules."\nmsgstr[0] "Ei kit a wor {n} module."' in s, s
PY
snapshot=$(tree_hash "$kit/locales")
expect_status 0 "the same import again" K po import --lang chk "$WORK/chk.po"
expect_stderr "0 entries updated, 1 unchanged, 0 entries kept out; 0 catalogs written" "a second import changes nothing"
check "locales/ is unchanged" test "$(tree_hash "$kit/locales")" = "$snapshot"
expect_status 1 "an unconfigured language" K po import --lang de "$WORK/chk.po"
expect_status 1 "a missing file" K po import --lang chk "$WORK/none.po"
expect_stderr "none\.po: error: cannot open" "the missing file is named"
finish
