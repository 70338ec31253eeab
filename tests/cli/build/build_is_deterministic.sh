# build_is_deterministic: two builds of the same inputs, in different
# folders, at different times, on different thread counts, are byte-identical.
source "$(dirname "$0")/../lib.sh"
copy_kit bundled "$WORK/a"
copy_kit bundled "$WORK/b"
expect_status 0 "first build" "$KITGEN" -C "$WORK/a" build --quiet -j 1
sleep 1.1
expect_status 0 "second build" "$KITGEN" -C "$WORK/b" build --quiet -j 4
check "outputs are byte-identical" diff -r "$WORK/a/out" "$WORK/b/out"
expect_status 0 "rebuild in place" "$KITGEN" -C "$WORK/a" build --quiet
check "rebuild is byte-identical" diff -r "$WORK/a/out" "$WORK/b/out"
finish
