# handouts_readback: the PDF handouts of the bundled kit read back as what
# they claim to be: fonts embedded, Letter size, tagged, "Page n of m"
# right; the translated title comes back out as text; the QR code leads to
# the page; and every page, drawn by poppler from the file, looks like what
# Cairo drew (--test-handout-rasters) — a glyph lost in the PDF (the Cairo
# 1.16 subsetting bug) shows as a blob where the two disagree.
source "$(dirname "$0")/../lib.sh"
: "${KITGEN_RASTER_COMPARE:?set by ctest (tests/tools/raster_compare.c)}"
kit="$WORK/kit"
rasters="$WORK/rasters"
# The bundled kit built with Cairo's rasters of the modules whose every PDF
# is compared below (RASTER_SAMPLED_MODULES, lib.sh).
bundled_built "$kit" "$rasters"
sampled_modules=$RASTER_SAMPLED_MODULES
out="$kit/out"
mapfile -t pdfs < <(cd "$out" && find . -name '*.pdf' | sed 's|^\./||' | sort)
check "the kit has handouts (found ${#pdfs[@]} PDFs)" test "${#pdfs[@]}" -ge 100

# ---- Per PDF: fonts, paper, tags, page count in the footer -------------
# The footer says "Page {n} of {m}" in the language (a translated label,
# possibly wrapped in bidi marks for Urdu, digits possibly in the
# language's own numbering): we look for the number m, as a number, on the
# last line of text of the last page.
footers_say_page_counts() { # footers_say_page_counts LIST: each line "M TEXTFILE PDF"; prints "ok|FAIL PDF"
  python3 - "$1" <<'PY'
import sys, unicodedata, re
for entry in open(sys.argv[1], encoding="utf-8"):
    m, path, pdf = entry.rstrip("\n").split(" ", 2)
    text = open(path, encoding="utf-8").read()
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    lines = [l for l in text.splitlines() if l.strip()]
    tail = " ".join(lines[-3:])
    ascii = "".join(str(unicodedata.digit(c)) if unicodedata.digit(c, None) is not None else c for c in tail)
    print("ok" if m in re.findall(r"\d+", ascii) else "FAIL", pdf)
PY
}
# pdffonts columns: name type encoding emb sub uni object-id gen (the type
# may be two words, so count from the end).
all_embedded() { tail -n +3 <<<"$1" | awk '$(NF-4) != "yes" { bad = 1; print "  not embedded: " $0 > "/dev/stderr" } END { exit bad }'; }
declare -A pages_of
cards=0 booklets=0 decks=0 footer_count=0
mkdir -p "$WORK/footers"
: >"$WORK/footers.list"
for pdf in "${pdfs[@]}"; do
  f="$out/$pdf"
  info=$(pdfinfo "$f" 2>&1) || { fail "pdfinfo reads $pdf"; continue; }
  n=$(awk '/^Pages:/{print $2}' <<<"$info")
  pages_of[$pdf]=$n
  fonts=$(pdffonts "$f" 2>&1)
  case $pdf in
  *-card.pdf)
    # Wallet cards: fronts then backs on Letter sheets, no footer (the
    # panels' size is measured in tests/unit/pdf/test_sheets.c).
    cards=$((cards + 1))
    check "$pdf: Letter sheets" grep -q '^Page size: *612 x 792 pts' <<<"$info"
    check "$pdf: fronts and backs ($n sides)" test $((n % 2)) -eq 0
    check "$pdf: every font embedded" all_embedded "$fonts"
    continue ;;
  *-slides.pdf)
    # Slide decks (issue 23): 16:9 pages, no footer; their titles are read
    # back and their pages compared with Cairo's by tests/cli/build/slides.sh.
    decks=$((decks + 1))
    check "$pdf: 16:9 pages" grep -Eq '^Page size: *960(\.[0-9]+)? x 540 pts' <<<"$info"
    check "$pdf: every font embedded" all_embedded "$fonts"
    continue ;;
  *-booklet.pdf)
    # Booklets: two half-letter pages a side of a landscape Letter sheet,
    # so a multiple of four pages is an even number of sides.
    booklets=$((booklets + 1))
    check "$pdf: landscape Letter sheets" grep -q '^Page size: *792 x 612 pts' <<<"$info"
    check "$pdf: whole sheets ($n sides)" test $((n % 2)) -eq 0
    check "$pdf: every font embedded" all_embedded "$fonts"
    continue ;;
  esac
  check "$pdf: Letter size" grep -q '^Page size: *612 x 792 pts' <<<"$info"
  check "$pdf: tagged" grep -q '^Tagged: *yes' <<<"$info"
  # columns: name type encoding emb sub uni id gen; the type may be two words
  check "$pdf: has fonts" test "$(tail -n +3 <<<"$fonts" | wc -l)" -ge 1
  check "$pdf: every font embedded" all_embedded "$fonts"
  # Only the footer band (the bottom 52 pt of the Letter page): Nastaliq's
  # stacked letters come out of pdftotext in no useful order, so the page's
  # last lines of text need not be its footer.
  footer_count=$((footer_count + 1))
  pdftotext -f "$n" -l "$n" -r 72 -x 0 -y 740 -W 612 -H 52 "$f" "$WORK/footers/$footer_count.txt" 2>/dev/null
  echo "$n $WORK/footers/$footer_count.txt $pdf" >>"$WORK/footers.list"
done
# One Python for every footer (a process per PDF cost more than the checks).
footers_say_page_counts "$WORK/footers.list" >"$WORK/footers.result"
while read -r status pdf; do
  if [ "$status" = ok ]; then pass; else fail "$pdf: footer of its last page says its page count"; fi
done <"$WORK/footers.result"
check "a footer result for every handout ($footer_count)" test "$(wc -l <"$WORK/footers.result")" -eq "$footer_count"

# The bundled kit's emergency phrases have a card in every language, and
# the five ways to step in a booklet (front matter card: and booklet:).
langs=$(sed -n 's/^  - tag: //p' "$kit/kit.yaml" | wc -l)
check "a card in each of the $langs languages (found $cards)" test "$cards" -eq "$langs"
check "a booklet in each of the $langs languages (found $booklets)" test "$booklets" -eq "$langs"
check "the five ways to step in has a slide deck in each of the $langs languages (found $decks decks)" \
  test "$(printf '%s\n' "${pdfs[@]}" | grep -c '/five-responses-.*-slides\.pdf$')" -eq "$langs"
# A card's phrases come back as text, in the language, with the English
# below them (the page is bilingual).
card_says() { # card_says LANG TEXT...
  local lang=$1 pdf="$out/$1/education/emergency-phrases/emergency-phrases-$1-card.pdf"; shift
  pdftotext "$pdf" - | tr -s ' \n' ' ' >"$WORK/card-$lang.txt" || return 1
  for want in "$@"; do
    grep -Fq -- "$want" "$WORK/card-$lang.txt" || { echo "  [$want] not on the $lang card" >&2; return 1; }
  done
}
check "vi card: the phrase in Vietnamese, the English below it" card_says vi "Tôi cần giúp đỡ." '"I need help."'
check "ko card: the phrase in Korean, the English below it" card_says ko "도움이 필요합니다." '"I need help."'
check "en card: the phrases" card_says en '"Please call 911."' '"I am hurt."'
if card_says en "a phrase that is not there" 2>/dev/null; then fail "card_says can fail"; else pass; fi

# ---- The translated title comes back out as text ------------------------
# Expected: the msgstr of the title in the language's catalog, NFC, with
# whitespace folded. pdftotext breaks a long title over lines, so spaces
# are folded (or, where the script does not space words or pdftotext adds
# spaces between clusters — km, th, CJK — removed on both sides).
title_in_pdf() { # title_in_pdf LANG MODE(fold|nospace|urdu) PDFTOTEXT-OPTIONS...
  local lang=$1 mode=$2; shift 2
  local pdf="$out/$lang/education/five-responses/five-responses-$lang-handout.pdf"
  pdftotext "$@" -f 1 -l 1 "$pdf" "$WORK/title-$lang.txt" || return 1
  python3 - "$KITGEN_SOURCE_DIR/locales/$lang/education/five-responses.po" "$WORK/title-$lang.txt" "$mode" <<'PY'
import sys, re, unicodedata
po, txt, mode = sys.argv[1:4]
msgid = "Five ways to step in: distract, delegate, document, delay, direct"
def unq(s): return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
entries, cur, key = [], {}, None
for line in open(po, encoding="utf-8"):
    line = line.rstrip("\n")
    m = re.match(r'^(msgid|msgstr) "(.*)"$', line)
    if m:
        if m.group(1) == "msgid" and cur: entries.append(cur); cur = {}
        key = m.group(1); cur[key] = unq(m.group(2)); continue
    m = re.match(r'^"(.*)"$', line)
    if m and key: cur[key] += unq(m.group(1)); continue
    key = None if not line.startswith('"') else key
entries.append(cur)
want = [e.get("msgstr", "") for e in entries if e.get("msgid") == msgid]
assert want and want[0], "no translated title in " + po
want = want[0]
got = open(txt, encoding="utf-8").read()
def norm(s):
    s = unicodedata.normalize("NFC", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Cf")
    return " ".join(s.split())
want, got = norm(want), norm(got)
if mode in ("nospace", "permutation"):
    want, got = want.replace(" ", ""), got.replace(" ", "")
if mode == "permutation":
    # pdftotext gives Khmer vowel signs and subscripts in drawing order, not
    # logical order (as in tests/unit/test_pdf.c, contains_permutation): the
    # same characters must come back as one run.
    from collections import Counter
    n, cw = len(want), Counter(want)
    if not any(Counter(got[i:i + n]) == cw for i in range(len(got) - n + 1)):
        print(f"no run of [{got[:400]}] has the characters of [{want}]", file=sys.stderr); sys.exit(1)
    sys.exit(0)
if mode == "urdu":
    # Nastaliq's cursive joins come back from pdftotext in fragments (letters
    # split across "words", presentation forms, wrong order), so only ask
    # that every Urdu letter of the title is in the text of page 1.
    got = unicodedata.normalize("NFKC", got)
    letters = {c for c in want if unicodedata.category(c) == "Lo"}
    missing = sorted(c for c in letters if c not in got)
    if missing:
        print("missing Urdu letters:", " ".join(missing), file=sys.stderr); sys.exit(1)
    sys.exit(0)
if want not in got:
    print(f"title [{want}] not in page 1 text [{got[:400]}]", file=sys.stderr); sys.exit(1)
PY
}
for lang in vi ko; do
  check "$lang handout: pdftotext gives the translated title" title_in_pdf "$lang" fold
done
# Chinese and Japanese put no spaces between words, so a line break in the
# title comes back as a space that is not in the msgstr: compare without.
for lang in zh-Hant zh-Hans; do
  check "$lang handout: pdftotext gives the translated title" title_in_pdf "$lang" nospace
done
check "ja handout: pdftotext gives the translated title" title_in_pdf ja nospace
# pdftotext's gap heuristic splits the bold Devanagari title ("दें ," for
# "दें,"), as tests/unit/test_pdf.c notes: compare without spaces.
check "hi handout: pdftotext gives the translated title (spaces removed)" title_in_pdf hi nospace
check "km handout: pdftotext gives the translated title (spaces removed)" title_in_pdf km permutation
check "th handout: pdftotext -raw gives the translated title" title_in_pdf th nospace -raw
check "ur handout: the Urdu letters of the title are in the text" title_in_pdf ur urdu

# ---- The diagram's labels come back out as text (issue 22) ---------------
# The five-responses handout draws the language's copy of the diagram as
# vectors: each label (msgctxt images/five-responses.svg#label-*) is text
# pdftotext finds, compared as the titles are (labels may wrap onto two
# lines, so spaces are removed for every script).
labels_in_pdf() { # labels_in_pdf LANG MODE(nospace|permutation|urdu) PDFTOTEXT-OPTIONS...
  local lang=$1 mode=$2; shift 2
  local from=${LABELS_FROM:-$lang} # the handout read (a control reads another language's)
  local pdf="$out/$from/education/five-responses/five-responses-$from-handout.pdf"
  pdftotext "$@" "$pdf" "$WORK/labels-$lang.txt" || return 1
  python3 - "$KITGEN_SOURCE_DIR/locales/$lang/education/five-responses.po" "$WORK/labels-$lang.txt" "$mode" <<'PY'
import sys, re, unicodedata
from collections import Counter
po, txt, mode = sys.argv[1:4]
def unq(s): return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
labels, cur, key = [], {}, None
for line in open(po, encoding="utf-8").read().split("\n") + [""]:
    m = re.match(r'^(msgctxt|msgid|msgstr) "(.*)"$', line)
    if m: key = m.group(1); cur[key] = unq(m.group(2)); continue
    m = re.match(r'^"(.*)"$', line)
    if m and key: cur[key] += unq(m.group(1)); continue
    if not line.strip():
        if cur.get("msgctxt", "").startswith("images/five-responses.svg#label-") and cur.get("msgstr"): labels.append(cur["msgstr"])
        cur, key = {}, None
def norm(s):
    s = unicodedata.normalize("NFC", s)
    return "".join(c for c in s if unicodedata.category(c) != "Cf" and not c.isspace())
got = norm(open(txt, encoding="utf-8").read())
if len(labels) < 5: print(f"only {len(labels)} translated labels in {po}", file=sys.stderr); sys.exit(1)
bad = []
for want in map(norm, labels):
    if mode == "permutation":  # Khmer comes back in drawing order (see the titles)
        n, cw = len(want), Counter(want)
        ok = any(Counter(got[i:i + n]) == cw for i in range(len(got) - n + 1))
    elif mode == "urdu":  # Nastaliq comes back in fragments: every letter is there
        ok = all(c in unicodedata.normalize("NFKC", got) for c in want if unicodedata.category(c) == "Lo")
    else:
        ok = want in got
    if not ok: bad.append(want)
if bad: print("labels not in the PDF's text:", bad, file=sys.stderr); sys.exit(1)
PY
}
check "vi handout: the diagram's labels are Vietnamese text" labels_in_pdf vi nospace
check "zh-Hant handout: the diagram's labels are Chinese text" labels_in_pdf zh-Hant nospace
check "km handout: the diagram's labels are Khmer text" labels_in_pdf km permutation
check "ur handout: the diagram's labels are Urdu text" labels_in_pdf ur urdu
if LABELS_FROM=en labels_in_pdf vi nospace 2>/dev/null; then fail "labels_in_pdf can fail (the English handout has no Vietnamese labels)"; else pass; fi

# ---- QR codes ------------------------------------------------------------
qr_is() { # qr_is PDF URL
  pdftoppm -r 150 -png -f 1 -l 1 -singlefile "$1" "$WORK/qr" || return 1
  local got
  got=$(zbarimg --raw -q "$WORK/qr.png" 2>/dev/null) || true
  [ "$got" = "$2" ] || { echo "  QR of $1 reads [$got], wanted [$2]" >&2; return 1; }
}
for pair in vi:handout km:large-print ur:handout zh-Hant:bilingual en:handout; do
  lang=${pair%%:*} variant=${pair#*:}
  check "QR code of the $lang $variant handout leads to the page" \
    qr_is "$out/$lang/education/five-responses/five-responses-$lang-$variant.pdf" \
          "https://example.org/safety-kit/$lang/education/five-responses/"
done

# ---- Raster comparison: every page of the handouts of three modules -------
# pdftoppm draws each PDF at 50 dpi; --test-handout-rasters holds what Cairo
# drew for the same page. raster_compare (tests/tools) applies the rule of
# tests/unit/test_pdf.c: a pixel differs when no pixel within 1 px in the
# other image is within 96 of it; fail over 0.5% or over 40 px in a 16x16 tile.
poppler="$WORK/poppler"
mkdir -p "$poppler"
compare_pdf() { # compare_pdf REL-PDF: prints failures; exits non-zero on a mismatch
  local pdf=$1 name n args=() p
  name=$(basename "$pdf")
  n=$(pdfinfo "$out/$pdf" | awk '/^Pages:/{print $2}')
  pdftoppm -r 50 -png "$out/$pdf" "$poppler/$name" || return 1
  for ((p = 1; p <= n; p++)); do
    local theirs
    theirs=$(printf '%s/%s-%0*d.png' "$poppler" "$name" "${#n}" "$p")
    [ -f "$rasters/$name-$p.png" ] || { echo "  no Cairo raster for $name page $p" >&2; return 1; }
    [ -f "$theirs" ] || { echo "  no poppler raster for $name page $p" >&2; return 1; }
    args+=("$rasters/$name-$p.png" "$theirs")
  done
  [ ! -e "$rasters/$name-$((n + 1)).png" ] || { echo "  Cairo drew more pages than $name has" >&2; return 1; }
  "$KITGEN_RASTER_COMPARE" "${args[@]}" >&2
}
export -f compare_pdf
export out rasters poppler KITGEN_RASTER_COMPARE
# Decks are compared by slides.sh (their rasters are in the same folder).
mapfile -t sampled < <(printf '%s\n' "${pdfs[@]}" | grep -E "/(${sampled_modules//,/|})/" | grep -v -- '-slides\.pdf$')
total_pages=0
for pdf in "${sampled[@]}"; do total_pages=$((total_pages + ${pages_of[$pdf]:-0})); done
check "Cairo rasters: one per page of the sampled modules' PDFs ($total_pages), none for the others" \
  test "$(find "$rasters" -name '*.png' ! -name '*-slides.pdf-*' | wc -l)" -eq "$total_pages"
# Every page of every PDF of three modules, in every language and every
# variant (cards and the booklet included): a module with images and the QR
# code, the phrase card, and the longest text. Comparing all 343 PDFs took
# most of this test's time and CI's 30 minutes; the per-PDF checks above
# still cover every PDF. One job per PDF, as many at once as there are
# cores; each job's result is a line "ok|FAIL <pdf>".
check "the raster sample covers every language (${#sampled[@]} PDFs)" test "${#sampled[@]}" -ge 80
printf '%s\0' "${sampled[@]}" |
  xargs -0 -P "$(nproc)" -I{} bash -c 'if compare_pdf "$1"; then echo "ok $1"; else echo "FAIL $1"; fi' _ {} \
  >"$WORK/raster-results" 2>"$WORK/raster-log"
while read -r status pdf; do
  if [ "$status" = ok ]; then pass; else fail "raster of every page of $pdf matches Cairo's"; fi
done <"$WORK/raster-results"
check "a raster result for every sampled PDF" test "$(wc -l <"$WORK/raster-results")" -eq "${#sampled[@]}"
grep -v '^$' "$WORK/raster-log" | sed 's/^/  | /' | head -40 >&2 || true

# ---- The comparison fails when it should ---------------------------------
# Two different pages of one handout, and a handout page against its large
# print, must not match; the same page against itself must.
multi=""
for pdf in "${sampled[@]}"; do
  if [ "${pages_of[$pdf]}" -ge 2 ]; then multi=$(basename "$pdf"); break; fi
done
check "a handout has two pages to compare" test -n "$multi"
expect_status 1 "raster_compare: page 1 vs page 2 differ" \
  "$KITGEN_RASTER_COMPARE" "$rasters/$multi-1.png" "$rasters/$multi-2.png"
expect_status 1 "raster_compare: handout vs large print differ" \
  "$KITGEN_RASTER_COMPARE" "$rasters/five-responses-vi-handout.pdf-1.png" "$rasters/five-responses-vi-large-print.pdf-1.png"
expect_status 0 "raster_compare: a page matches itself" \
  "$KITGEN_RASTER_COMPARE" "$rasters/$multi-1.png" "$rasters/$multi-1.png"
finish
