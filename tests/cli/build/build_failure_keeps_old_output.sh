# build_failure_keeps_old_output: a build that fails (bad content, a
# template error, a catalog saved while it runs), or is killed at any point
# while writing, leaves the previous out/ exactly as it was.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
expect_status 0 "first build" "$KITGEN" -C "$kit" build --quiet
before=$(tree_hash "$kit/out")
files=$(find "$kit/out" -type f | wc -l)

# A content error found before anything is written.
cp "$kit/content/guide/second.md" "$WORK/second.md"
printf -- '---\ntitle: "Broken"\nupdated: 2026-02-30\n---\nText\n' > "$kit/content/guide/second.md"
expect_status 1 "build with a bad date fails" "$KITGEN" -C "$kit" build --quiet
expect_stderr 'content/guide/second.md:3:10: error:' "the bad date is located"
check "out/ unchanged after a failed build" test "$(tree_hash "$kit/out")" = "$before"
cp "$WORK/second.md" "$kit/content/guide/second.md"

# A template error found while rendering (after some pages were written).
cp "$kit/templates/page.html" "$WORK/page.html"
echo '{{ page.toc }}' >> "$kit/templates/page.html"  # a list in output position: render error
expect_status 1 "build with a render error fails" "$KITGEN" -C "$kit" build --quiet
check "out/ unchanged after a render error" test "$(tree_hash "$kit/out")" = "$before"
cp "$WORK/page.html" "$kit/templates/page.html"

# A catalog saved while the build runs, after phase 1 read and checked it:
# phase 2 reads it again (phase 1 does not keep it) and finds other bytes.
# The build fails rather than publish text phase 1 did not check.
vkit="$WORK/kit-vi"
copy_kit mini-vi "$vkit"
expect_status 0 "first build of the Vietnamese kit" "$KITGEN" -C "$vkit" build --quiet
vbefore=$(tree_hash "$vkit/out")
expect_status 1 "a catalog saved during the build fails it" \
  "$KITGEN" -C "$vkit" build --quiet --clean --test-edit-after-measure locales/vi/guide/first.po
expect_stderr 'locales/vi/guide/first.po: error: changed or went away while the site was being built' \
  "the changed catalog is named"
check "out/ unchanged after a catalog changed mid-build" test "$(tree_hash "$vkit/out")" = "$vbefore"
expect_status 0 "the next build reads the saved catalog" "$KITGEN" -C "$vkit" build --quiet --clean
check "no leftovers beside the Vietnamese out/" test -z "$(find "$vkit" -maxdepth 1 -name '.out.kitgen-*' -type d)"

# Killed with SIGKILL after N files, for N across the whole build.
echo "new text" >> "$kit/content/guide/second.md"
for n in 1 2 5 10 20 $((files / 2)) $((files - 1)) $files; do
  status=0
  "$KITGEN" -C "$kit" build --quiet --test-kill-after-files "$n" >/dev/null 2>&1 || status=$?
  check "build killed after $n files died of SIGKILL" test "$status" -eq 137
  check "out/ is the complete old tree after a kill at $n" test "$(tree_hash "$kit/out")" = "$before"
done
expect_status 0 "a build after the kills succeeds" "$KITGEN" -C "$kit" build --quiet
check "the new build replaced out/" grep -q "new text" "$kit/out/en/guide/second/index.html"
check "no leftovers beside out/" test -z "$(find "$kit" -maxdepth 1 -name '.out.kitgen-*' -type d)"
finish
