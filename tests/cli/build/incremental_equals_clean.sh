# incremental_equals_clean: the build cache is a speed-up only. After every
# step of a sequence of edits (content, titles, translations, templates,
# kit.yaml, pages added and removed, cache damaged or deleted), an
# incremental build gives byte for byte the output of a clean build. The
# incremental builds patch out/ in place (only what changed is written, then
# moved in through a journal); a build killed while applying its journal is
# finished by the next one, and a damaged manifest falls back to a full swap.
# label: slow (about 45 builds of the small kit: 210 s under ASan; the sanitizer
# run covers incremental builds through serve_equals_clean and the others)
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
"$KITGEN" -C "$kit" update >/dev/null 2>&1
cache="$kit/.out.kitgen-cache"
step=0
compare() { # compare "what changed"
  step=$((step + 1))
  expect_status 0 "step $step ($1): incremental build" "$KITGEN" -C "$kit" build --quiet --no-sync
  clean_build_equals "step $step ($1): incremental build" "$kit"
}
compare "first build"
compare "nothing changed"
check "an unchanged rebuild reuses pages" bash -c "'$KITGEN' -C '$kit' build --no-sync 2>&1 | grep -q '[1-9][0-9]* pages unchanged'"
sed -i 's/^Breathe slowly./Breathe slowly and deeply./' "$kit/content/guide/first.md"
compare "a sentence edited"
sed -i 's/^title: "Second steps"/title: "Next steps"/' "$kit/content/guide/second.md"
compare "a title edited (other pages show it)"
translate "$kit/locales/vi/guide/second.po" "Help" "Trợ giúp"
compare "a translation added"
translate "$kit/locales/vi/ui.po" "All modules" "Tất cả bài học"
compare "a UI string translated"
sed -i 's/<footer class="site-footer">/<footer class="site-footer" data-step="6">/' "$kit/templates/partials/footer.html"
compare "a template edited"
sed -i 's/hotline: "555-0100"/hotline: "555-0111"/' "$kit/kit.yaml"
compare "a kit.yaml value changed"
printf -- '---\ntitle: "Third"\norder: 30\nstrategy: education\n---\nSee [the first steps](first.md).\n' > "$kit/content/guide/third.md"
compare "a page added"
rm "$kit/content/guide/third.md"
compare "a page removed"
sed -i 's/^order: 20/order: 5/' "$kit/content/guide/second.md"
compare "pages reordered"
printf 'garbage\tP\tx\n' > "$cache"
sed -i 's/^Breathe slowly and deeply./Breathe slowly./' "$kit/content/guide/first.md"
compare "a corrupt cache"
head -c 200 "$cache" > "$cache.cut" 2>/dev/null && mv "$cache.cut" "$cache"
compare "a truncated cache"
rm -f "$cache"
compare "a deleted cache"
touch "$kit/content/guide/first.md"
compare "a file touched but not changed"

manifest="$kit/.out.kitgen-manifest"
check "a build leaves a manifest of out/" test -s "$manifest"
check "the manifest lists every file of out/" test "$(sed '1d;$d' "$manifest")" = "$(cd "$kit/out" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)"
# Patch mode writes only what changed: one sentence edited rewrites far
# fewer files than out/ holds (the rest stay, same inode).
untouched_before=$(stat -c %i "$kit/out/vi/guide/second/index.html")
sed -i 's/^Breathe slowly./Breathe slowly and calmly./' "$kit/content/guide/first.md"
compare "a sentence edited (patch mode)"
check "an unchanged output file stays the same file (not rewritten, not relinked)" \
  test "$(stat -c %i "$kit/out/vi/guide/second/index.html")" = "$untouched_before"
check "no journal or staging folder is left" \
  test -z "$(find "$kit" -maxdepth 1 -name '.out.kitgen-journal*' -o -maxdepth 1 -name '.out.kitgen-new')"
# Killed while applying the journal, after k steps: out/ is half patched
# until the next build, which finishes the journal first.
for k in 1 2 3 5; do
  sed -i "s/^Breathe slowly and calmly[^ ]*/Breathe slowly and calmly$k./" "$kit/content/guide/first.md"
  status=0
  "$KITGEN" -C "$kit" build --quiet --no-sync --test-kill-in-commit "$k" >/dev/null 2>&1 || status=$?
  check "build killed after $k commit steps died of SIGKILL" test "$status" -eq 137
  check "the journal survived the kill at $k" test -s "$kit/.out.kitgen-journal"
  compare "the next build after a kill in the commit at step $k"
  check "the journal is gone after the build that finished it ($k)" test ! -e "$kit/.out.kitgen-journal"
done
# Files deeper in out/ are trusted to be what the manifest lists (no stat
# per kept file), but a top-level folder or file deleted by hand is noticed:
# the build swaps in a complete tree.
rm -rf "$kit/out/vi"
compare "a language folder deleted from out/ by hand"
rm -f "$kit/out/sitemap.xml"
compare "a top-level file deleted from out/ by hand"
# A damaged manifest: the build swaps in a whole new tree instead.
printf 'kitgen-manifest 1\nen/index.html\nend 1 0000000000000000\n' > "$manifest"
sed -i 's/^Breathe slowly and calmly[^ ]*/Breathe slowly./' "$kit/content/guide/first.md"
compare "a damaged manifest"
check "a file the damaged manifest did not list was still removed" \
  test "$(sed '1d;$d' "$manifest" | wc -l)" = "$(find "$kit/out" -type f | wc -l)"
printf 'stray' > "$kit/out/en/stray.txt"
rm -f "$manifest"
compare "a deleted manifest (a stray file in out/ goes with the full swap)"
# Neighbours: a module page's previous/next links show the nearest page
# published in that language in its section, with its title; a page
# depends on those, not on every title of the section.
printf -- '---\ntitle: "Third"\norder: 30\nstrategy: education\n---\nSee [the first steps](first.md).\n' > "$kit/content/guide/third.md"
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
"$KITGEN" -C "$kit" update >/dev/null 2>&1
compare "a third page, with its catalogs"
sed -i 's/^title: "Third"/title: "Third, renamed"/' "$kit/content/guide/third.md"
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
"$KITGEN" -C "$kit" update >/dev/null 2>&1
compare "a neighbour's title edited (the page before it links to it)"
sed -i 's/^  - tag: vi$/  - tag: vi\n    min_coverage: 50/' "$kit/kit.yaml"
check "vi has a minimum coverage now" grep -q "min_coverage: 50" "$kit/kit.yaml"
compare "vi publishes only pages at least half translated"
translate "$kit/locales/vi/guide/third.po" "Third, renamed" "Phần ba"
translate "$kit/locales/vi/guide/third.po" "See [the first steps](first.md)." "Xem [các bước đầu](first.md)."
compare "a translation publishes a page in vi (its neighbours' links change)"
check "the newly published page is in out/vi" test -f "$kit/out/vi/guide/third/index.html"
finish
