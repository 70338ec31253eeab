#!/bin/bash
# glossary.sh: a kit's glossary from glossary.yaml to the check. extract
# writes locales/pot/glossary.pot (warning about a duplicate term and a term
# in no page), update makes locales/vi/glossary.po; a unit translating
# "Delegate" without the approved term is reported at its PO file and line,
# naming the term: a warning that passes `kitgen check`, fails --strict.
# A forbidden term is reported; a lowercase "delegate" is not (the term is
# case-sensitive); "bystanders'" is (plural and possessive). A glossary
# entry that changes a number is refused like any unit. Finally the bundled
# kit passes check --strict with its glossaries, and fails once one of its
# translations of "Delegate" loses the term.
source "$(dirname "$0")/../lib.sh"
kit=$WORK/kit
copy_kit mini-vi "$kit"
export SOURCE_DATE_EPOCH=1764979200
cat >>"$kit/content/guide/first.md" <<'EOF'

Delegate: ask the other bystanders' help.

Do not delegate your own safety.
EOF
cat >"$kit/glossary.yaml" <<'EOF'
terms:
  - term: Delegate
    note: "One of the five responses."
    case_sensitive: true
  - bystander
  - Bystander
  - "911"
  - tram
EOF
expect_status 0 "extract with a glossary" "$KITGEN" -C "$kit" extract
expect_stderr "glossary.yaml:6:5: warning: the term 'Bystander' is in the glossary twice" "a duplicate term is a warning"
expect_stderr "glossary.yaml:8: warning: the term 'tram' is in no page's English" "a term in no page is a warning"
check "glossary.pot is written" grep -q '^msgid "Delegate"$' "$kit/locales/pot/glossary.pot"
check "glossary.pot says which terms match as written" grep -q '^#\. match: as written (case-sensitive)$' "$kit/locales/pot/glossary.pot"
check "glossary.pot leaves the duplicate out" bash -c "! grep -q '^msgid \"Bystander\"' '$kit/locales/pot/glossary.pot'"
expect_status 0 "update with a glossary" "$KITGEN" -C "$kit" update --lang vi
gl=$kit/locales/vi/glossary.po
check "update makes locales/vi/glossary.po" grep -q '^msgid "Delegate"$' "$gl"
python3 - "$gl" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
def tr(msgid, msgstr, comments=""):
    global s
    old = 'msgid "%s"\nmsgstr ""' % msgid
    assert old in s, msgid
    s = s.replace(old, 'msgid "%s"\nmsgstr "%s"' % (msgid, msgstr))
    if comments:
        i = s.index(old.split("\n")[0])
        j = s.rfind("\n\n", 0, i) + 2
        s = s[:j] + comments + s[j:]
tr("Delegate", "nhờ người giúp", "# avoid: ủy quyền (sounds like a legal handover)\n")
tr("bystander", "người chứng kiến")
tr("911", "911")
open(p, "w", encoding="utf-8").write(s)
PY
po=$kit/locales/vi/guide/first.po
translate "$po" "Delegate: ask the other bystanders' help." "Ủy quyền: nhờ những người xung quanh giúp."
translate "$po" "Do not delegate your own safety." "Đừng giao sự an toàn của mình cho người khác."
line=$(grep -n '^msgid "Delegate: ask' "$po" | cut -d: -f1)
expect_status 0 "check without --strict passes" "$KITGEN" -C "$kit" check
expect_stderr "locales/vi/guide/first.po:$line:1: warning: glossary term 'Delegate': the translation lacks the approved 'nhờ người giúp' \(locales/vi/glossary.po:[0-9]+\)" \
  "the missing term is named at the PO file and line"
expect_stderr "locales/vi/guide/first.po:$line:1: warning: glossary term 'Delegate': the translation uses 'ủy quyền', which the glossary says to avoid" \
  "a forbidden term is named"
expect_stderr "locales/vi/guide/first.po:$line:1: warning: glossary term 'bystander': the translation lacks the approved 'người chứng kiến'" \
  "a plural possessive (bystanders') is the term"
check "a case-sensitive term ignores 'delegate'" bash -c "! grep -q \"first.po:$((line + 1))\|first.po:$((line + 2))\|first.po:$((line + 3))\|first.po:$((line + 4))\" '$WORK/stderr'"
expect_stderr "0 errors, 0 findings, 4 other warnings" "glossary findings are not safety findings (the fourth: the mini kit's chk)"
expect_status 1 "check --strict fails on them" "$KITGEN" -C "$kit" check --strict
expect_stderr "first.po:$line:1: warning: glossary term 'Delegate'" "--strict names the unit too"
expect_status 1 "build --strict fails on them" "$KITGEN" -C "$kit" build --strict --quiet

# Fixed: the approved terms, nothing to avoid.
python3 /dev/stdin "$po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("Ủy quyền: nhờ những người xung quanh giúp.", "Nhờ người giúp: hỏi những người chứng kiến khác.")
open(p, "w", encoding="utf-8").write(s)
PY
expect_status 0 "check passes once the translation uses the terms" "$KITGEN" -C "$kit" check
check "no glossary finding is left" bash -c "! grep -q 'glossary term' '$WORK/stderr'"

# A glossary entry is a unit like any other: a changed number is refused.
sed -i 's/^msgstr "911"$/msgstr "991"/' "$gl"
expect_status 1 "a glossary entry that changes a number" "$KITGEN" -C "$kit" check
expect_stderr "locales/vi/glossary.po:[0-9]+:1: warning: refused translation of the glossary term '911': .*911" \
  "the refused glossary entry is named"

# The bundled kit: clean with its glossaries, and the check can fail there.
bundled=$WORK/bundled
copy_kit bundled "$bundled"
expect_status 0 "the bundled kit passes check --strict with its glossaries" "$KITGEN" -C "$bundled" check --strict
fr=$bundled/locales/vi/education/five-responses.po
check "the bundled vi page uses the approved term for Delegate" grep -q 'nhờ người giúp' "$fr"
python3 - "$fr" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
# the heading "2. Delegate"
m = re.search(r'msgid "Delegate"\nmsgstr "([^"]*)"', s)
assert m, "no Delegate heading"
s = s.replace(m.group(0), 'msgid "Delegate"\nmsgstr "Ủy thác"')
open(p, "w", encoding="utf-8").write(s)
PY
expect_status 1 "the bundled kit fails check --strict without the term" "$KITGEN" -C "$bundled" check --strict
expect_stderr "locales/vi/education/five-responses.po:[0-9]+:1: warning: glossary term 'Delegate': the translation lacks the approved 'nhờ người giúp'" \
  "names the bundled PO file, line and term"

[ "$failures" = 0 ] && echo "glossary: $checks checks passed"
exit $(( failures > 0 ))
