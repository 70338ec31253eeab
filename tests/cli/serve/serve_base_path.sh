# serve_base_path: `kitgen serve` serves the site under base_url's path, as
# it will be deployed: with base_url https://example.org/safety-kit/ pages
# are at /safety-kit/..., "/" and "/safety-kit" redirect (302) to
# /safety-kit/, every other path is a 404 with the site's 404.html and
# nothing on stderr; hostile paths are refused below the prefix as at the
# root (percent-decoding happens once, before the prefix is matched); live
# reload lives under the prefix and follows base_url when kit.yaml changes
# it. A base_url of "/", or one without a path, serves at the root.
source "$(dirname "$0")/../lib.sh"
command -v curl >/dev/null || { fail "curl is required"; finish; exit 1; }
kit="$WORK/kit"
copy_kit mini "$kit"
set_base_url() { sed -i "s|^base_url:.*|base_url: \"$1\"|" "$kit/kit.yaml"; }
set_base_url "https://example.org/safety-kit/"
check "the kit's base_url is set" grep -q '^base_url: "https://example.org/safety-kit/"$' "$kit/kit.yaml"

pid=
trap 'kill $pid 2>/dev/null || true; rm -rf "$WORK"' EXIT
# start [options]: starts kitgen serve on the kit, sets $pid, $site (the
# address it prints) and $origin (http://127.0.0.1:PORT).
start() {
  : >"$WORK/serve.out"; : >"$WORK/serve.err"
  "$KITGEN" -C "$kit" --no-color serve --port 0 "$@" >"$WORK/serve.out" 2>"$WORK/serve.err" &
  pid=$!
  for _ in $(seq 600); do grep -q "serving" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
  site=$(sed -n 's|^kitgen: serving .* at \(http://[^ ]*\) (Ctrl-C to stop)$|\1|p' "$WORK/serve.out")
  origin=$(sed -n 's|^\(http://127.0.0.1:[0-9]*\)/.*|\1|p' <<<"$site")
  check "serve started and printed its address" test -n "$origin"
}
stop() {
  kill -TERM "$pid"
  local status=0
  wait "$pid" || status=$?
  check "serve stops cleanly" test "$status" -eq 0
}
code() { curl -s -m 10 -o "$WORK/body" -w '%{http_code}' --path-as-is "$@"; }
location() { curl -s -m 10 -o /dev/null -w '%{redirect_url}' --path-as-is "$@"; }
# is_404 PATH: a 404 that serves the site's own 404.html, as built.
is_404() {
  local got; got=$(code "$origin$1")
  check "$1 is not found (got $got)" test "$got" = 404
  check "$1 shows the site's 404.html" cmp -s "$WORK/body" "$kit/out/404.html"
}

start
check "the startup line names the full address" test "$site" = "$origin/safety-kit/"
b="$origin/safety-kit"

# The site is under the prefix.
check "the chooser is at the prefix" test "$(code "$b/")" = 200
check "... and is the chooser" grep -q 'class="languages"' "$WORK/body"
check "a page is under the prefix" test "$(code "$b/en/guide/first/")" = 200
check "pages load the live-reload script from under the prefix" grep -q '<script src="/safety-kit/__kitgen/live.js"></script>' "$WORK/body"
check "css is under the prefix" test "$(code "$b/assets/style.css")" = 200
check "a folder without its slash redirects within the prefix" test "$(code "$b/en")" = 301
check "... to /safety-kit/en/" test "$(location "$b/en")" = "$b/en/"

# "/" and the prefix without its slash redirect to the prefix.
check "/ redirects with 302" test "$(code "$origin/")" = 302
check "/ redirects to /safety-kit/" test "$(location "$origin/")" = "$b/"
check "HEAD / redirects too" test "$(curl -s -I -o /dev/null -w '%{http_code}' "$origin/")" = 302
check "/safety-kit redirects with 302" test "$(code "$b")" = 302
check "/safety-kit redirects to /safety-kit/" test "$(location "$b")" = "$b/"
check "following the redirect from / ends at the chooser" test "$(curl -s -L -o /dev/null -w '%{http_code} %{url_effective}' "$origin/")" = "200 $b/"

# Everything else is not found, with the site's 404 page.
for p in /en/guide/first/ /en/ /index.html /assets/style.css /safety-kitX/ /safety-kitX /safety-kit.html \
         /safety /favicon.ico /__kitgen/live.js /__kitgen/events //safety-kit/ /%2Fsafety-kit/ \
         /safety-kit%252Fen/ /SAFETY-KIT/ /x/safety-kit/ /safety-kit%00/ /%2e%2e/safety-kit/; do
  is_404 "$p"
done
check "a missing page under the prefix is a 404 too" test "$(code "$b/en/nope/")" = 404
check "... with the site's 404.html" cmp -s "$WORK/body" "$kit/out/404.html"
check "the 404 is text/html" test "$(curl -s -o /dev/null -w '%{content_type}' "$origin/en/")" = "text/html; charset=utf-8"

# Percent-decoding happens once, before the prefix is matched.
check "an encoded slash after the prefix is a slash" test "$(code "$origin/safety-kit%2Fen%2Fguide%2Ffirst/")" = 200
check "... and serves that page" grep -q 'Breathe slowly' "$WORK/body"
check "an encoded letter in the prefix is that letter" test "$(code "$origin/safety%2Dkit/en/")" = 200

# Hostile paths: refused below the prefix exactly as at the root, and the
# prefix itself leads nowhere else.
ln -s /etc "$kit/out/leak"
hostile=$(grep -v '^#' "$(dirname "$0")/hostile_paths")
for p in $hostile /../etc/passwd /..%2f..%2fetc%2fpasswd; do
  status=$(code "$b$p")
  check "/safety-kit$p refused (got $status)" test "$status" != 200
  check "/safety-kit$p leaks nothing" bash -c "! grep -q -e '^base_url:' -e '^root:' '$WORK/body'"
done
for p in "/safety-kit%2F..%2Fkit.yaml" "/safety-kit%2f%2e%2e%2fkit.yaml" "/safety-kit/..%5ckit.yaml" \
         "/safety-kit/../safety-kit/../kit.yaml" "/safety-kit/.." "/safety-kit/../" "/safety-kit/%2e%2e" \
         "/safety-kit%2F..%2F..%2Fetc%2Fpasswd"; do
  status=$(code "$origin$p")
  check "$p refused (got $status)" test "$status" != 200
  check "$p leaks nothing" bash -c "! grep -q -e '^base_url:' -e '^root:' '$WORK/body'"
done
rm "$kit/out/leak"

# Live reload under the prefix.
check "the live-reload script is under the prefix" test "$(code "$b/__kitgen/live.js")" = 200
check "... and is JavaScript" test "$(curl -s -o /dev/null -w '%{content_type}' "$b/__kitgen/live.js")" = "text/javascript; charset=utf-8"
curl -s -N -m 300 "$b/__kitgen/events" >"$WORK/events" &
events=$!
sleep 0.5
sed -i 's/^Back to/Go back to/' "$kit/content/guide/second.md"
for _ in $(seq 600); do grep -q "event: reload" "$WORK/events" && break; sleep 0.1; done
check "open pages are told to reload" grep -q "event: reload" "$WORK/events"
check "... under the prefix" grep -qx "data: /safety-kit/" "$WORK/events"
check "the edit is served under the prefix" bash -c "curl -s '$b/en/guide/second/' | grep -q 'Go back to'"
printf -- '---\ntitle: a\nupdated: nope\n---\n' > "$kit/content/guide/broken.md"
for _ in $(seq 600); do grep -q "event: build-error" "$WORK/events" && break; sleep 0.1; done
check "open pages get the build error under the prefix" grep -q "data: content/guide/broken.md:3:10: error:" "$WORK/events"
rm "$kit/content/guide/broken.md"

# base_url changed while serving: the server follows, and open pages are
# told the new prefix.
set_base_url "https://example.org/kit-two/"
for _ in $(seq 600); do grep -q "base_url changed" "$WORK/serve.err" && break; sleep 0.1; done
check "the change is announced with the new address" grep -qx "kitgen: base_url changed: now serving at $origin/kit-two/" "$WORK/serve.err"
for _ in $(seq 600); do grep -qx "data: /kit-two/" "$WORK/events" && break; sleep 0.1; done
check "open pages are told to reload at the new prefix" grep -qx "data: /kit-two/" "$WORK/events"
check "pages are under the new prefix" test "$(code "$origin/kit-two/en/guide/second/")" = 200
check "... carrying the script from there" grep -q '<script src="/kit-two/__kitgen/live.js"></script>' "$WORK/body"
check "/ redirects to the new prefix" test "$(location "$origin/")" = "$origin/kit-two/"
is_404 /safety-kit/en/guide/second/
kill $events 2>/dev/null || true

# Nothing noisy on stderr: only the builds and the announcement.
grep -v -e '^kitgen: rebuilt ' -e '^kitgen: base_url changed' -e "warning: no CLDR data for 'chk'" \
  -e '^kitgen: build failed' -e '^content/guide/broken.md:' "$WORK/serve.err" >"$WORK/noise" || true
check "stderr says nothing about requests" test ! -s "$WORK/noise"
stop

# A base path with characters that URLs encode: links and the address are
# written encoded, requests match it decoded. With --no-live-reload pages
# are served exactly as built.
set_base_url "https://example.org/safety%20kit/"
start --no-live-reload
check "an encoded path is printed encoded" test "$site" = "$origin/safety%20kit/"
check "/ redirects to it encoded" test "$(location "$origin/")" = "$origin/safety%20kit/"
check "pages are under it" test "$(code "$origin/safety%20kit/en/guide/first/")" = 200
check "--no-live-reload: a page is served as built" cmp -s "$WORK/body" "$kit/out/en/guide/first/index.html"
check "--no-live-reload: no script" test "$(code "$origin/safety%20kit/__kitgen/live.js")" = 404
is_404 "/safety%2520kit/" # decoded once: "/safety%20kit/" is another path
stop

# At the root: base_url "/" and a base_url without a path.
for url in "/" "https://example.org" "https://example.org/?from=kit#top"; do
  set_base_url "$url"
  start
  check "base_url $url: served at the root" test "$site" = "$origin/"
  check "base_url $url: / is the chooser" test "$(code "$origin/")" = 200
  check "base_url $url: pages at the root" test "$(code "$origin/en/guide/first/")" = 200
  check "base_url $url: the script at /__kitgen/" grep -q '<script src="/__kitgen/live.js"></script>' "$WORK/body"
  check "base_url $url: the script is served" test "$(code "$origin/__kitgen/live.js")" = 200
  check "base_url $url: a folder redirects" test "$(location "$origin/en")" = "$origin/en/"
  is_404 /nope/
  stop
done
# ... where hostile paths are refused as before.
set_base_url "/"
start
ln -s /etc "$kit/out/leak"
for p in $hostile; do
  status=$(code "$origin$p")
  check "at the root: $p refused (got $status)" test "$status" != 200
  check "at the root: $p leaks nothing" bash -c "! grep -q -e '^base_url:' -e '^root:' '$WORK/body'"
done
rm "$kit/out/leak"
stop

# A base_url whose path no request could reach is a warning; the site is
# served at the root.
set_base_url "https://example.org/a/../b/"
start
check "an unservable path: served at the root" test "$site" = "$origin/"
check "... with a warning that says why" grep -q "^kitgen: warning: base_url 'https://example.org/a/../b/' has an empty, '.' or '..' segment in its path; serving at the root$" "$WORK/serve.err"
check "... and pages still work" test "$(code "$origin/en/")" = 200
stop
finish
