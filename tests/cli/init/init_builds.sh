#!/bin/bash
# label: slow (builds the example kit with its handouts)
# kitgen init makes a kit that builds at once, with no templates/ (the
# built-in theme); --from-example copies the bundled kit, which builds too;
# bad input is refused with a clear error and nothing is overwritten.
source "$(dirname "$0")/../lib.sh"
cd "$WORK"
expect_status 0 "init a new kit" "$KITGEN" init mykit --title "Kokua Pacific Safety Kit" --language chk --language vi
check "kit.yaml, content/ and locales/ are there" test -f mykit/kit.yaml -a -f mykit/content/_index.md -a -d mykit/locales/chk
check "no templates/" test ! -e mykit/templates
check "Chuukese gets its name in kit.yaml" grep -q 'name: "Kapasen Chuuk"' mykit/kit.yaml
expect_status 0 "the new kit builds at once" "$KITGEN" -C mykit build --quiet --test-check-values
check "with no warnings" test ! -s "$WORK/stderr"
check "the title is the one given" grep -q 'Kokua Pacific Safety Kit' mykit/out/en/index.html
check "the sample page is there in Chuukese (falling back to English)" test -f mykit/out/chk/getting-started/index.html
cp mykit/kit.yaml "$WORK/kit.yaml.before"
expect_status 1 "init refuses a folder that is not empty" "$KITGEN" init mykit
expect_stderr "mykit: error: the folder is not empty" "says why"
echo "my edit" >>mykit/content/_index.md
expect_status 0 "with --force it fills in what is missing" "$KITGEN" init mykit --force
expect_stderr "mykit/kit.yaml: warning: exists already; kept as it is" "and names what it kept"
check "no file was overwritten" grep -q "my edit" mykit/content/_index.md
check "kit.yaml kept" cmp mykit/kit.yaml "$WORK/kit.yaml.before"
touch afile
expect_status 1 "init refuses a file" "$KITGEN" init afile
expect_stderr "^afile: error: is a file, not a folder" "says so"
expect_status 1 "init refuses a tag that is not BCP 47" "$KITGEN" init bad --language "zh_TW"
expect_stderr "'zh_TW' is not a BCP 47 language tag; did you mean 'zh-TW'\?" "with the fix"
check "and makes nothing" test ! -e bad
expect_status 2 "init refuses an unknown option" "$KITGEN" init x --frobnicate

expect_status 0 "init --from-example" "$KITGEN" init example --from-example
check "the example's content and catalogs came" test -f example/content/education/five-responses.md -a -f example/locales/vi/ui.po
check "but not the theme" test ! -e example/templates
expect_status 0 "the example builds" "$KITGEN" -C example build --quiet
check "its Vietnamese five-responses page is there" test -f example/out/vi/education/five-responses/index.html
finish
