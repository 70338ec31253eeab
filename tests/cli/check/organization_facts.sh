#!/bin/bash
# An organization's own facts, safely (issue 19): the publish gate names
# every problem of the bundled kit in one run and its handouts say SAMPLE
# until they are fixed; filled in, the gate passes and the marks are gone;
# the kit title is the reader's language's; URL vars are link targets;
# per-language and prose vars; bad values and names are refused where they
# are written.
source "$(dirname "$0")/../lib.sh"
kit=$WORK/kit
copy_kit bundled "$kit"
rm -rf "$kit/templates"

expect_status 1 "check --publish fails on the bundled kit" "$KITGEN" -C "$kit" check --publish
expect_stderr "^kit.yaml:[0-9]+:[0-9]+: error: base_url 'https://example.org/safety-kit/' is a placeholder address" "names base_url"
for v in org_name org_phone org_address org_website local_hotline hate_incident_report_url language_line; do
  expect_stderr "error: var '$v' is still '\[" "names $v"
done
expect_stderr "note: 'vi' is a draft" "reports drafts as drafts"
check "drafts are not failures" bash -c "! grep -q \"error: 'vi'\" '$WORK/stderr'"
expect_status 1 "build --publish refuses" "$KITGEN" -C "$kit" build --quiet --publish
check "and writes nothing" test ! -e "$kit/out"
# The builds below check English and Vietnamese pages and handouts: the
# other languages are left out of them (a full build of each is ~8× less).
keep_languages "$kit" en vi
expect_status 0 "a sample build" "$KITGEN" -C "$kit" build
expect_stderr "this is a SAMPLE build" "says it is a sample"
vi_handout=$kit/out/vi/education/five-responses/five-responses-vi-handout.pdf
# The band is in the handout's language (ui.po's translation of the band).
check "the sample mark is on the handout" bash -c "pdftotext '$vi_handout' - | tr -s ' \n' ' ' | grep -q 'BẢN MẪU'"
check "and on the English one" bash -c "pdftotext '$kit/out/en/education/five-responses/five-responses-en-handout.pdf' - | tr -s ' \n' ' ' | grep -q 'SAMPLE'"
check "pages say sample" grep -q 'notice-sample' "$kit/out/vi/education/five-responses/index.html"
check "the Vietnamese header shows the Vietnamese kit title" grep -q '<p class="site-title"><a href="[./]*vi/" lang="vi" dir="ltr">Bộ Tài Liệu An Toàn Cộng Đồng</a>' "$kit/out/vi/education/five-responses/index.html"
check "the Vietnamese handout header shows it too" bash -c "pdftotext '$vi_handout' - | grep -q 'Bộ Tài Liệu An Toàn Cộng Đồng'"

# Fill everything in: the gate passes and the marks are gone.
python3 - "$kit/kit.yaml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('base_url: "https://example.org/safety-kit/"', 'base_url: "https://kokuapacific.org/kit/"')
s = s.replace("""  name: "[your organization's name]"
  phone: "[your organization's phone number]"
  address: "[your organization's address]"
  website: "[your organization's website]"
""", """  name: "Kōkua Pacific"
  phone: "(808) 555-0142"
  address: "1 Example Lane, Honolulu, HI"
  website: "https://kokuapacific.org/"
""")
s = s.replace('{value: "[your local hotline number]", type: phone}', '{value: "808-555-0199", type: phone}')
s = s.replace('{value: "[your local hate-incident reporting link]", type: url}', '{value: "https://kokuapacific.org/report", type: url}')
s = s.replace('{value: "[your interpreter line number]", type: phone}', '{value: "808-555-0123", type: phone}')
s = s.replace("  - tag: vi\n    status: draft\n", "  - tag: vi\n    status: draft\n    vars: {language_line: \"808-555-0177\"}\n")
open(p, "w", encoding="utf-8").write(s)
PY
expect_status 0 "check --publish passes once filled in" "$KITGEN" -C "$kit" check --publish
expect_stderr "the kit passes the publish gate" "says so"
expect_status 0 "build --publish" "$KITGEN" -C "$kit" build --quiet --publish
check "no sample notice on pages" bash -c "! grep -rq 'notice-sample' '$kit/out/vi'"
check "no sample mark on handouts" bash -c "! pdftotext '$vi_handout' - | grep -q 'BẢN MẪU'"
check "the organization is on the handout's first page" bash -c "pdftotext -f 1 -l 1 '$vi_handout' - | grep -q 'Kōkua Pacific · (808) 555-0142'"
check "and in the footer" grep -q '<p class="organization">Kōkua Pacific · <bdi>(808) 555-0142</bdi> · <a href="https://kokuapacific.org/">' "$kit/out/vi/index.html"
check "a URL var in text is a link" grep -q '<a href="https://kokuapacific.org/report"><bdi dir="ltr">https://kokuapacific.org/report</bdi></a>' "$kit/out/en/advocacy/reporting-hate-incidents/index.html"
check "a phone var is a tel: link" grep -q '<a href="tel:8085550199"><bdi dir="ltr">808-555-0199</bdi></a>' "$kit/out/en/services/small-business-safety/index.html"
check "the Vietnamese value of a var is the Vietnamese page's" grep -rq '808-555-0177' "$kit/out/vi/"
check "the others keep the kit's" bash -c "grep -rq '808-555-0123' '$kit/out/en/' && ! grep -rq '808-555-0177' '$kit/out/en/'"

# A link whose destination is a var, a misspelled var, a prose var.
page=$kit/content/education/emergency-phrases.md
printf '\nFill in [our form]({{ hate_incident_report_url }}) or call {{ languag_line }}.\n' >>"$page"
expect_status 1 "a misspelled var fails the build" "$KITGEN" -C "$kit" build --quiet
expect_stderr "^content/education/emergency-phrases.md:[0-9]+:[0-9]+: error: unknown placeholder '\{\{ languag_line \}\}'; did you mean '\{\{ language_line \}\}'\?" "located, with a suggestion"
sed -i 's/{{ languag_line }}/{{ language_line }}/' "$page"
python3 - "$kit/kit.yaml" "$kit/locales/vi/ui.po" <<'PY'
import sys
y, po = sys.argv[1:]
s = open(y, encoding="utf-8").read()
s = s.replace("vars:\n  local_hotline", 'vars:\n  hours: {value: "Open every day", type: prose}\n  local_hotline')
open(y, "w", encoding="utf-8").write(s)
open(po, "a", encoding="utf-8").write('\nmsgctxt "vars"\nmsgid "Open every day"\nmsgstr "Mở cửa mỗi ngày"\n')
PY
printf '\nWe are {{ hours }}.\n' >>"$page"
expect_status 0 "builds again" "$KITGEN" -C "$kit" build --quiet --publish
check "[text]({{ url_var }}) is a link" grep -q '<a href="https://kokuapacific.org/report">our form</a>' "$kit/out/en/education/emergency-phrases/index.html"
check "a prose var is translated through ui.po" grep -q 'Mở cửa mỗi ngày' "$kit/out/vi/education/emergency-phrases/index.html"
check "and stays English in English" grep -q 'We are <bdi>Open every day</bdi>.' "$kit/out/en/education/emergency-phrases/index.html"
expect_status 0 "templates see site.vars" "$KITGEN" -C "$kit" theme list

# Bad values and names are refused where they are written.
cp "$kit/kit.yaml" "$WORK/good.yaml"
bad() { # bad "description" python-replacement-old python-replacement-new "stderr pattern"
  cp "$WORK/good.yaml" "$kit/kit.yaml"
  python3 -c 'import sys; p=sys.argv[1]; s=open(p,encoding="utf-8").read(); assert sys.argv[2] in s, sys.argv[2]; open(p,"w",encoding="utf-8").write(s.replace(sys.argv[2], sys.argv[3], 1))' "$kit/kit.yaml" "$2" "$3"
  expect_status 1 "$1" "$KITGEN" -C "$kit" build --quiet
  expect_stderr "$4" "$1: says why"
}
bad "a javascript: URL var" 'https://kokuapacific.org/report' 'javascript:alert(1)' "^kit.yaml:[0-9]+:[0-9]+: error: the value of var 'hate_incident_report_url' is a URL with a scheme kitgen does not allow"
bad "markup in a var" '"808-555-0199"' '"<b>808</b>"' "error: the value of var 'local_hotline' holds markup"
bad "a phone var without digits" '"808-555-0199"' '"call us"' "error: the value of var 'local_hotline' is not a phone number"
bad "a per-language var the kit does not have" '{language_line: "808-555-0177"}' '{language_lin: "808-555-0177"}' "error: 'language_lin' is not one of the kit's vars; did you mean 'language_line'\?"
bad "an org var set twice" 'vars:
  hours' 'vars:
  org_name: "x"
  hours' "error: var 'org_name' comes from the organization block"
cp "$WORK/good.yaml" "$kit/kit.yaml"
sed -i 's/^audience: \[everyone, elders\]/audience: [everyone, eldres]/' "$page"
expect_status 1 "an undeclared audience" "$KITGEN" -C "$kit" build --quiet
expect_stderr "error: unknown audience 'eldres'; did you mean 'elders'\? \(kit.yaml's audiences: " "with the kit's audiences"
finish
