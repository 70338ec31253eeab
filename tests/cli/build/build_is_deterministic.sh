# build_is_deterministic: two builds of the same inputs, in different
# folders, at different times, on different thread counts (one thread
# here; four, with PDF worker processes, for the fixture bundled_built
# copies: tests/cli/bundled_build.sh), are byte-identical.
source "$(dirname "$0")/../lib.sh"
bundled_built "$WORK/b"
copy_kit bundled "$WORK/a"
expect_status 0 "a build on one thread" "$KITGEN" -C "$WORK/a" build --quiet -j 1
check "outputs are byte-identical" diff -r "$WORK/a/out" "$WORK/b/out"
expect_status 0 "rebuild in place" "$KITGEN" -C "$WORK/a" build --quiet
check "rebuild is byte-identical" diff -r "$WORK/a/out" "$WORK/b/out"
finish
