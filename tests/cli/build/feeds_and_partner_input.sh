# feeds_and_partner_input: each language's Atom feed (out/<lang>/feed.xml)
# and the bad input of issue 24.
# - A feed is well-formed, says its language, lists dated pages newest
#   first, and every entry links to a page of out/.
# - An English edit that leaves the Vietnamese translation fuzzy, or adds
#   an untranslated paragraph, shows in the English feed at once, and in
#   the Vietnamese feed only once the translation is updated (complete
#   again), with the new date.
# - A translation holding a control character XML 1.0 does not allow is
#   refused at its PO line and never reaches the DOCX, ODT or feed.
# - A title too long for the share image is a warning naming the page.
# - A license: that is not a known SPDX identifier is an error with the
#   closest one; a known one is shown, named and linked, on the partner page.
# Built with -j 1: a small kit, and no PDF worker processes (pdf/, issue 20).
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini-vi "$kit"
out="$kit/out"
expect_status 0 "the kit builds" "$KITGEN" -C "$kit" build --quiet -j 1
for t in en vi; do
  check "$t/feed.xml is well-formed" xmllint --noout "$out/$t/feed.xml"
done
entry_date() { # entry_date LANG PAGE: the <updated> of PAGE's entry in LANG's feed, or "none"
  python3 - "$out/$1/feed.xml" "$2" <<'PY'
import sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
feed = ET.parse(sys.argv[1]).getroot()
for e in feed.findall(A + "entry"):
    if e.find(A + "link").get("href").rstrip("/").endswith("/" + sys.argv[2]):
        print(e.find(A + "updated").text); break
else:
    print("none")
PY
}
check "the feed's language is vi" grep -q 'xml:lang="vi"' "$out/vi/feed.xml"
check "vi feed: guide/first dated 2026-03-05" test "$(entry_date vi guide/first)" = 2026-03-05T00:00:00Z
check "vi feed: guide/second, never fully translated, is not announced" test "$(entry_date vi guide/second)" = none
check "newest first: first (March) before second (February)" python3 - "$out/en/feed.xml" <<'PY'
import sys; t = open(sys.argv[1]).read(); sys.exit(0 if 0 < t.index("guide/first/") < t.index("guide/second/") else 1)
PY
check "every entry links to a page of out/" python3 - "$out" <<'PY'
import glob, os, re, sys
out, bad, n = sys.argv[1], [], 0
for f in glob.glob(f"{out}/*/feed.xml"):
    for href in re.findall(r'<link rel="alternate" type="text/html" href="https://example.test/mini/([^"]*)"', open(f).read()):
        n += 1
        if not os.path.exists(os.path.join(out, href, "index.html")): bad.append(href)
sys.exit(0 if n >= 6 and not bad else 1)
PY

# ---- An English edit: news in English now, in Vietnamese once translated
sed -i -e 's/^updated: 2026-03-05/updated: 2026-04-10/' -e 's/^Call \*\*911\*\* if/Call **911** at once if/' \
  "$kit/content/guide/first.md"
expect_status 0 "extract" "$KITGEN" -C "$kit" extract
expect_status 0 "update marks the changed unit fuzzy" "$KITGEN" -C "$kit" update
check "the vi catalog has a fuzzy entry" grep -q '^#, fuzzy' "$kit/locales/vi/guide/first.po"
expect_status 0 "the kit builds after the edit" "$KITGEN" -C "$kit" build --quiet -j 1
check "en feed: guide/first has the new date" test "$(entry_date en guide/first)" = 2026-04-10T00:00:00Z
check "vi feed: the outdated translation is left out" test "$(entry_date vi guide/first)" = none
check "en feed: other pages stay" test "$(entry_date en guide/second)" = 2026-02-01T00:00:00Z
python3 - "$kit/locales/vi/guide/first.po" <<'PY'
import sys
p = sys.argv[1]
lines = [l for l in open(p, encoding="utf-8").read().split("\n") if not l.startswith("#|")]
open(p, "w", encoding="utf-8").write("\n".join(l for l in lines if l != "#, fuzzy") .replace("#, fuzzy, ", "#, "))
PY
expect_status 0 "the kit builds after the translation is updated" "$KITGEN" -C "$kit" build --quiet -j 1
check "vi feed: back, with the new date" test "$(entry_date vi guide/first)" = 2026-04-10T00:00:00Z
# An English paragraph added: untranslated, not fuzzy, and outdated all the same.
sed -i -e 's/^updated: 2026-04-10/updated: 2026-04-20/' "$kit/content/guide/first.md"
printf '\nA new paragraph the translators have not seen.\n' >>"$kit/content/guide/first.md"
expect_status 0 "extract after an added paragraph" "$KITGEN" -C "$kit" extract
expect_status 0 "update after an added paragraph" "$KITGEN" -C "$kit" update
expect_status 0 "the kit builds with the untranslated paragraph" "$KITGEN" -C "$kit" build --quiet -j 1
check "en feed: the new date" test "$(entry_date en guide/first)" = 2026-04-20T00:00:00Z
check "vi feed: left out while a unit is untranslated" test "$(entry_date vi guide/first)" = none
translate "$kit/locales/vi/guide/first.po" "A new paragraph the translators have not seen." "Một đoạn mới."
expect_status 0 "the kit builds with the paragraph translated" "$KITGEN" -C "$kit" build --quiet -j 1
check "vi feed: back with the new date" test "$(entry_date vi guide/first)" = 2026-04-20T00:00:00Z

# ---- A control character in a translation ----------------------------
po="$kit/locales/vi/guide/first.po"
line=$(grep -n '^msgid "Call \*\*911\*\* at once' "$po" | cut -d: -f1)
check "found the unit to break (line $line)" test -n "$line"
python3 - "$po" "$line" <<'PY'
import sys
p, n = sys.argv[1], int(sys.argv[2])
lines = open(p, encoding="utf-8").read().split("\n")
for i in range(n, len(lines)):
    if lines[i].startswith("msgstr "):
        lines[i] = 'msgstr "G\x01oi **911** ngay n\x0bếu [có người bị thương](second.md#help)."'
        break
open(p, "w", encoding="utf-8").write("\n".join(lines))
PY
expect_status 0 "a refused translation is a warning" "$KITGEN" -C "$kit" build -j 1
expect_stderr "locales/vi/guide/first\.po:[0-9]+:[0-9]+: warning: .*U\+0001.*XML 1\.0" "the warning names the PO line and the character"
check "no control character in the vi DOCX, ODT or feed" python3 - "$out/vi/guide/first" "$out/vi/feed.xml" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
d, feed = sys.argv[1], sys.argv[2]
ET.parse(feed)
for f in (f"{d}/first-vi.docx", f"{d}/first-vi.odt"):
    with zipfile.ZipFile(f) as z:
        for n in z.namelist():
            data = z.read(n)
            if n.endswith(".xml"):
                ET.fromstring(data)
                if b"\x01" in data or b"\x0b" in data: sys.exit(1)
PY

# ---- A title too long for the share image ----------------------------
long=$(python3 -c 'print(" ".join(["Stay calm and call for help when someone is hurt"] * 12))')
sed -i "s/^title: \"First steps\"/title: \"$long\"/" "$kit/content/guide/first.md"
expect_status 0 "a long title builds" "$KITGEN" -C "$kit" build -j 1
expect_stderr "content/guide/first\.md:.*warning: the title is too long for the 1200x630 share image" "the warning names the page"
check "the image is there anyway" test -s "$out/en/guide/first/first-en-share.png"

# ---- license: ----------------------------------------------------------
echo 'license: CC-BY-4.1' >>"$kit/kit.yaml"
expect_status 1 "an unknown licence fails the build" "$KITGEN" -C "$kit" build -j 1
expect_stderr "kit\.yaml:[0-9]+:[0-9]+: error: 'CC-BY-4\.1' is not an SPDX license identifier kitgen knows; did you mean 'CC-BY-4\.0'\?" "the error suggests the closest"
sed -i 's/^license: CC-BY-4.1/license: cc by-sa 4.0/' "$kit/kit.yaml"
expect_status 1 "an identifier in other case fails too" "$KITGEN" -C "$kit" build -j 1
expect_stderr "did you mean 'CC-BY-SA-4\.0'" "with the right spelling suggested"
sed -i 's/^license: cc by-sa 4.0/license: CC-BY-SA-4.0/' "$kit/kit.yaml"
expect_status 0 "a known licence builds" "$KITGEN" -C "$kit" build --quiet -j 1
check "the partner page names and links the licence" \
  grep -q 'href="https://creativecommons.org/licenses/by-sa/4.0/" lang="en" dir="ltr">Creative Commons Attribution Share Alike 4.0 International</a>' \
  "$out/vi/partners/index.html"
check "every page links to the partner page" grep -Eq 'href="(\.\./)+vi/partners/"' "$out/vi/guide/first/index.html"
finish
