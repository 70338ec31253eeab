#!/bin/bash
# run.sh: the browser tests (ctest browser/all). Builds the bundled kit with
# $KITGEN into a scratch copy whose base_url has a path
# (https://example.org/safety-kit/), serves it with `kitgen serve` under
# /safety-kit/ as it will be deployed, and runs `node --test` on
# tests/browser/*.test.mjs against that server; each test file drives
# Debian's Chromium through playwright-core. Nothing is downloaded.
#
#   KITGEN=build/kitgen KITGEN_SOURCE_DIR=$PWD bash tests/browser/run.sh
#   KITGEN_SCREENSHOTS=1 ...   also (re)take docs/images/screens/*.png
#
# Needs: chromium and default-jre-headless (Debian), node >= 20, fonts-noto-core
# and fonts-noto-cjk, and `npm ci --prefix tests/browser` (playwright-core,
# axe-core, vnu-jar). A missing one is an error, never a silent skip.
set -euo pipefail
: "${KITGEN:?set by ctest (the kitgen binary)}" "${KITGEN_SOURCE_DIR:?set by ctest (the source tree)}"
KITGEN=$(realpath "$KITGEN") # the tests run it from tests/browser
here="$KITGEN_SOURCE_DIR/tests/browser"
chromium="${KITGEN_CHROMIUM:-/usr/bin/chromium}"

missing=()
[ -x "$chromium" ] || missing+=("Chromium at $chromium (Debian package chromium)")
command -v java >/dev/null || missing+=("java (Debian package default-jre-headless)")
if command -v node >/dev/null; then
  [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || missing+=("node >= 20, for playwright-core (have $(node --version))")
else
  missing+=("node (Debian package nodejs)")
fi
for m in playwright-core axe-core vnu-jar; do
  [ -f "$here/node_modules/$m/package.json" ] || missing+=("node module $m (run: npm ci --prefix tests/browser)")
done
[ -f "$here/node_modules/vnu-jar/build/dist/vnu.jar" ] || missing+=("vnu.jar (run: npm ci --prefix tests/browser)")
command -v fc-list >/dev/null || missing+=("fc-list (Debian package fontconfig)")
for font in "Noto Sans" "Noto Sans Khmer" "Noto Nastaliq Urdu" "Noto Sans CJK TC" "Noto Sans Thai"; do
  fc-list -q "$font" 2>/dev/null || missing+=("font $font (Debian packages fonts-noto-core, fonts-noto-cjk)")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "browser tests: cannot run, missing:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kitgen-browser.XXXXXX")
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/kit"
# Deployed in a folder: every link is then followed as a host serving
# /safety-kit/ would answer it. The bundled kit says so; the build ctest's
# fixture made of it (tests/cli/bundled_build.sh) is used when there is one.
base_url="https://example.org/safety-kit/"
if [ -n "${KITGEN_BUNDLED_BUILD:-}" ] && [ -s "$KITGEN_BUNDLED_BUILD/out/index.html" ]; then
  cp -a "$KITGEN_BUNDLED_BUILD/." "$WORK/kit/"
else
  cp -r "$KITGEN_SOURCE_DIR/kit.yaml" "$KITGEN_SOURCE_DIR/content" "$KITGEN_SOURCE_DIR/templates" \
        "$KITGEN_SOURCE_DIR/locales" "$WORK/kit/"
  "$KITGEN" -C "$WORK/kit" build --quiet
fi
grep -qx "base_url: \"$base_url\"" "$WORK/kit/kit.yaml" || { echo "browser tests: the kit's base_url is not $base_url" >&2; exit 1; }
[ -f "$WORK/kit/out/index.html" ] || { echo "browser tests: the build wrote no out/index.html" >&2; exit 1; }

# One server for every test file, serving the pages exactly as built (the
# live-reload script is tested by live_reload.test.mjs on its own kit).
"$KITGEN" -C "$WORK/kit" --no-color serve --port 0 --no-live-reload >"$WORK/serve.out" 2>"$WORK/serve.err" &
server=$!
for _ in $(seq 600); do grep -q '^kitgen: serving' "$WORK/serve.out" && break; kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
url=$(sed -n 's|^kitgen: serving .* at \(http://127\.0\.0\.1:[0-9]*/safety-kit/\) (Ctrl-C to stop)$|\1|p' "$WORK/serve.out")
if [ -z "$url" ]; then
  echo "browser tests: kitgen serve did not start under /safety-kit/:" >&2
  cat "$WORK/serve.out" "$WORK/serve.err" >&2
  exit 1
fi

# Chromium and Java write caches and crash dumps under HOME: keep them in
# the scratch folder.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_CACHE_HOME="$WORK/home/.cache"
mkdir -p "$HOME"
export KITGEN_OUT="$WORK/kit/out" KITGEN_SERVE_URL="$url" KITGEN KITGEN_SOURCE_DIR KITGEN_CHROMIUM="$chromium"
cd "$here"
start=$(date +%s)
status=0
# Two test files at a time (each has its own server and browser).
node --test --test-concurrency=2 --test-reporter=spec ./*.test.mjs || status=$?
echo "browser tests: $(( $(date +%s) - start )) s"
# The server must have survived the whole run, saying nothing but its build.
if ! kill -0 "$server" 2>/dev/null; then
  echo "browser tests: kitgen serve died during the run:" >&2; cat "$WORK/serve.err" >&2; status=1
elif grep -v -e '^kitgen: rebuilt ' -e ': warning: ' "$WORK/serve.err" | grep -q .; then
  echo "browser tests: kitgen serve said more than its build:" >&2; cat "$WORK/serve.err" >&2; status=1
fi
exit "$status"
