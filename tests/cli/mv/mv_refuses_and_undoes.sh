# mv_refuses_and_undoes: `kitgen mv` refuses what it must not do, naming why
# and changing nothing: onto an existing page, folder or catalog, onto
# another page's alias, a missing source, a destination outside content/,
# the home page, a folder into itself. A move whose Nth file step fails
# (every N, until one succeeds) leaves the kit byte for byte as it was.
# Moving a page back drops the alias it lands on. A page moved by hand is
# noticed by `kitgen update`, which names the `kitgen mv --after` that
# carries its translations over; a removed page's catalogs are reported and
# `update --prune` moves them aside, never deleting a translation.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini-vi "$kit"
export SOURCE_DATE_EPOCH=1764979200
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
"$KITGEN" -C "$kit" update >/dev/null 2>&1
kit_hash() { (cd "$kit" && find . -path ./out -prune -o -path './.out*' -prune -o -print0 | sort -z |
  xargs -0 -I{} sh -c 'if [ -f "{}" ]; then sha256sum "{}"; else echo "dir {}"; fi' | sha256sum); }
refused() { # refused "why" "stderr pattern" OLD NEW
  local before; before=$(kit_hash)
  expect_status 1 "refused: $1" "$KITGEN" -C "$kit" mv "$3" "$4"
  expect_stderr "$2" "refused: $1: the reason is named"
  expect_stderr "nothing was moved" "refused: $1: says nothing moved"
  check "refused: $1: the kit is unchanged" test "$(kit_hash)" = "$before"
}
mkdir -p "$kit/content/other"
printf -- '---\ntitle: "Other"\n---\nAnother section.\n' >"$kit/content/other/_index.md"
refused "onto an existing page" "content/guide/second.md: error: already exists" content/guide/first.md content/guide/second.md
refused "onto an existing folder" "content/other: error: already exists" content/guide content/other
refused "a missing source" "content/guide/nope.md: error: no such page or folder" content/guide/nope.md content/guide/yes.md
refused "outside content/" "first.md: error: the destination must be inside content/" content/guide/first.md first.md
refused "out of content/ with .." "the destination must be inside content/" content/guide/first.md content/../../first.md
refused "the home page" "the home page cannot be moved" content/_index.md content/home.md
refused "content/ itself" "content/ itself cannot be moved" content content2
refused "a folder into itself" "the destination is inside what moves" content/guide content/guide/deeper
refused "a section's index alone" "move the folder" content/guide/_index.md content/guide/start.md
refused "a page onto a folder name" "name a .md file" content/guide/first.md content/guide/later
printf 'msgid ""\nmsgstr ""\n"Language: vi\\n"\n' >"$kit/locales/vi/guide/renamed.po"
refused "onto a catalog left at the new place" "locales/vi/guide/renamed.po: error: already exists" \
  content/guide/first.md content/guide/renamed.md
rm "$kit/locales/vi/guide/renamed.po"
sed -i 's/^order: 20$/order: 20\naliases:\n  - guide\/later/' "$kit/content/guide/second.md"
refused "onto another page's alias" "content/guide/second.md:5:5: error: alias 'guide/later' is the new address of content/guide/first.md" \
  content/guide/first.md content/guide/later.md
expect_status 2 "one path is a usage error" "$KITGEN" -C "$kit" mv content/guide/first.md

# Every step may fail: the steps before it are undone.
before=$(kit_hash)
"$KITGEN" -C "$kit" status >"$WORK/status.before"
moved=0
for n in $(seq 1 200); do
  status=0
  "$KITGEN" -C "$kit" mv --test-fail-step=$n content/guide content/steps >"$WORK/out" 2>"$WORK/err" || status=$?
  if [ "$status" = 0 ]; then moved=$n; break; fi
  grep -q "nothing was moved" "$WORK/err" || fail "step $n: the failure is not reported"
  [ "$(kit_hash)" = "$before" ] || { fail "step $n failed: the kit changed"; break; }
  pass
done
check "a move that fails at none of its steps happens (after $((moved - 1)) failing runs)" test "$moved" -gt 10
check "...and changes the kit (the hash sees a move)" test "$(kit_hash)" != "$before"
check "no hidden temporary file is left" test -z "$(find "$kit" -name '*.kitgen-mv')"
"$KITGEN" -C "$kit" status >"$WORK/status.after"
check "the translations moved with the folder" diff -u "$WORK/status.before" "$WORK/status.after"
check "the kit builds after the move" "$KITGEN" -C "$kit" build --quiet --no-sync
check "the old section address redirects" grep -q 'url=../../vi/steps/' "$kit/out/vi/guide/index.html"

# Moving back onto an old address drops that alias and keeps the other.
expect_status 0 "a page moved" "$KITGEN" -C "$kit" mv content/steps/first.md content/steps/begin.md
check "it has both old addresses" test "$(sed -n '/^aliases:/,/^---/p' "$kit/content/steps/begin.md" | grep -c '^  - ')" = 2
expect_status 0 "and moved back" "$KITGEN" -C "$kit" mv content/steps/begin.md content/steps/first.md
check "the alias it came back to is gone, the others stay" \
  test "$(sed -n '/^aliases:/,/^---/p' "$kit/content/steps/first.md" | grep '^  - ' | tr -d ' \n')" = "-guide/first-steps/begin"
check "the kit builds" "$KITGEN" -C "$kit" build --quiet --no-sync

# A page moved by hand: update names the command, which carries the
# translations over as kitgen mv would have.
"$KITGEN" -C "$kit" status --by-page --format json >"$WORK/pages.before"
mv "$kit/content/steps/first.md" "$kit/content/steps/start.md"
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
expect_status 0 "update after a move by hand" "$KITGEN" -C "$kit" update
expect_stderr "content/steps/start.md: warning: 100% of its English is that of the orphaned catalogs of content/steps/first.md; to carry their translations over run: kitgen mv --after content/steps/first.md content/steps/start.md" \
  "update names the mv --after"
expect_status 0 "update --prune keeps catalogs a page matches" "$KITGEN" -C "$kit" update --prune
check "...the matched catalog is still there" test -f "$kit/locales/vi/steps/first.po"
expect_status 0 "kitgen mv --after" "$KITGEN" -C "$kit" mv --after content/steps/first.md content/steps/start.md
check "the old catalog is gone" test ! -e "$kit/locales/vi/steps/first.po"
check "...and its translations are at the new place" grep -q 'msgstr "[^"]' "$kit/locales/vi/steps/start.po"
check "the old address became an alias" grep -qx '  - steps/first' "$kit/content/steps/start.md"
check "links to the old file are rewritten" grep -q '(start.md)' "$kit/content/steps/second.md"
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
expect_status 0 "update after mv --after" "$KITGEN" -C "$kit" update
check "no orphan is left" bash -c "! grep -q orphan '$WORK/stderr'"
"$KITGEN" -C "$kit" status >"$WORK/status.after-after"
check "the translations are all there" diff -u "$WORK/status.before" "$WORK/status.after-after"

# A page removed: reported, then moved aside, never deleted.
translate "$kit/locales/vi/steps/second.po" "Help" "Trợ giúp"
rm "$kit/content/steps/second.md"
sed -i 's/\[the first steps\](second.md#help)/the first steps/; s/(second.md#help)//' "$kit/content/steps/start.md"
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
expect_status 0 "update with an orphan" "$KITGEN" -C "$kit" update
expect_stderr "locales/vi/steps/second.po: warning: orphaned catalog: its page content/steps/second.md no longer exists" \
  "the orphan is reported at its catalog"
expect_stderr "locales/pot/steps/second.pot: warning: POT file of a page that no longer exists" "so is its POT file"
check "glossary-like files are not orphans" bash -c "! grep -q 'ui.po\|glossary' '$WORK/stderr'"
expect_status 0 "update --prune" "$KITGEN" -C "$kit" update --prune
expect_stderr "locales/vi/steps/second.po: note: moved to locales/vi/.orphaned/steps/second.po" "the move is named"
check "the translation is kept aside" grep -q 'msgstr "Trợ giúp"' "$kit/locales/vi/.orphaned/steps/second.po"
check "the POT file is removed" test ! -e "$kit/locales/pot/steps/second.pot"
expect_status 0 "update after pruning" "$KITGEN" -C "$kit" update
check "nothing is reported any more" bash -c "! grep -q 'orphan\|no longer exists' '$WORK/stderr'"
finish
