# svg_roundtrip: the text inside an SVG image goes through the page's
# catalog — extract -> update -> translate -> build — and comes out as one
# SVG per language beside the page, shown by the HTML page and drawn (as
# text) in the handout PDF; Urdu runs right to left; an edit of the image
# makes exactly its label fuzzy; a label too wide for its box is a warning
# at its PO line (an error with --strict); a translation that changes a
# number is refused; an image with script fails the build and out/ stays.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
K() { "$KITGEN" -C "$kit" --no-color "$@"; }

cat >"$kit/content/images/steps.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="420" height="100" viewBox="0 0 420 100" role="img" aria-labelledby="st-title">
  <title id="st-title">Three steps</title>
  <style>.label { font-size: 20px; font-weight: bold; text-anchor: middle; }</style>
  <rect x="5" y="5" width="130" height="90" fill="#eef"/>
  <text id="step-look" class="label" x="70" y="60" data-kitgen-width="120">Look</text>
  <text id="step-ask" class="label" x="210" y="60" data-kitgen-width="120">Ask</text>
  <text id="step-call" class="label" x="350" y="60" data-kitgen-width="120">Call 911</text>
</svg>
SVG
printf '\n![Three steps: look, ask, call](../images/steps.svg)\n' >>"$kit/content/guide/first.md"

expect_status 0 "extract" K extract
pot="$kit/locales/pot/guide/first.pot"
check "the label is a unit with the image and id as context" \
  grep -qx 'msgctxt "images/steps.svg#step-look"' "$pot"
check "the unit points at the SVG's line" grep -qx '#: content/images/steps.svg:5' "$pot"
check "the unit says how much room it has" \
  grep -qx '#. image label: room for about 11 characters (120 px at 20 px)' "$pot"
check "the title is a unit" grep -qx 'msgid "Three steps"' "$pot"
check "msgfmt --check accepts the POT" msgfmt --check -o /dev/null "$pot"

expect_status 0 "update" K update
vi="$kit/locales/vi/guide/first.po"
ur="$kit/locales/ur/guide/first.po"
check "update carries the image units to vi" grep -qx 'msgctxt "images/steps.svg#step-ask"' "$vi"
translate "$vi" "Stay calm" "Giữ bình tĩnh" # a page unit: a page with nothing translated gets no handout of its own
translate "$vi" "Look" "Nhìn quanh"
translate "$vi" "Ask" "Hỏi"
translate "$vi" "Three steps" "Ba bước"
translate "$vi" "Call 911" "Gọi 912"
translate "$ur" "Look" "دیکھیں"
translate "$ur" "Call 911" "کال 911"

expect_status 0 "build" K build --quiet
expect_stderr "first\.po:[0-9]+:1: warning: translation refused, source text used instead in images/steps\.svg#step-call: .*911" \
  "a label that changes the number is refused at its PO line"
out="$kit/out"
svg_vi="$out/vi/guide/first/steps.vi.svg"
check "a Vietnamese SVG beside the page" test -f "$svg_vi"
check "its root says the language" grep -q '<svg [^>]*xml:lang="vi"' "$svg_vi"
check "the translated label is in it, marked vi" grep -q 'xml:lang="vi"[^>]*>Nhìn quanh</text>' "$svg_vi"
check "the translated title is in it" grep -q '>Ba bước</title>' "$svg_vi"
check "the refused label keeps the English, marked en" grep -q 'xml:lang="en"[^>]*>Call 911</text>' "$svg_vi"
check "the labels name the handouts' font" grep -q "font-family: 'Noto Sans', sans-serif;" "$svg_vi"
check "the Vietnamese page shows its SVG" grep -q '<img src="steps.vi.svg"' "$out/vi/guide/first/index.html"
check "the English page shows the kit's SVG" grep -q '<img src="../../../images/steps.svg"' "$out/en/guide/first/index.html"
check "no English copy is made" test ! -e "$out/en/guide/first/steps.en.svg"
svg_ur="$out/ur/guide/first/steps.ur.svg"
check "the Urdu label is in the Urdu SVG" grep -q '>دیکھیں</text>' "$svg_ur"
check "the Urdu labels run right to left" grep -q 'direction: rtl;[^>]*direction="rtl"' "$svg_ur"
check "Urdu labels get the Nastaliq font" grep -q "font-family: 'Noto Nastaliq Urdu'" "$svg_ur"
check "a centred label stays centred (no mirrored anchor)" sh -c "! grep -q 'text-anchor: end' '$svg_ur'"
pdf="$out/vi/guide/first/first-vi-handout.pdf"
check "the Vietnamese handout exists" test -f "$pdf"
pdftotext "$pdf" "$WORK/vi.txt"
check "the handout's diagram label extracts back as text" grep -q 'Nhìn quanh' "$WORK/vi.txt"
check "the English handout has the English label" sh -c "pdftotext '$out/en/guide/first/first-en-handout.pdf' - | grep -q 'Look'"
# A translator's markup is refused (and could only ever be text).
python3 - "$vi" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace('msgstr "Hỏi"', 'msgstr "<tspan onclick=\\"x()\\">Hỏi</tspan>"')
open(p, "w", encoding="utf-8").write(s)
PY
expect_status 0 "build with markup in a label" K build --quiet
expect_stderr "first\.po:[0-9]+:1: warning: translation refused, source text used instead in images/steps\.svg#step-ask: adds markup" \
  "markup in a label is refused like HTML in page text"
check "the refused label shows the English" grep -q 'xml:lang="en"[^>]*>Ask</text>' "$svg_vi"
check "no element was injected" sh -c "! grep -q '<tspan' '$svg_vi'"
sed -i 's|msgstr "<tspan onclick=\\"x()\\">Hỏi</tspan>"|msgstr "Hỏi"|' "$vi"

# Too wide for its box: a warning at the PO line naming the image.
sed -i 's|msgstr "Nhìn quanh"|msgstr "Nhìn quanh thật kỹ trước khi làm gì"|' "$vi"
before=$(tree_hash "$out")
expect_status 0 "build with a long label" K build --quiet
expect_stderr "locales/vi/guide/first\.po:[0-9]+:1: warning: the label 'Nhìn quanh thật kỹ trước khi làm gì' is [0-9]+ px wide .* more than the 120 px it has in content/images/steps\.svg" \
  "a label too wide for its box is a warning at its PO line"
before=$(tree_hash "$out")
expect_status 1 "--strict fails on a label too wide" K build --quiet --strict
check "a failed build leaves out/ as it was" test "$(tree_hash "$out")" = "$before"
sed -i 's|msgstr "Nhìn quanh thật kỹ trước khi làm gì"|msgstr "Nhìn quanh"|' "$vi"
sed -i 's|msgstr "Gọi 912"|msgstr "Gọi 911"|' "$vi"
expect_status 0 "build with labels that fit and keep their facts" K build --quiet
check "no warning about the image is left" sh -c "! grep -q 'steps.svg' '$WORK/stderr'"
check "the corrected label is used" grep -q 'xml:lang="vi"[^>]*>Gọi 911</text>' "$svg_vi"

# The image changes one label: that entry becomes fuzzy, the rest stay.
sed -i 's|>Ask</text>|>Ask!</text>|' "$kit/content/images/steps.svg"
expect_status 0 "extract after the image edit" K extract
expect_status 0 "update after the image edit" K update
expect_stderr "1 entry became fuzzy" "the one translated label becomes fuzzy"
check "the edited label is fuzzy with its previous msgid" python3 - "$vi" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
assert "#, fuzzy" in s and s.count("#, fuzzy") == 1, s.count("#, fuzzy")
i = s.index('msgid "Ask!"')
assert '#| msgid "Ask"' in s[i - 200:i], s[i - 200:i]
PY
expect_status 0 "build after the image edit" K build --quiet
check "the fuzzy label shows the new English, marked en" grep -q 'xml:lang="en"[^>]*>Ask!</text>' "$svg_vi"
check "the other labels keep their translation" grep -q '>Nhìn quanh</text>' "$svg_vi"

# An image with script (or an outside reference) fails the build; out/ stays.
before=$(tree_hash "$out")
sed -i 's|<title id="st-title">|<script>alert(1)</script><title id="st-title">|' "$kit/content/images/steps.svg"
expect_status 1 "build with a script in the image" K build --quiet
expect_stderr "content/images/steps\.svg:2: error: <script> in an image; refused" "the script is refused at its line"
check "the failed build left out/ alone" test "$(tree_hash "$out")" = "$before"
expect_status 1 "extract refuses it too" K extract
sed -i 's|<script>alert(1)</script>||; s|<rect |<image href="https://tracker.example/p.png"/><rect |' "$kit/content/images/steps.svg"
expect_status 1 "build with an outside reference" K build --quiet
expect_stderr "content/images/steps\.svg:4: error: the attribute 'href' of <image> refers to an outside file" \
  "the outside reference is refused at its line"
check "out/ is still the last good build" test "$(tree_hash "$out")" = "$before"
finish
