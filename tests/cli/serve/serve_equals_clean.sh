# serve_equals_clean: `kitgen serve` keeps the last build's parsed pages and
# cache in memory and trusts inotify for which files changed (no stat, no
# read of the rest). After every step of a sequence of edits made while it
# runs (content, titles, catalogs, templates, kit.yaml, pages and folders
# added, removed and renamed, a broken build and its fix, a build by another
# kitgen, a file reached through a symbolic link), out/ equals byte for
# byte a clean build of the same sources.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
"$KITGEN" -C "$kit" update >/dev/null 2>&1

"$KITGEN" -C "$kit" --no-color serve --port 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 300); do grep -q "serving" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
check "serve started" grep -q "serving" "$WORK/serve.out"

builds() { grep -cE '^kitgen: (rebuilt|build failed)' "$WORK/serve.err" || true; }
seen=$(builds)
# wait_build: waits for the server's next build after an edit.
wait_build() {
  for _ in $(seq 600); do [ "$(builds)" -gt "$seen" ] && break; sleep 0.1; done
  local now; now=$(builds)
  check "the server rebuilt (step $((step + 1)))" test "$now" -gt "$seen"
  seen=$now
  sleep 0.3 # let a second burst of events settle into its own build
  seen=$(builds)
}
step=0
compare() { # compare "what changed"
  step=$((step + 1))
  wait_build
  clean_build_equals "step $step ($1): served" "$kit"
}

sed -i 's/^Breathe slowly./Breathe slowly and deeply./' "$kit/content/guide/first.md"
compare "a sentence edited"
check "the rebuild rendered only some pages again" grep -qE '^kitgen: rebuilt [0-9]+ pages in [0-9]+ ms \([0-9]+ rendered again\)' "$WORK/serve.err"
sed -i 's/^Breathe slowly and deeply./Breathe slowly and calmly./' "$kit/content/guide/first.md"
compare "the same page edited again (its record now comes from memory)"
sed -i 's/^title: "Second steps"/title: "Next steps"/' "$kit/content/guide/second.md"
compare "a title edited"
translate "$kit/locales/vi/guide/second.po" "Help" "Trợ giúp"
compare "a translation added"
translate "$kit/locales/vi/ui.po" "All modules" "Tất cả bài học"
compare "a UI string translated"
sed -i 's/<footer class="site-footer">/<footer class="site-footer" data-step="serve">/' "$kit/templates/partials/footer.html"
compare "a template edited"
sed -i 's/hotline: "555-0100"/hotline: "555-0122"/' "$kit/kit.yaml"
compare "a kit.yaml value changed"
printf -- '---\ntitle: "Third"\norder: 30\nstrategy: education\n---\nSee [the first steps](first.md).\n' > "$kit/content/guide/third.md"
compare "a page added"
rm "$kit/content/guide/third.md"
compare "a page removed"
mkdir -p "$kit/content/extra"
printf -- '---\ntitle: "Extra"\n---\nAn extra section.\n' > "$kit/content/extra/_index.md"
printf -- '---\ntitle: "Extra page"\norder: 1\nstrategy: education\n---\nMore to read.\n' > "$kit/content/extra/more.md"
compare "a folder with pages added"
mv "$kit/content/extra" "$kit/content/bonus"
compare "a folder renamed"
sed -i 's/^More to read./More to read, renamed folder./' "$kit/content/bonus/more.md"
compare "a page edited in the renamed folder"
rm -r "$kit/content/bonus"
compare "a folder removed"
printf -- '---\ntitle: a\nupdated: nope\n---\n' > "$kit/content/guide/broken.md"
wait_build
check "the broken page fails the build" grep -q "build failed" "$WORK/serve.err"
rm "$kit/content/guide/broken.md"
sed -i 's/^Breathe slowly and calmly./Breathe slowly./' "$kit/content/guide/first.md"
compare "the build fixed, with an edit made meanwhile"
"$KITGEN" -C "$kit" build --quiet --no-sync --clean
sed -i 's/^Breathe slowly./Breathe in slowly./' "$kit/content/guide/first.md"
compare "an edit after another kitgen built the kit"
# A page reached through a symbolic link: an edit to its target raises no
# event, so from then on the server trusts nothing it did not stat.
mkdir -p "$kit/shared"
printf -- '---\ntitle: "Linked"\norder: 40\nstrategy: education\n---\nLinked text.\n' > "$kit/shared/linked.md"
ln -s ../../shared/linked.md "$kit/content/guide/linked.md"
compare "a page that is a symbolic link added"
sed -i 's/^Linked text./Linked text, edited through the link target./' "$kit/shared/linked.md"
sed -i 's/^Breathe in slowly./Breathe slowly./' "$kit/content/guide/first.md"
compare "the link's target edited (seen at the next rebuild)"

kill -TERM $pid
status=0
wait $pid || status=$?
check "serve stops cleanly" test "$status" -eq 0
finish
