# lib.sh: shared helpers for the CLI tests (sourced, not run).
# Every test gets $KITGEN (the binary), $KITGEN_SOURCE_DIR and a scratch
# folder $WORK that is removed on exit.
set -euo pipefail
: "${KITGEN:?set by ctest}" "${KITGEN_SOURCE_DIR:?set by ctest}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kitgen-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }
check() { # check "description" command...
  local what=$1; shift
  if "$@"; then pass; else fail "$what"; fi
}
# expect_status N "description" command...: the command exits with status N
expect_status() {
  local want=$1 what=$2; shift 2
  local got=0
  "$@" >"$WORK/stdout" 2>"$WORK/stderr" || got=$?
  if [ "$got" -eq "$want" ]; then pass; else
    fail "$what: exit $got, wanted $want"; sed 's/^/  | /' "$WORK/stderr" >&2; fi
}
# expect_stderr "pattern" "description": the last command's stderr matches (grep -E)
expect_stderr() {
  if grep -Eq -- "$1" "$WORK/stderr"; then pass; else
    fail "$2: stderr lacks /$1/"; sed 's/^/  | /' "$WORK/stderr" >&2; fi
}
# The modules whose every handout page the fixture's build also rasterizes
# with Cairo (--test-handout-rasters), for handouts_readback's comparison.
RASTER_SAMPLED_MODULES="five-responses,emergency-phrases,know-your-rights"
# bundled_built DEST [RASTERS]: the bundled kit, built, in DEST: a copy of the build
# ctest's fixture made once (tests/cli/bundled_build.sh, $KITGEN_BUNDLED_BUILD)
# or, run by hand without it, a copy of the kit built here. With RASTERS,
# also Cairo's rasters of the RASTER_SAMPLED_MODULES' handout pages.
bundled_built() {
  if [ -n "${KITGEN_BUNDLED_BUILD:-}" ] && [ -s "$KITGEN_BUNDLED_BUILD/out/index.html" ]; then
    mkdir -p "$1"
    cp -a "$KITGEN_BUNDLED_BUILD/." "$1/"
    check "the fixture's build of the bundled kit is copied (out/index.html)" test -s "$1/out/index.html"
    if [ -n "${2:-}" ]; then
      mkdir -p "$2"
      cp -a "$KITGEN_BUNDLED_BUILD.rasters/." "$2/"
    fi
  else
    copy_kit bundled "$1"
    local rasters=()
    [ -z "${2:-}" ] || { mkdir -p "$2"; rasters=(--test-handout-rasters "$2" --test-handout-rasters-pages "$RASTER_SAMPLED_MODULES"); }
    expect_status 0 "the bundled kit builds" "$KITGEN" -C "$1" build --quiet -j 4 "${rasters[@]}"
  fi
}
# keep_languages KIT TAG...: drops every other language from KIT's kit.yaml
# (their catalogs stay; a build then makes only these languages' pages).
keep_languages() {
  local kit=$1; shift
  python3 - "$kit/kit.yaml" "$@" <<'PY'
import re, sys
path, keep = sys.argv[1], set(sys.argv[2:])
text = open(path, encoding="utf-8").read()
head, sep, rest = text.partition("\nlanguages:\n")
assert sep, "kit.yaml has no languages: block"
lines, out, kept, j = rest.split("\n"), [], True, 0
while j < len(lines) and not (lines[j] and not lines[j].startswith(" ")):  # to the next top-level key
    if lines[j].startswith("  - tag: "):
        kept = lines[j][len("  - tag: "):].strip() in keep
    if kept:
        out.append(lines[j])
    j += 1
text = head + sep + "\n".join(out + lines[j:])
open(path, "w", encoding="utf-8").write(text if text.endswith("\n") else text + "\n")
PY
}
# copy_kit NAME DEST: a fixture kit (tests/cli/kits/NAME) or "bundled" (the repo's kit).
# A fixture with a BASE file is that kit with the fixture's files laid over it.
copy_kit() {
  mkdir -p "$2"
  if [ -f "$KITGEN_SOURCE_DIR/tests/cli/kits/$1/BASE" ]; then
    copy_kit "$(tr -d '\n' <"$KITGEN_SOURCE_DIR/tests/cli/kits/$1/BASE")" "$2"
    cp -r "$KITGEN_SOURCE_DIR/tests/cli/kits/$1/." "$2/"
    rm -f "$2/BASE"
    return
  fi
  if [ "$1" = bundled ]; then
    cp -r "$KITGEN_SOURCE_DIR/kit.yaml" "$KITGEN_SOURCE_DIR/glossary.yaml" "$KITGEN_SOURCE_DIR/content" "$KITGEN_SOURCE_DIR/templates" \
          "$KITGEN_SOURCE_DIR/locales" "$2/"
  else
    cp -r "$KITGEN_SOURCE_DIR/tests/cli/kits/$1/." "$2/"
    [ -d "$2/templates" ] && [ -n "$(ls -A "$2/templates")" ] || cp -r "$KITGEN_SOURCE_DIR/templates/." "$2/templates/"
  fi
}
# translate PO MSGID MSGSTR: fills in the translation of an untranslated entry.
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
# clean_build_equals "what" DIR: copies the kit's sources (following links)
# to $WORK/clean, builds them with --clean, and compares with DIR/out.
clean_build_equals() {
  rm -rf "$WORK/clean"; mkdir -p "$WORK/clean"
  cp -rL "$2/kit.yaml" "$2/content" "$2/templates" "$2/locales" "$WORK/clean/"
  expect_status 0 "$1: clean build" "$KITGEN" -C "$WORK/clean" build --quiet --no-sync --clean
  check "$1: the output equals a clean build" diff -r "$2/out" "$WORK/clean/out"
}
tree_hash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1); }
finish() {
  echo "$checks passed, $failures failed"
  [ "$failures" -eq 0 ]
}
