#!/bin/bash
# The built-in theme and a kit's overrides: a kit with no templates/ builds;
# a kit that overrides one partial builds and shows it, every other file
# staying built in; an unknown variable in an override is a located error
# with a suggestion and the previous out/ stays; theme export writes the
# theme with markers, refuses to overwrite, and an override copied from an
# older theme whose file changed gets a warning naming it.
source "$(dirname "$0")/../lib.sh"
kit=$WORK/kit
copy_kit mini "$kit"
rm -rf "$kit/templates"
expect_status 0 "a kit with no templates/ builds" "$KITGEN" -C "$kit" build --quiet --test-check-values
check "the built-in stylesheet is there" test -s "$kit/out/assets/style.css"
check "the built-in page template rendered the page" grep -q '<main id="main"' "$kit/out/en/guide/first/index.html"
before=$(tree_hash "$kit/out")

# one override
mkdir -p "$kit/templates/partials"
printf '<header class="kokua">{{ site.title }} — {{ lang.name }}</header>\n' >"$kit/templates/partials/header.html"
expect_status 0 "a kit overriding one partial builds" "$KITGEN" -C "$kit" build --quiet --test-check-values
check "the override is used" grep -q '<header class="kokua">Mini Kit — Tiếng Việt</header>' "$kit/out/vi/guide/first/index.html"
check "the rest stays built in" grep -q 'class="breadcrumbs"' "$kit/out/vi/guide/first/index.html"
expect_status 0 "theme list" "$KITGEN" -C "$kit" theme list
check "theme list names the override" grep -Eq '^partials/header.html +overridden$' "$WORK/stdout"
check "theme list names a built-in file" grep -Eq '^page.html +built in$' "$WORK/stdout"
after=$(tree_hash "$kit/out")

# a misspelled variable: located error with a suggestion, out/ kept
printf '{{ site.titel }}\n' >"$kit/templates/partials/header.html"
expect_status 1 "an unknown variable fails the build" "$KITGEN" -C "$kit" build --quiet
expect_stderr "^templates/partials/header.html:1:4: error: unknown variable 'site.titel'; did you mean 'site.title'\?" "located, with a suggestion"
check "the previous out/ is kept" test "$(tree_hash "$kit/out")" = "$after"
printf '{%% include "partials/nope.html" %%}\n' >"$kit/templates/partials/header.html"
expect_status 1 "an unknown partial fails the build" "$KITGEN" -C "$kit" build --quiet
expect_stderr "templates/partials/header.html:1:1: error: missing partial 'partials/nope.html'" "names the partial"
printf '{%% if %%}\n' >"$kit/templates/partials/header.html"
expect_status 1 "a syntax error fails the build" "$KITGEN" -C "$kit" build --quiet
expect_stderr "^templates/partials/header.html:1:" "located"
check "the previous out/ is still kept" test "$(tree_hash "$kit/out")" = "$after"

# an optional value that is absent is fine (page.summary on a page without one)
printf '{{ page.summary | default "no summary" }}\n' >"$kit/templates/partials/header.html"
expect_status 0 "default for an absent value" "$KITGEN" -C "$kit" build --quiet
check "default used" grep -q 'no summary' "$kit/out/en/guide/second/index.html"

# export, markers, no overwriting, stale overrides
rm -rf "$kit/templates"
expect_status 0 "theme export" "$KITGEN" -C "$kit" theme export
check "export wrote the theme" test -f "$kit/templates/page.html" -a -f "$kit/templates/assets/style.css"
check "the marker names the file and version" grep -q '^{# kitgen theme: page.html from kitgen [0-9.]* ([0-9a-f]\{16\})' "$kit/templates/page.html"
expect_status 1 "export does not overwrite" "$KITGEN" -C "$kit" theme export
expect_stderr "templates/page.html: error: already exists; not overwritten" "names the file in the way"
expect_status 0 "an exported theme builds" "$KITGEN" -C "$kit" build --quiet --clean
rm -rf "$WORK/plain" && copy_kit mini "$WORK/plain" && rm -rf "$WORK/plain/templates"
"$KITGEN" -C "$WORK/plain" build --quiet 2>/dev/null
check "the exported theme's pages equal the built-in theme's (assets and zips differ by the markers)" diff -r -x assets -x downloads "$kit/out" "$WORK/plain/out"
# a marker whose hash is not the built-in file's: copied from an older theme
sed -i '1s/([0-9a-f]\{16\})/(0123456789abcdef)/' "$kit/templates/partials/footer.html"
expect_status 0 "a stale override still builds" "$KITGEN" -C "$kit" build --quiet
expect_stderr "^templates/partials/footer.html:1:1: warning: this override was copied from kitgen [0-9.]*'s theme; kitgen [0-9.]*'s 'partials/footer.html' has changed since" "a stale override is named"
finish
