# slides: slide decks (slides: true, issue 23). The bundled kit with a
# deck of five-responses: in every language a 16:9, tagged PDF beside the
# handouts, listed on the page; every slide title (the ## headings, as
# the language's catalog translates them) extracted back by pdftotext in
# zh-Hant, km, th, ur, vi with the handout readback's rules; every deck
# page drawn by poppler looks like what Cairo drew. Then bad input in a
# small kit: no ## heading, a slide of notes only, a notes marker in a
# list, 500 bullets (continued, never clipped), a missing image.
source "$(dirname "$0")/../lib.sh"
: "${KITGEN_RASTER_COMPARE:?set by ctest (tests/tools/raster_compare.c)}"
kit="$WORK/kit"
rasters="$WORK/rasters"
# The bundled kit built with Cairo's rasters of five-responses (one of the
# RASTER_SAMPLED_MODULES of lib.sh), its deck's pages among them.
bundled_built "$kit" "$rasters"
page="$kit/content/education/five-responses.md"
check "the bundled five-responses has a deck" grep -q '^slides: true$' "$page"
check "five-responses is among the modules whose pages Cairo also draws" \
  grep -q five-responses <<<"$RASTER_SAMPLED_MODULES"
out="$kit/out"
mapfile -t langs < <(cd "$out" && ls -d */education/five-responses | cut -d/ -f1 | sort)
check "five-responses is built in many languages (${#langs[@]})" test "${#langs[@]}" -ge 10
for lang in "${langs[@]}"; do
  pdf="$out/$lang/education/five-responses/five-responses-$lang-slides.pdf"
  [ -f "$pdf" ] || { fail "$lang: the deck exists"; continue; }
  info=$(pdfinfo "$pdf")
  check "$lang deck: 16:9 pages (338.7 x 190.5 mm)" grep -Eq '^Page size: *960\.09[0-9]* x 540 pts' <<<"$info"
  check "$lang deck: tagged" grep -q '^Tagged: *yes' <<<"$info"
  check "$lang deck: listed on the page" grep -q "five-responses-$lang-slides.pdf" \
    "$out/$lang/education/five-responses/index.html"
done
check "no deck for a page without slides: true" \
  test ! -e "$out/vi/education/emergency-phrases/emergency-phrases-vi-slides.pdf"

# ---- Slide titles read back -------------------------------------------------
# Expected: each ## heading's msgstr in the language's catalog, compared as
# handouts_readback.sh compares titles (fold; nospace for scripts that do
# not space words; Khmer as a permutation run; Urdu by its letters).
titles_in_pdf() { # titles_in_pdf LANG MODE PDFTOTEXT-OPTIONS...
  local lang=$1 mode=$2; shift 2
  local pdf="$out/$lang/education/five-responses/five-responses-$lang-slides.pdf"
  pdftotext "$@" "$pdf" "$WORK/slides-$lang.txt" || return 1
  python3 - "$page" "$kit/locales/$lang/education/five-responses.po" "$WORK/slides-$lang.txt" "$mode" <<'PY'
import sys, re, unicodedata
from collections import Counter
md, po, txt, mode = sys.argv[1:5]
headings = [l[3:].strip() for l in open(md, encoding="utf-8") if l.startswith("## ")]
def unq(s): return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
entries, cur, key = [], {}, None
import os
for line in (open(po, encoding="utf-8") if os.path.exists(po) else []):
    line = line.rstrip("\n")
    m = re.match(r'^(msgid|msgstr) "(.*)"$', line)
    if m:
        if m.group(1) == "msgid" and cur: entries.append(cur); cur = {}
        key = m.group(1); cur[key] = unq(m.group(2)); continue
    m = re.match(r'^"(.*)"$', line)
    if m and key: cur[key] += unq(m.group(1)); continue
    key = None if not line.startswith('"') else key
entries.append(cur)
tr = {e.get("msgid"): e.get("msgstr", "") for e in entries}
def norm(s):
    s = unicodedata.normalize("NFC", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Cf")
    return " ".join(s.split())
got = norm(open(txt, encoding="utf-8").read())
bad = []
assert len(headings) >= 5, headings
for h in headings:
    # a heading "1. Distract" is the unit "1\\. Distract" (escaped so that
    # it stays a heading); the slide shows it unescaped
    key = re.sub(r"^(\d+)\. ", r"\1\\. ", h)
    want = norm(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", tr.get(key) or tr.get(h) or h))
    if mode in ("nospace", "permutation"):
        w, g = want.replace(" ", ""), got.replace(" ", "")
    else:
        w, g = want, got
    if mode == "permutation":
        n, cw = len(w), Counter(w)
        ok = any(Counter(g[i:i + n]) == cw for i in range(len(g) - n + 1))
    elif mode == "urdu":
        g = unicodedata.normalize("NFKC", g)
        ok = all(c in g for c in w if unicodedata.category(c) == "Lo")
    else:
        ok = w in g
    if not ok: bad.append(want)
if bad:
    print("slide titles not read back:", bad, file=sys.stderr); sys.exit(1)
PY
}
check "en deck: pdftotext gives every slide title" titles_in_pdf en fold
check "vi deck: pdftotext gives every slide title" titles_in_pdf vi fold
check "zh-Hant deck: pdftotext gives every slide title" titles_in_pdf zh-Hant nospace
check "km deck: pdftotext gives every slide title" titles_in_pdf km permutation
check "th deck: pdftotext -raw gives every slide title" titles_in_pdf th nospace -raw
check "ur deck: the Urdu letters of every slide title are in the text" titles_in_pdf ur urdu
# Speaker notes: in the HTML deck's notes, never on a slide.
check "en deck: the speaker notes are not on the slides" \
  bash -c "! grep -q 'Ask the group for one distraction' '$WORK/slides-en.txt'"
check "the page has speaker notes to leave out" grep -q '^> Notes: Ask the group for one distraction' "$page"
check "the HTML deck holds the notes apart" python3 - "$out/vi/education/five-responses/slides/index.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
notes = re.findall(r'<div class="notes" hidden>(.*?)</div>', html, re.S)
assert len(notes) == 7, len(notes)
assert "Ghi chú" in notes[1], notes[1][:200]
PY
# The outline lists the slides (pdfinfo cannot show it: the PDF's /Outlines
# names them, in order).
outline_count() { python3 - "$1" <<'PY'
import sys, re
data = open(sys.argv[1], "rb").read()
print(sum(1 for o in data.split(b"endobj") if b"/Title" in o and b"/Parent" in o))
PY
}
check "vi deck: an outline entry per slide at least (title + 8 headings)" \
  test "$(outline_count "$out/vi/education/five-responses/five-responses-vi-slides.pdf")" -ge 9

# ---- Raster self-check of every deck page ------------------------------------
poppler="$WORK/poppler"
mkdir -p "$poppler"
for lang in "${langs[@]}"; do
  name="five-responses-$lang-slides.pdf"
  pdf="$out/$lang/education/five-responses/$name"
  n=$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')
  pdftoppm -r 50 -png "$pdf" "$poppler/$name"
  args=()
  for ((p = 1; p <= n; p++)); do
    args+=("$rasters/$name-$p.png" "$(printf '%s/%s-%0*d.png' "$poppler" "$name" "${#n}" "$p")")
  done
  check "$lang deck: Cairo drew every page ($n)" test -f "$rasters/$name-$n.png"
  check "$lang deck: every page drawn by poppler matches Cairo's" "$KITGEN_RASTER_COMPARE" "${args[@]}"
done

# ---- Bad input -----------------------------------------------------------------
bad="$WORK/bad"
copy_kit mini "$bad"
{
  printf -- '---\ntitle: "Deck"\nsummary: "A test deck."\nslides: true\n---\n'
  printf 'Intro line.\n\n## Only notes\n\n> Notes: say hello.\n\n## Nested\n\n- point\n\n  > Notes: not a note\n\n'
  printf '## Many\n\n'
  for i in $(seq 1 500); do printf -- '- bullet%03d\n' "$i"; done
} >"$bad/content/guide/deck.md"
{
  printf -- '---\ntitle: "Flat"\nslides: true\n---\nNo heading here, only text.\n'
} >"$bad/content/guide/flat.md"
# Vietnamese translates one unit of the deck page, so it has a deck of its
# own, where the 500 bullets do not fit either.
"$KITGEN" -C "$bad" extract >/dev/null 2>&1
"$KITGEN" -C "$bad" update --lang vi >/dev/null 2>&1
python3 - "$bad/locales/vi/guide/deck.po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
assert 'msgid "Intro line."\nmsgstr ""' in s
open(p, "w", encoding="utf-8").write(s.replace('msgid "Intro line."\nmsgstr ""', 'msgid "Intro line."\nmsgstr "Dòng mở đầu."'))
PY
expect_status 0 "a kit with bad decks builds (warnings)" "$KITGEN" -C "$bad" build --quiet
check "the deck page has a Vietnamese deck too" test -s "$bad/out/vi/guide/deck/deck-vi-slides.pdf"
expect_stderr 'content/guide/flat.md:3:1: warning: slides: true, but the page has no ## heading' "no ## heading"
expect_stderr 'content/guide/deck.md:8:1: warning: the slide "Only notes" has speaker notes and nothing else' \
  "a slide of notes only"
expect_stderr 'content/guide/deck.md:16:3: warning: a "Notes:" quote inside a list' "a notes marker in a list"
expect_stderr 'content/guide/deck.md:18:1: warning: this slide does not fit at 18 pt in the deck of one or more languages: it continues on "\(cont.\)" slides' \
  "500 bullets: continued, with a warning naming page and heading"
check "one warning for the heading, whatever the number of languages" \
  test "$(grep -c '^content/guide/deck.md:18:1: warning: this slide does not fit' "$WORK/stderr")" -eq 1
deckpdf="$bad/out/en/guide/deck/deck-en-slides.pdf"
pdftotext "$deckpdf" "$WORK/deck.txt"
check "500 bullets: every one of them is on a slide" \
  test "$(grep -o 'bullet[0-9][0-9][0-9]' "$WORK/deck.txt" | sort -u | wc -l)" -eq 500
check "500 bullets: the continued slides say so" grep -q 'Many (cont.)' "$WORK/deck.txt"
check "the notes are not on the slides" bash -c "! grep -q 'say hello' '$WORK/deck.txt'"
check "the nested marker stays on its slide" grep -q 'not a note' "$WORK/deck.txt"
check "the title slide has the summary" grep -q 'A test deck.' "$WORK/deck.txt"
check "a page without ## gets a deck: the title slide, one slide, the closing slide" \
  test "$(pdfinfo "$bad/out/en/guide/flat/flat-en-slides.pdf" | awk '/^Pages:/{print $2}')" -eq 3
check "a page without ## gets a deck" test -s "$bad/out/en/guide/flat/flat-en-slides.pdf"
check "the HTML deck is written" grep -q 'bullet500' "$bad/out/en/guide/deck/slides/index.html"
# An unchanged page keeps its decks, an edited one gets new ones: either
# way the output equals a clean build's.
expect_status 0 "a rebuild with nothing changed" "$KITGEN" -C "$bad" build --quiet
check "the unchanged HTML deck is kept" grep -q 'Intro line\.' "$bad/out/en/guide/deck/slides/index.html"
sed -i 's/^Intro line\.$/Intro line, edited./' "$bad/content/guide/deck.md"
expect_status 0 "a rebuild after an edit" "$KITGEN" -C "$bad" build --quiet
check "the edited deck shows the edit" grep -q 'Intro line, edited\.' "$bad/out/en/guide/deck/slides/index.html"
mkdir -p "$WORK/clean" # (clean_build_equals wants locales/, which this kit has none of)
cp -r "$bad/kit.yaml" "$bad/content" "$bad/templates" "$WORK/clean/"
expect_status 0 "decks after an edit: clean build" "$KITGEN" -C "$WORK/clean" build --quiet --no-sync --clean
check "decks after an edit: the output equals a clean build" diff -r "$bad/out" "$WORK/clean/out"
# A missing image is the page's located error, and the build fails.
printf '\n## Picture\n\n![A map](images/missing.png)\n' >>"$bad/content/guide/flat.md"
expect_status 1 "a deck with a missing image fails the build" "$KITGEN" -C "$bad" build --quiet
expect_stderr 'content/guide/flat.md:[0-9]+:[0-9]+: error: .*missing.png' "the missing image is located"
finish
