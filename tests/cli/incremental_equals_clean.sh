# incremental_equals_clean: the build cache is a speed-up only. After every
# step of a sequence of edits (content, titles, translations, templates,
# kit.yaml, pages added and removed, cache damaged or deleted), an
# incremental build gives byte for byte the output of a clean build.
source "$(dirname "$0")/lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
"$KITGEN" -C "$kit" update >/dev/null 2>&1
cache="$kit/.out.kitgen-cache"
step=0
compare() { # compare "what changed"
  step=$((step + 1))
  expect_status 0 "step $step ($1): incremental build" "$KITGEN" -C "$kit" build --quiet --no-sync
  rm -rf "$WORK/clean"; mkdir -p "$WORK/clean"
  cp -r "$kit/kit.yaml" "$kit/content" "$kit/templates" "$kit/locales" "$WORK/clean/"
  expect_status 0 "step $step: clean build" "$KITGEN" -C "$WORK/clean" build --quiet --no-sync --clean
  check "step $step ($1): incremental output equals a clean build" diff -r "$kit/out" "$WORK/clean/out"
}
translate() { # translate PO MSGID MSGSTR
  python3 - "$@" <<'PY'
import sys
p, msgid, msgstr = sys.argv[1:]
s = open(p, encoding="utf-8").read()
old = 'msgid "%s"\nmsgstr ""' % msgid
assert old in s, msgid
open(p, "w", encoding="utf-8").write(s.replace(old, 'msgid "%s"\nmsgstr "%s"' % (msgid, msgstr)))
PY
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
finish
