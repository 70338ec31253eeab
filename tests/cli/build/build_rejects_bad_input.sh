# build_rejects_bad_input: each kind of bad input gets a located diagnostic
# (file:line:col: error: ...), exit status 1, and no crash.
source "$(dirname "$0")/../lib.sh"

# case NAME SETUP-COMMAND PATTERN: a fresh mini kit, broken by SETUP, must
# fail with a diagnostic matching PATTERN.
case_() {
  local name=$1 setup=$2 pattern=$3
  local kit="$WORK/$name"
  copy_kit mini "$kit"
  (cd "$kit" && eval "$setup")
  expect_status 1 "$name: build fails" "$KITGEN" -C "$kit" --no-color build --quiet
  expect_stderr "$pattern" "$name"
  check "$name: no output written" test ! -e "$kit/out"
}

case_ invalid_utf8_markdown \
  "printf -- '---\ntitle: \"x\"\n---\nabc\xff\xfe\n' > content/guide/second.md" \
  '^content/guide/second.md:4:4: error: file is not UTF-8'
case_ invalid_utf8_yaml \
  "printf 'title: \"Mini \xc3\x28\"\nlanguages: [en]\n' > kit.yaml" \
  '^kit.yaml:1:14: error: invalid UTF-8'
case_ unclosed_front_matter \
  "printf -- '---\ntitle: x\nText\n' > content/guide/second.md" \
  '^content/guide/second.md:1:1: error: front matter opened here is never closed'
case_ duplicate_front_matter_key \
  "printf -- '---\ntitle: a\ntitle: b\n---\n' > content/guide/second.md" \
  "^content/guide/second.md:3:1: error: duplicate key 'title' \\(first at line 2\\)"
case_ date_that_is_not_a_date \
  "printf -- '---\ntitle: a\nupdated: 2026-13-01\n---\n' > content/guide/second.md" \
  "^content/guide/second.md:3:10: error: 'updated' must be a date"
case_ unknown_front_matter_field \
  "printf -- '---\ntitle: a\nsumary: b\n---\n' > content/guide/second.md" \
  "^content/guide/second.md:3:1: error: unknown front matter field 'sumary'; did you mean 'summary'\\?"
case_ unknown_kit_key \
  "sed -i 's/^languages:/langauges:/' kit.yaml" \
  "^kit.yaml:4:1: error: unknown key 'langauges' in kit.yaml; did you mean 'languages'\\?"
case_ wrong_type_in_kit \
  "printf 'raw_html: maybe\n' >> kit.yaml" \
  "^kit.yaml:[0-9]+:11: error: 'raw_html' must be true or false"
case_ language_tag_not_bcp47 \
  "sed -i 's/- tag: vi/- tag: zh_TW.UTF-8/' kit.yaml" \
  "^kit.yaml:6:10: error: 'zh_TW.UTF-8' is not a BCP 47 language tag; did you mean 'zh-TW'\\?"
case_ language_not_canonical \
  "sed -i 's/- tag: vi/- tag: ZH-hant/' kit.yaml" \
  "error: language tag 'ZH-hant' is not in canonical form; write 'zh-Hant'"
case_ language_listed_twice \
  "sed -i 's/- tag: ur/- tag: vi/' kit.yaml" \
  "^kit.yaml:8:10: error: language 'vi' is listed twice \\(first at line 6\\)"
case_ missing_partial \
  "sed -i 's|partials/footer.html|partials/nope.html|' templates/page.html" \
  "^templates/page.html:[0-9]+:[0-9]+: error: missing partial 'partials/nope.html'"
case_ template_block_left_open \
  "printf '{%% if page.title %%}\n<p>x</p>\n' > templates/section.html" \
  "^templates/section.html:[0-9]+:[0-9]+: error: '\\{% if %\\}' opened at 1:1 is never closed"
case_ empty_content_folder \
  "rm -rf content/* && mkdir content/guide" \
  "error: no pages: add Markdown files"
case_ link_to_missing_page \
  "printf -- '---\ntitle: a\n---\nSee [x](nope.md).\n' > content/guide/second.md" \
  "^content/guide/second.md:4:[0-9]+: error: link to a page that does not exist: 'nope.md'"
case_ raw_html_not_allowed \
  "printf -- '---\ntitle: a\n---\n<script>alert(1)</script>\n' > content/guide/second.md" \
  "^content/guide/second.md:4:1: error: raw HTML is not allowed"
case_ symlink_outside_kit \
  "ln -s /etc/hostname content/guide/escape.md" \
  "^content/guide/escape.md: error: symbolic link points outside the kit"
case_ output_outside_kit \
  "printf 'output: ../elsewhere\n' >> kit.yaml" \
  "error: 'output' must be a plain folder name inside the kit"

case_ template_includes_itself \
  "printf '{%% include \"section.html\" %%}\n' > templates/section.html" \
  "^templates/section.html:1:[0-9]+: error: include cycle"
case_ binary_content_file \
  "head -c 3000 /bin/true > content/guide/second.md" \
  "^content/guide/second.md:1:[0-9]+: error: (NUL byte in text|invalid UTF-8|file is not UTF-8)"
case_ empty_content_file \
  ": > content/guide/second.md" \
  "^content/guide/second.md:1:1: error: page must start with front matter"
case_ huge_content_file \
  "{ printf -- '---\ntitle: big\n---\n'; head -c 17000000 /dev/zero | tr '\\\\0' a; } > content/guide/second.md" \
  "^content/guide/second.md: error: file is larger than 16 MiB"
case_ yaml_alias_bomb \
  "printf 'a: &a [x, x]\nb: &b [*a, *a]\nlanguages: [en]\n' > kit.yaml" \
  "^kit.yaml:1:4: error: YAML anchors are not supported"

# A symlink that stays inside the kit is fine.
kit="$WORK/inside"
copy_kit mini "$kit"
ln -s second.md "$kit/content/guide/alias.md"
expect_status 0 "a symlink inside the kit is accepted" "$KITGEN" -C "$kit" build --quiet

# No kit at all: a clear message, exit 1.
mkdir -p "$WORK/empty"
expect_status 1 "a folder without kit.yaml" "$KITGEN" -C "$WORK/empty" build --quiet
expect_stderr "kit.yaml: error: cannot read kit configuration" "missing kit.yaml is reported"
finish
