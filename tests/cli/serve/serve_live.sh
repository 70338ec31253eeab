# serve_live: `kitgen serve` serves out/ (under base_url's path, /mini/
# for this kit) with the right types, HEAD and conditional GET; rebuilds
# when a source changes and tells open pages over server-sent events
# (reload, or the build error); refuses every path that leads outside out/;
# binds loopback unless told otherwise. serve_base_path.sh pins down the
# base path itself.
source "$(dirname "$0")/../lib.sh"
command -v curl >/dev/null || { fail "curl is required"; finish; exit 1; }
kit="$WORK/kit"
copy_kit mini "$kit"
expect_status 2 "a non-loopback address needs --allow-remote" "$KITGEN" -C "$kit" serve --host 0.0.0.0 --port 0
expect_stderr "refusing to listen on 0.0.0.0 without --allow-remote" "the refusal says why"

"$KITGEN" -C "$kit" --no-color serve --port 0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 600); do grep -q "serving" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/mini/ .*|\1|p' "$WORK/serve.out")
check "serve prints its loopback address and base_url's path" test -n "$port"
base="http://127.0.0.1:$port/mini"
code() { curl -s -m 10 -o "$WORK/body" -w '%{http_code}' --path-as-is "$@"; }

check "a page is served" test "$(code "$base/en/guide/first/")" = 200
check "pages carry the live-reload script" grep -q '<script src="/mini/__kitgen/live.js"></script>' "$WORK/body"
check "the live-reload script is served" test "$(code "$base/__kitgen/live.js")" = 200
check "the script finds the events beside it" grep -q "new URL('events', script)" "$WORK/body"
check "html is text/html; charset=utf-8" test "$(curl -s -o /dev/null -w '%{content_type}' "$base/en/guide/first/")" = "text/html; charset=utf-8"
check "css has its type" test "$(curl -s -o /dev/null -w '%{content_type}' "$base/assets/style.css")" = "text/css; charset=utf-8"
check "svg has its type" test "$(curl -s -o /dev/null -w '%{content_type}' "$base/images/pair.svg")" = "image/svg+xml"
check "a folder without its slash redirects" test "$(code "$base/en")" = 301
check "... to itself with the slash" test "$(curl -s -o /dev/null -w '%{redirect_url}' "$base/en")" = "$base/en/"
head=$(curl -s -I "$base/assets/style.css")
check "HEAD answers with headers" grep -q '^Content-Length: [1-9]' <<<"$head"
check "HEAD sends no body" test "$(curl -s -X HEAD -m 2 "$base/assets/style.css" | wc -c)" -eq 0 -o "$(curl -s -I "$base/assets/style.css" | grep -c '^body')" -eq 0
etag=$(curl -s -I "$base/assets/style.css" | tr -d '\r' | sed -n 's/^ETag: //p')
check "an ETag is sent" test -n "$etag"
check "If-None-Match gives 304" test "$(code -H "If-None-Match: $etag" "$base/assets/style.css")" = 304
modified=$(curl -s -I "$base/assets/style.css" | tr -d '\r' | sed -n 's/^Last-Modified: //p')
check "If-Modified-Since gives 304" test "$(code -H "If-Modified-Since: $modified" "$base/assets/style.css")" = 304
check "POST is not allowed" test "$(code -X POST "$base/en/")" = 405
check "missing files get the site's 404" test "$(code "$base/en/nope/")" = 404

# Every traversal attempt is refused (never 200, never a file from outside).
ln -s /etc "$kit/out/leak"
grep -v '^#' "$(dirname "$0")/hostile_paths" >"$WORK/hostile"
check "the hostile paths are listed" test "$(wc -l <"$WORK/hostile")" -ge 10
while read -r p; do
  status=$(code "$base$p")
  check "traversal $p refused (got $status)" test "$status" != 200
  check "traversal $p leaks nothing" bash -c "! grep -q -e '^base_url:' -e '^root:' '$WORK/body'"
done <"$WORK/hostile"
rm "$kit/out/leak"

# Live reload: an edit rebuilds and every open page hears about it.
curl -s -N -m 30 "$base/__kitgen/events" >"$WORK/events" &
events=$!
sleep 0.5
sed -i 's/^Back to/Go back to/' "$kit/content/guide/second.md"
for _ in $(seq 100); do curl -s "$base/en/guide/second/" | grep -q "Go back to" && break; sleep 0.1; done
check "the edit is served after the rebuild" bash -c "curl -s '$base/en/guide/second/' | grep -q 'Go back to'"
for _ in $(seq 50); do grep -q "event: reload" "$WORK/events" && break; sleep 0.1; done
check "open pages are told to reload" grep -q "event: reload" "$WORK/events"
check "... at the base path" grep -qx "data: /mini/" "$WORK/events"

# A broken build shows its error and keeps serving the last good output.
printf -- '---\ntitle: a\nupdated: nope\n---\n' > "$kit/content/guide/second.md"
for _ in $(seq 100); do grep -q "event: build-error" "$WORK/events" && break; sleep 0.1; done
check "open pages get the build error" grep -q "event: build-error" "$WORK/events"
check "the error names the file and line" grep -q "data: content/guide/second.md:3:10: error:" "$WORK/events"
check "the server is still up with the last good page" bash -c "curl -s '$base/en/guide/second/' | grep -q 'Go back to'"
kill $events 2>/dev/null || true

kill -TERM $pid
status=0
wait $pid || status=$?
check "serve stops cleanly on SIGTERM" test "$status" -eq 0
finish
