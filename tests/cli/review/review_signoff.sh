#!/bin/bash
# review_signoff.sh: a native speaker's sign-off (kitgen review) holds only
# while the page's catalog is what was reviewed. Signs off a translated page
# of the mini kit, builds (draft notice gone, "reviewed" line on the page and
# in the handout's footer, read back with pdftotext), edits one msgstr
# (draft notice back, status: review outdated, the status page lists it),
# restores it (reviewed again without a new sign-off). Then the refusals:
# a page with untranslated units, a hand-edited hash, status: reviewed.
source "$(dirname "$0")/../lib.sh"
kit=$WORK/kit
copy_kit mini-vi "$kit"
po=$kit/locales/vi/guide/first.po
page=$kit/out/vi/guide/first/index.html
pdf=$kit/out/vi/guide/first/first-vi-handout.pdf
export SOURCE_DATE_EPOCH=1764979200 # 2025-12-06

build() { expect_status 0 "$1: builds" "$KITGEN" -C "$kit" build --quiet --no-sync; }
reviewed_html() { grep -q 'class="notice notice-reviewed" role="note">Reviewed by a native speaker on ' "$page"; }
draft_html() { grep -q 'class="notice notice-draft"' "$page"; }
reviewed_pdf() { pdftotext "$pdf" - | grep -q 'Reviewed by a native speaker on'; }
draft_pdf() { pdftotext "$pdf" - | grep -q 'This translation is a draft'; }

# Before any review: a draft, like every page of a draft language.
build "before review"
check "unreviewed: the draft notice is on the page" draft_html
check "unreviewed: no reviewed line on the page" bash -c "! grep -q notice-reviewed '$page'"
check "unreviewed: the handout carries the draft notice" draft_pdf

# Sign-off.
expect_status 0 "review of a fully translated page" \
  "$KITGEN" -C "$kit" review --lang vi --by "Nguyễn Văn A" --note "checked phone numbers" guide/first
expect_stderr "1 page of 'vi' recorded as reviewed by Nguyễn Văn A on 2025-12-06" "review says what it recorded"
check "REVIEWS holds the record" grep -qP '^guide/first\t2025-12-06\tsha256:[0-9a-f]{64}\tNguyễn Văn A\tchecked phone numbers$' \
  "$kit/locales/vi/REVIEWS"
build "after review"
check "reviewed: the draft notice is gone from the page" bash -c "! grep -q notice-draft '$page'"
check "reviewed: the reviewed line is on the page" reviewed_html
check "reviewed: the date is the review's, in Vietnamese (ICU's no-break spaces)" \
  grep -q "native speaker on 6$(printf '\u00a0')tháng$(printf '\u00a0')12,$(printf '\u00a0')2025" "$page"
check "reviewed: the handout's footer has the reviewed line" reviewed_pdf
check "reviewed: the handout has no draft notice" bash -c "! pdftotext '$pdf' - | grep -q 'This translation is a draft'"
check "reviewed: an unreviewed page keeps its draft notice" \
  grep -q 'notice-draft' "$kit/out/vi/guide/second/index.html"
"$KITGEN" -C "$kit" status --by-page --lang vi >"$WORK/status.txt"
check "status: the page is reviewed, with its date" grep -qE 'guide/first\.md .* reviewed 2025-12-06' "$WORK/status.txt"

# One msgstr edited: the review is outdated.
cp "$po" "$WORK/first.po"
python3 - "$po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = 'msgstr "Bắt đầu từ đây."'
assert old in s
open(p, "w", encoding="utf-8").write(s.replace(old, 'msgstr "Hãy bắt đầu từ đây."'))
PY
build "after an edit"
check "edited: the draft notice is back" draft_html
check "edited: no reviewed line" bash -c "! grep -q notice-reviewed '$page'"
check "edited: the handout has the draft notice again" draft_pdf
check "edited: the handout has no reviewed line" bash -c "! pdftotext '$pdf' - | grep -q 'Reviewed by a native'"
"$KITGEN" -C "$kit" status --by-page --lang vi >"$WORK/status.txt"
check "status: review outdated, with the last review's date" \
  grep -qE 'guide/first\.md .* review outdated, last reviewed 2025-12-06' "$WORK/status.txt"
check "status: the language row counts it" grep -qE '^vi .*1 review outdated' "$WORK/status.txt"
"$KITGEN" -C "$kit" status --by-page --format json >"$WORK/status.json"
check "status json: review outdated" python3 - "$WORK/status.json" <<'PY'
import json, sys
st = json.load(open(sys.argv[1]))
vi = [l for l in st["languages"] if l["tag"] == "vi"][0]
p = [p for p in vi["pages"] if p["path"] == "content/guide/first.md"][0]
assert vi["review_outdated"] == 1 and vi["reviewed_pages"] == 0, vi
assert p["review"] == "outdated" and p["review_date"] == "2025-12-06", p
PY
check "status page: lists the outdated review" grep -q 'locales/vi/guide/first.po</code> (2025-12-06)' \
  "$kit/out/status/index.html"

# Restored: the hash matches again, no new sign-off needed.
cp "$WORK/first.po" "$po"
build "after restoring"
check "restored: reviewed again" reviewed_html
check "restored: no draft notice" bash -c "! grep -q notice-draft '$page'"
check "restored: the handout's footer has the reviewed line again" reviewed_pdf
clean_build_equals "restored" "$kit"

# The English changed but the catalog is not updated yet: not reviewed.
cp "$kit/content/guide/first.md" "$WORK/first.md"
sed -i 's/^Breathe slowly\./Breathe slowly and deeply./' "$kit/content/guide/first.md"
check "the test changed the English" bash -c "! cmp -s '$kit/content/guide/first.md' '$WORK/first.md'"
build "after an English edit"
check "English changed: the draft notice is back" draft_html
cp "$WORK/first.md" "$kit/content/guide/first.md"

# Refused: a page with untranslated units, naming them; nothing written.
cp "$kit/locales/vi/REVIEWS" "$WORK/REVIEWS"
expect_status 1 "review of a page with untranslated units" \
  "$KITGEN" -C "$kit" review --lang vi --by "B" guide/first guide/second
expect_stderr "locales/vi/guide/second.po:[0-9]+:1: error: untranslated 'Second steps'" \
  "the refusal names the catalog, line and unit"
check "a refused review writes nothing (not even the good page)" cmp "$WORK/REVIEWS" "$kit/locales/vi/REVIEWS"
expect_status 1 "a page that is not in the kit" "$KITGEN" -C "$kit" review --lang vi --by B guide/none
expect_stderr "'guide/none' is not a page of the kit" "names the unknown page"
expect_status 2 "no --by" "$KITGEN" -C "$kit" review --lang vi guide/first
expect_status 1 "the source language" "$KITGEN" -C "$kit" review --lang en --by B guide/first
expect_status 1 "a reviewer with a tab" "$KITGEN" -C "$kit" review --lang vi --by "$(printf 'a\tb')" guide/first

# Refused: a unit the safety checks refuse (a changed number).
python3 - "$po" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s2 = s.replace("555-0100", "555-0199", 1)
if s2 == s:  # no number in a msgstr: add one the English does not have
    s2 = s.replace('msgstr "Bắt đầu từ đây."', 'msgstr "Bắt đầu từ đây 2."')
assert s2 != s
open(p, "w", encoding="utf-8").write(s2)
PY
expect_status 1 "review of a page with a refused unit" "$KITGEN" -C "$kit" review --lang vi --by B guide/first
expect_stderr "locales/vi/guide/first.po:[0-9]+:[0-9]+: error: refused \(" "names the refused unit"
cp "$WORK/first.po" "$po"

# A hand-edited hash: a warning, and the page is not reviewed.
sed -i 's/sha256:\([0-9a-f]\{10\}\)/sha256:zz/' "$kit/locales/vi/REVIEWS"
expect_status 0 "a build with a broken hash" "$KITGEN" -C "$kit" build --quiet --no-sync
expect_stderr "locales/vi/REVIEWS:4:[0-9]+: warning: the review hash of 'guide/first' does not parse" \
  "the broken hash is a located warning"
check "broken hash: the page is a draft" draft_html
cp "$WORK/REVIEWS" "$kit/locales/vi/REVIEWS"

# status: reviewed in kit.yaml is checked: a warning naming the pages
# without a current review, an error with --strict.
sed -i '/- tag: vi/{n;s/status: draft/status: reviewed/}' "$kit/kit.yaml"
check "the test marked vi reviewed" grep -q 'status: reviewed' "$kit/kit.yaml"
expect_status 0 "check without --strict" "$KITGEN" -C "$kit" check
expect_stderr "kit.yaml:[0-9]+:[0-9]+: warning: 'vi' is marked reviewed but 3 pages have no current native-speaker review \(kitgen review\): _index.md, guide/_index.md, guide/second.md" \
  "the unreviewed pages are named"
expect_status 1 "check --strict" "$KITGEN" -C "$kit" check --strict
expect_stderr "--strict: warnings fail the check" "--strict fails on it"

[ "$failures" = 0 ] && echo "review_signoff: $checks checks passed"
exit $(( failures > 0 ))
