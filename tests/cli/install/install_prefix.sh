# install_prefix: `cmake --install` into a temporary prefix gives a kitgen
# that works with no source tree in sight (the source and build trees are
# hidden under empty mounts): --version says the project's version, it
# builds a small kit (handouts and share images too) and a kit from `kitgen init`, both
# with the built-in theme, the man page kitgen(1) renders and follows
# docs/cli.md, and the docs and the example kit are installed.
source "$(dirname "$0")/../lib.sh"
: "${KITGEN_BINARY_DIR:?set by ctest}"
prefix="$WORK/prefix"
kitgen="$prefix/bin/kitgen"
version=$(sed -n 's/^project(kitgen VERSION \([0-9.]*\).*/\1/p' "$KITGEN_SOURCE_DIR/CMakeLists.txt")
case "$WORK/" in
"$KITGEN_SOURCE_DIR"/* | "$KITGEN_BINARY_DIR"/*)
	fail "the scratch folder $WORK is inside the tree it must hide (set TMPDIR elsewhere)"
	finish
	;;
esac

# hidden COMMAND...: runs COMMAND in a private mount namespace where the build
# tree and the source tree are empty folders (build first: it may lie inside
# the source tree). Root can do that directly, anyone else in a user namespace.
ns=(--mount)
[ "$(id -u)" -eq 0 ] || ns=(--map-root-user --mount)
hidden() {
	unshare "${ns[@]}" sh -c 'mount -t tmpfs kitgen-hidden "$1" && mount -t tmpfs kitgen-hidden "$2" && shift 2 && exec "$@"' \
		sh "$KITGEN_BINARY_DIR" "$KITGEN_SOURCE_DIR" "$@"
}

expect_status 0 "cmake --install into a temporary prefix" cmake --install "$KITGEN_BINARY_DIR" --prefix "$prefix"
for file in bin/kitgen share/man/man1/kitgen.1.gz share/doc/kitgen/README.md share/doc/kitgen/copyright \
	share/doc/kitgen/docs/cli.md share/doc/kitgen/docs/publishing.md share/kitgen/example-kit/kit.yaml; do
	check "$file is installed" test -s "$prefix/$file"
done
check "the theme is compiled in, so no templates/ is installed" \
	test -z "$(find "$prefix" -name templates)"
check "the example kit is the bundled kit" diff -r "$KITGEN_SOURCE_DIR/content" "$prefix/share/kitgen/example-kit/content"
check "the example kit's catalogs are the bundled kit's" \
	diff -r "$KITGEN_SOURCE_DIR/locales" "$prefix/share/kitgen/example-kit/locales"

# Under the sanitizer build, LeakSanitizer reads its suppressions from the
# source tree, which is hidden below: a copy outside it.
if [[ ${LSAN_OPTIONS:-} =~ suppressions=([^:]+) ]] && [ -f "${BASH_REMATCH[1]}" ]; then
	cp "${BASH_REMATCH[1]}" "$WORK/lsan.supp"
	export LSAN_OPTIONS=${LSAN_OPTIONS//${BASH_REMATCH[1]}/$WORK/lsan.supp}
fi

# The hiding works (else every check below proves nothing).
expect_status 0 "the source tree can be hidden (needs unshare and mount: root, or user namespaces)" \
	hidden sh -c 'test ! -e "$1/CMakeLists.txt" && test ! -e "$2/CMakeCache.txt"' sh \
	"$KITGEN_SOURCE_DIR" "$KITGEN_BINARY_DIR"

expect_status 0 "the installed kitgen --version" hidden "$kitgen" --version
check "--version says the project's version ($version)" grep -qx "kitgen $version" "$WORK/stdout"

# A kit from a place of its own, without templates/: the theme is
# compiled in. (The small test kit: CI's package step builds the bundled
# kit with the installed .deb.)
copy_kit mini "$WORK/kit"
rm -rf "$WORK/kit/templates"
# One Urdu unit translated: an untranslated page has no share image of its
# own in a language, and the Urdu one shows that the Nastaliq font is found.
expect_status 0 "the installed kitgen extracts and updates catalogs" \
	hidden bash -c "'$kitgen' -C '$WORK/kit' extract && '$kitgen' -C '$WORK/kit' update"
check "an Urdu title is translated" python3 - "$WORK/kit/locales/ur/guide/first.po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = 'msgid "First steps"\nmsgstr ""'
assert old in s
open(p, "w", encoding="utf-8").write(s.replace(old, 'msgid "First steps"\nmsgstr "پہلے قدم"'))
PY
expect_status 0 "the installed kitgen builds a kit" hidden "$kitgen" -C "$WORK/kit" build --quiet --no-sync
check "the build made the language chooser" test -s "$WORK/kit/out/index.html"
check "the build made handouts (fonts found)" \
	test -n "$(find "$WORK/kit/out/en" -name '*-handout.pdf' -size +1k | head -n 1)"
check "the build drew share images (fonts found)" \
	test -n "$(find "$WORK/kit/out/ur" -name '*-share.png' -size +1k | head -n 1)"

# A new kit, and the example kit, as `kitgen init` makes them from the
# installed files.
expect_status 0 "the installed kitgen init makes a kit" hidden "$kitgen" init "$WORK/mykit" --language vi
expect_status 0 "the new kit builds" hidden "$kitgen" -C "$WORK/mykit" build --quiet --no-sync
check "the new kit has no templates/" test ! -e "$WORK/mykit/templates"
check "the new kit was built" test -s "$WORK/mykit/out/vi/index.html"
expect_status 0 "init --from-example finds the installed example kit" \
	hidden "$kitgen" init "$WORK/example" --from-example
check "init --from-example copies the bundled kit" diff -r "$KITGEN_SOURCE_DIR/content" "$WORK/example/content"

# The man page: rendered by man without a warning, and made from docs/cli.md
# (each of its section headings is in the page).
man_page="$prefix/share/man/man1/kitgen.1.gz"
expect_status 0 "man -l renders kitgen(1)" env MANWIDTH=80 man --warnings -l "$man_page"
check "man -l prints no warning" test ! -s "$WORK/stderr"
check "kitgen(1) has a NAME section" grep -q '^NAME' "$WORK/stdout"
check "kitgen(1) has a SYNOPSIS section" grep -q '^SYNOPSIS' "$WORK/stdout"
check "kitgen(1) names the version in its footer" grep -Eq "^kitgen $version +kitgen\(1\)" "$WORK/stdout"
while IFS= read -r heading; do
	check "kitgen(1) has docs/cli.md's section '$heading'" grep -Fq "$heading" "$WORK/stdout"
done < <(sed -n 's/^##* //p' "$KITGEN_SOURCE_DIR/docs/cli.md")
finish
