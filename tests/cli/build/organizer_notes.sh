# organizer_notes: notes for organizers (<!-- organizer: ... -->) reach no
# reader and no translator. A kit whose pages carry notes everywhere a
# note may stand (between paragraphs, over several lines, in a list item,
# as a whole item, in a block quote, inside a paragraph, with "--" in it, in
# a heading) extracts the same POT messages, updates no catalog, counts the
# same coverage and builds exactly the same out/ as the kit without them;
# no file of out/ (pages, text and Markdown exports, PDFs read back, zips
# unpacked, search index) holds a word of a note, also with raw_html on.
source "$(dirname "$0")/../lib.sh"

# ---- Two copies of a kit: with notes, and as if they had never been -------
plain="$WORK/plain"
noted="$WORK/noted"
copy_kit mini-vi "$plain"
copy_kit mini-vi "$noted"

cat >"$noted/content/guide/first.md" <<'EOF'
---
title: "First steps"
summary: "Start here."
order: 10
audience: [everyone, elders]
strategy: education
handout: true
updated: 2026-03-05
---
<!-- organizer: SECRETNOTEA put your own hotline in kit.yaml's vars
before you print SECRETNOTEB -->

Call **911** if [someone is hurt](second.md#help).

## Stay calm <!-- organizer: SECRETNOTEC rename this -->

Breathe slowly. <!-- organizer: SECRETNOTED -- check the number --> Our hotline is {{ hotline }}.

- Look around.
  <!-- organizer: SECRETNOTEE add a step of your own -->
- <!-- organizer: SECRETNOTEF an empty item for your group -->
- Ask *quietly*.

> Safety first.
>
> <!-- organizer: SECRETNOTEG a quote from your group -->

<!-- Organizer: SECRETNOTEH
over
several lines -->

![A drawing of two people](../images/pair.svg)
EOF
cat >>"$noted/content/_index.md" <<'EOF'

<!-- organizer: SECRETNOTEI fill in your own organization's name where you see a blank -->
EOF

# ---- Translators never see a note ------------------------------------------
for kit in "$plain" "$noted"; do
  expect_status 0 "extract" "$KITGEN" -C "$kit" extract
  expect_status 0 "update" "$KITGEN" -C "$kit" update
done
check "no POT or PO file holds a note" bash -c "! grep -rq SECRETNOTE '$noted/locales'"
pot_messages() { grep -h '^msgid' "$1"/locales/pot/_index.pot "$1"/locales/pot/guide/first.pot; }
check "the POT messages are those of the kit without notes" diff <(pot_messages "$plain") <(pot_messages "$noted")
check "update left the Vietnamese catalog as it was (no fuzzy, no obsolete entry)" \
  bash -c "! grep -Eq '^#, fuzzy|^#~' '$noted/locales/vi/guide/first.po'"

# ---- Coverage does not count them -------------------------------------------
expect_status 0 "status of the kit without notes" "$KITGEN" -C "$plain" status --by-page --format json
cp "$WORK/stdout" "$WORK/plain.json"
expect_status 0 "status of the kit with notes" "$KITGEN" -C "$noted" status --by-page --format json
check "coverage is the same" diff "$WORK/plain.json" "$WORK/stdout"

# ---- Readers never see a note ------------------------------------------------
# leaks DIR: every file under DIR that holds a note's word, reading PDFs
# as text and zips unpacked.
leaks() {
  local f
  while IFS= read -r -d '' f; do
    case "$f" in
      *.pdf) { pdftotext -q "$f" - 2>/dev/null; cat "$f"; } | grep -aq SECRETNOTE && echo "$f" ;;
      *.zip) unzip -p "$f" | grep -aq SECRETNOTE && echo "$f" ;;
      *) grep -aq SECRETNOTE "$f" && echo "$f" ;;
    esac
  done < <(find "$1" -type f -print0)
  return 0
}
expect_status 0 "the kit without notes builds" "$KITGEN" -C "$plain" build --quiet
cp "$WORK/stderr" "$WORK/plain.stderr"
expect_status 0 "the kit with notes builds (a note is not raw HTML)" "$KITGEN" -C "$noted" build --quiet
check "with the same diagnostics" diff "$WORK/plain.stderr" "$WORK/stderr"
check "the handout was made (so the PDFs are searched)" test -s "$noted/out/en/guide/first/first-en-handout.pdf"
check "pdftotext reads the handout" bash -c "pdftotext '$noted/out/vi/guide/first/first-vi-handout.pdf' - | grep -q 'Giữ bình tĩnh'"
leaks "$noted/out" >"$WORK/leaks"
check "no file of out/ holds a note" test ! -s "$WORK/leaks"
sed 's/^/  leak: /' "$WORK/leaks" >&2
check "out/ is byte for byte that of the kit without notes" diff -r "$plain/out" "$noted/out"

# ---- Not even where the kit allows raw HTML ----------------------------------
for kit in "$plain" "$noted"; do
  echo "raw_html: true" >>"$kit/kit.yaml"
  expect_status 0 "build with raw_html" "$KITGEN" -C "$kit" build --quiet --clean
done
leaks "$noted/out" >"$WORK/leaks"
check "with raw_html, no file of out/ holds a note" test ! -s "$WORK/leaks"
sed 's/^/  leak: /' "$WORK/leaks" >&2
check "with raw_html, out/ is that of the kit without notes" diff -r "$plain/out" "$noted/out"
finish
