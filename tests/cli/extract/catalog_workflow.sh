# catalog_workflow: extract -> update -> translate -> build, as an outreach
# team and a translator run it; a changed English sentence becomes exactly
# one fuzzy entry per language; a translation that changes a number never
# reaches out/.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
K() { "$KITGEN" -C "$kit" --no-color "$@"; }

expect_status 0 "extract" K extract
check "a POT per page" test -f "$kit/locales/pot/guide/first.pot"
check "a POT for the home page" test -f "$kit/locales/pot/_index.pot"
check "ui.pot from the templates" grep -q 'msgid "Skip to content"' "$kit/locales/pot/ui.pot"
check "units carry their source line" grep -q '^#: content/guide/first.md:10$' "$kit/locales/pot/guide/first.pot"
check "units say what they are" grep -q '^#. type: heading 2$' "$kit/locales/pot/guide/first.pot"
check "inline Markdown stays in the unit" grep -q 'msgid "Call \*\*911\*\* if \[someone is hurt\](second.md#help)."' "$kit/locales/pot/guide/first.pot"
for f in $(find "$kit/locales/pot" -name '*.pot'); do
  check "msgfmt --check accepts $f" msgfmt --check -o /dev/null "$f" 2>/dev/null
done
before=$(tree_hash "$kit/locales")
sleep 1.1
expect_status 0 "extract again" K extract
check "re-extracting changes nothing" test "$(tree_hash "$kit/locales")" = "$before"

expect_status 0 "update" K update
po="$kit/locales/vi/guide/first.po"
check "update creates the vi catalog" test -f "$po"
check "new catalog has its Language" grep -q '"Language: vi\\n"' "$po"
check "new catalog has CLDR plural forms" grep -q '"Plural-Forms: nplurals=1; plural=0;\\n"' "$po"
check "source language gets no catalog" test ! -e "$kit/locales/en"
for f in $(find "$kit/locales" -name '*.po'); do
  check "msgfmt --check accepts $f" msgfmt --check -o /dev/null "$f" 2>/dev/null
done

# A translator fills in two units with Python (as Poedit would).
python3 - "$po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('msgid "Stay calm"\nmsgstr ""', 'msgid "Stay calm"\nmsgstr "Giữ bình tĩnh"')
s = s.replace('msgid "Call **911** if [someone is hurt](second.md#help)."\nmsgstr ""',
              'msgid "Call **911** if [someone is hurt](second.md#help)."\nmsgstr "Gọi **911** nếu [có người bị thương](second.md#help)."')
open(p, "w", encoding="utf-8").write(s)
PY
expect_status 0 "build with a translation" K build --quiet
page="$kit/out/vi/guide/first/index.html"
check "translated heading is used" grep -q '<h2 id="stay-calm">Giữ bình tĩnh</h2>' "$page"
check "translated paragraph keeps its rewritten link" grep -q 'Gọi <strong>911</strong> nếu <a href="../../../vi/guide/second/#help">có người bị thương</a>.' "$page"
check "untranslated units fall back to English, marked lang=en" grep -q '<p lang="en">Breathe slowly.' "$page"
check "a partly translated page says so" grep -q 'notice-partial' "$page"
expect_status 0 "status" K status --lang vi --format json
check "status counts the two translated units" python3 -c "
import json,sys; d=json.load(open('$WORK/stdout'))
l=d['languages'][0]; assert l['tag']=='vi' and l['translated']==2, l"

# The English changes one sentence: exactly that entry becomes fuzzy.
sed -i 's/^Call \*\*911\*\* if/Call **911** right away if/' "$kit/content/guide/first.md"
expect_status 0 "extract after the edit" K extract
expect_status 0 "update after the edit" K update
# Only vi had translated the sentence; ur and chk had nothing to keep, so
# (as with msgmerge) their entry is simply replaced.
expect_stderr "1 entry became fuzzy" "the one translated entry becomes fuzzy"
check "the edited entry is fuzzy with its previous msgid" python3 - "$po" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
block = s[s.index("#| msgid"):]
block = block[:block.index("\n\n")]
assert "#, fuzzy" in s[s.rindex("\n\n", 0, s.index("#| msgid")):s.index("#| msgid")], "not fuzzy"
assert '#| msgid "Call **911** if [someone is hurt](second.md#help)."' in block, block
assert 'msgid "Call **911** right away if [someone is hurt](second.md#help)."' in block, block
assert s.count("#, fuzzy") == 1, s.count("#, fuzzy")
PY
expect_status 0 "status after the edit" K status --lang vi --format json
check "status shows the fuzzy entry" python3 -c "
import json; l=json.load(open('$WORK/stdout'))['languages'][0]; assert l['fuzzy']==1 and l['translated']==1, l"
expect_status 0 "build after the edit" K build --quiet
check "fuzzy unit shows the new English" grep -q 'lang="en">Call <strong>911</strong> right away' "$page"
check "page says the English changed" grep -q 'notice-outdated' "$page"

# A translation that changes the hotline number is refused.
python3 - "$po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('msgid "Breathe slowly. Our hotline is {{ hotline }}."\nmsgstr ""',
              'msgid "Breathe slowly. Our hotline is {{ hotline }}."\nmsgstr "Thở chậm. Gọi 991."')
open(p, "w", encoding="utf-8").write(s)
PY
expect_status 1 "check --strict fails on the changed number" K check --strict
expect_stderr "locales/vi/guide/first.po:[0-9]+:1: warning: translation refused, source text used instead: .*adds the number '991'.*drops the placeholder 'hotline'" "the finding names the file, line and facts"
expect_status 0 "build still succeeds without --strict" K build --quiet
check "the changed number never reaches out/" bash -c "! grep -rq --include='*.html' --include='*.txt' --include='*.md' --include='*.js' 991 '$kit/out'"
check "the English unit is shown instead" grep -q 'Our hotline is <bdi>555-0100</bdi>.' "$page"
expect_status 1 "build --strict fails" K build --quiet --strict
finish
