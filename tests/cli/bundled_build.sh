# bundled_build: builds the bundled kit once, for the tests that only read
# a build of it (ctest fixture "bundled_build": cli/build/bundled_kit,
# downloads, partner_files, search_finds_words, handouts_readback,
# mv_keeps_translations and browser/all copy the
# result with bundled_built, lib.sh, instead of each building the same kit
# again: five full builds fewer in every run of the suite). The build
# itself is this test's check: exit 0, an index page, handouts.
# Usage (by ctest): bash bundled_build.sh DEST
source "$(dirname "$0")/lib.sh"
dest=${1:?usage: bundled_build.sh DEST}
rm -rf "$dest" "$dest.rasters"
copy_kit bundled "$dest"
mkdir -p "$dest.rasters"
# With Cairo's rasters of some handouts beside it (DEST.rasters), for
# handouts_readback; build_is_deterministic checks that the rasters change
# nothing in out/ (it compares a plain -j 1 build with this one).
expect_status 0 "the bundled kit builds (four jobs: PDF worker processes)" \
  "$KITGEN" -C "$dest" build --quiet -j 4 --test-handout-rasters "$dest.rasters" --test-handout-rasters-pages "$RASTER_SAMPLED_MODULES"
check "it has an index page" test -s "$dest/out/index.html"
check "it has handouts" test -n "$(find "$dest/out" -name '*-handout.pdf' | head -n 1)"
[ "$failures" -eq 0 ] || rm -rf "$dest" "$dest.rasters" # a broken fixture is never used
finish
