# handout_variants: which PDFs a page gets in each language. A language
# that translated nothing of a page gets no PDFs under its name (its page
# links to the English ones, saying so; its zip holds none); a translated
# one gets its handout, large print and bilingual. card: true adds a
# wallet card, booklet: (kit.yaml, or a page's own) a booklet; a card
# page without phrases and a one-page booklet are reported at the page,
# and a failed build keeps the previous out/.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini-vi "$kit" # languages en, vi (translated), ur and chk (no catalogs)
first="$kit/content/guide/first.md"
sed -i 's/^handout: true$/handout: true\ncard: true/' "$first"
echo "booklet: true" >>"$kit/kit.yaml"
expect_status 0 "the kit builds" "$KITGEN" -C "$kit" build --quiet --no-sync
out="$kit/out"
pdfs() { (cd "$out/$1/guide/first" && ls -- *.pdf 2>/dev/null | tr '\n' ' '); }
check "en: handout, large print, card, booklet [$(pdfs en)]" \
  test "$(pdfs en)" = "first-en-booklet.pdf first-en-card.pdf first-en-handout.pdf first-en-large-print.pdf "
check "vi: and bilingual [$(pdfs vi)]" \
  test "$(pdfs vi)" = "first-vi-bilingual.pdf first-vi-booklet.pdf first-vi-card.pdf first-vi-handout.pdf first-vi-large-print.pdf "
for lang in ur chk; do
  check "$lang translated nothing: no PDFs of its own [$(pdfs $lang)]" test -z "$(pdfs $lang)"
  page="$out/$lang/guide/first/index.html"
  for v in handout large-print card booklet; do
    check "$lang page links to the English $v" grep -q "href=\"../../../en/guide/first/first-en-$v.pdf\"" "$page"
  done
  check "$lang page says the handout is in English" grep -q '>Handout, in English</a>' "$page"
  check "$lang page shows no empty size" bash -c "! grep -q '(<bdi></bdi>)' '$page'"
  check "$lang zip holds no PDF" bash -c "! unzip -l '$out/downloads/mini-kit-$lang.zip' | grep -q '\\.pdf'"
  check "$lang has no print pack" test ! -e "$out/downloads/mini-kit-$lang-print.zip"
done
check "vi zip holds the vi card" bash -c "unzip -l '$out/downloads/mini-kit-vi.zip' | grep -q first-vi-card.pdf"
check "vi print pack holds the vi booklet and large print, the zip neither" bash -c \
  "unzip -l '$out/downloads/mini-kit-vi-print.zip' | grep -q first-vi-booklet.pdf &&
   unzip -l '$out/downloads/mini-kit-vi-print.zip' | grep -q first-vi-large-print.pdf &&
   ! unzip -l '$out/downloads/mini-kit-vi.zip' | grep -q -e first-vi-booklet.pdf -e first-vi-large-print.pdf"
check "vi downloads page lists the card" grep -q 'first-vi-card.pdf' "$out/vi/downloads/index.html"
check "the vi card's phrase is Vietnamese" bash -c "pdftotext '$out/vi/guide/first/first-vi-card.pdf' - | grep -q 'Nhìn xung quanh'"
clean_build_equals "card and booklet" "$kit"

# A page may turn its booklet off.
sed -i 's/^card: true$/card: true\nbooklet: false/' "$first"
expect_status 0 "booklet: false builds" "$KITGEN" -C "$kit" build --quiet --no-sync
check "booklet: false: no booklet [$(pdfs en)]" test ! -e "$out/en/guide/first/first-en-booklet.pdf"

# A card page without phrases: an error at the front matter's card: line,
# and the previous out/ stays.
before=$(tree_hash "$out")
python3 - "$first" <<'PY'
import sys, re
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("- Look around.\n- Ask *quietly*.\n", "Look around.\n")
open(p, "w", encoding="utf-8").write(s)
PY
expect_status 1 "a card without phrases fails" "$KITGEN" -C "$kit" build --quiet --no-sync
expect_stderr 'content/guide/first\.md:8:1: error: card: true, but the page has no list of phrases' \
  "the error names the page and the card: line"
check "the previous out/ is kept" test "$(tree_hash "$out")" = "$before"

# A one-page booklet: a warning naming the page.
cat >"$kit/content/guide/second.md" <<'EOF'
---
title: "Second steps"
order: 20
strategy: education
handout: true
booklet: true
---
## Help

Back to [the first steps](first.md).
EOF
sed -i 's/^card: true$//' "$first"
expect_status 0 "a one-page booklet builds" "$KITGEN" -C "$kit" build --quiet --no-sync
expect_stderr 'content/guide/second\.md:1:1: warning: the en booklet has one page' "a one-page booklet is a warning"
finish
