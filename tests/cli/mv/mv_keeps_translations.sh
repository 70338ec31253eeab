# mv_keeps_translations: `kitgen mv content/advocacy content/community-action`
# on the bundled kit keeps every translation (kitgen status is the same for
# every language; Vietnamese stays where it was, 100 % when it was), leaves
# no orphaned catalog and nothing for extract or update to change, and every
# old address of every language redirects to the new one: in out/ (files),
# in a language's zip (file://), and through `kitgen serve` (curl, following
# the meta refresh). A rename followed by an incremental build equals a
# clean build.
source "$(dirname "$0")/../lib.sh"
command -v curl >/dev/null || { fail "curl is required"; finish; exit 1; }
command -v unzip >/dev/null || { fail "unzip is required"; finish; exit 1; }
kit="$WORK/kit"
bundled_built "$kit" # the fixture's build: the build before the move is then incremental
export SOURCE_DATE_EPOCH=1764979200
# Start from catalogs in step with the content (as a kit in use is).
"$KITGEN" -C "$kit" extract >/dev/null 2>&1
"$KITGEN" -C "$kit" update >/dev/null 2>&1
locales_hash() { (cd "$kit/locales" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }

expect_status 0 "build before the move" "$KITGEN" -C "$kit" build --quiet --no-sync
"$KITGEN" -C "$kit" status >"$WORK/status.before"
check "the bundled kit has Vietnamese" grep -q '^vi ' "$WORK/status.before"
# Every address under advocacy/ in every language, before the move.
(cd "$kit/out" && find . -path './*/advocacy*' -name index.html | sed 's|^\./||; s|/index.html$||' | sort) >"$WORK/old-urls"
check "there are old addresses in many languages" test "$(cut -d/ -f1 "$WORK/old-urls" | sort -u | wc -l)" -ge 10

expect_status 0 "kitgen mv content/advocacy content/community-action" \
  "$KITGEN" -C "$kit" mv content/advocacy content/community-action
check "the old folder is gone" test ! -e "$kit/content/advocacy"
check "the pages are in the new folder" test -f "$kit/content/community-action/safety-walks.md"
check "a moved page names its old address in aliases:" \
  grep -qx '  - advocacy/safety-walks' "$kit/content/community-action/safety-walks.md"
check "the section's index names the old section address" \
  grep -qx '  - advocacy' "$kit/content/community-action/_index.md"
check "links to moved pages are rewritten in other pages" \
  grep -q '(../community-action/reporting-hate-incidents.md)' "$kit/content/services/healing-after-harm.md"
check "no link to the old folder is left in content/" bash -c "! grep -rq '](\(\.\./\)*advocacy/' '$kit/content'"
check "...nor in any catalog" bash -c "! grep -rq '](\(\.\./\)*advocacy/' '$kit/locales'"

# Translations: nothing lost, nothing fuzzy, nothing left behind.
"$KITGEN" -C "$kit" status >"$WORK/status.after"
check "kitgen status is the same for every language" diff -u "$WORK/status.before" "$WORK/status.after"
if grep -q '^vi .* 100% ' "$WORK/status.before"; then
  check "Vietnamese stays at 100 %" grep -q '^vi .* 100% ' "$WORK/status.after"
fi
check "no catalog is left under an old folder" test -z "$(find "$kit/locales" -path '*/advocacy*')"
for lang in $(cd "$kit/locales" && ls); do
  check "$lang: every moved page has its catalog" \
    test "$(ls "$kit/locales/$lang/community-action" | wc -l)" -eq 5
done
before=$(locales_hash)
expect_status 0 "extract after the move" "$KITGEN" -C "$kit" extract
expect_status 0 "update after the move" "$KITGEN" -C "$kit" update
check "update reports no orphaned catalog" bash -c "! grep -q orphan '$WORK/stderr'"
check "extract and update change nothing (references already follow the move)" test "$(locales_hash)" = "$before"

# The build: incremental after the rename, equal to a clean one.
expect_status 0 "incremental build after the move" "$KITGEN" -C "$kit" build --quiet --no-sync
clean_build_equals "after kitgen mv" "$kit"
base_url=$(sed -n 's/^base_url: "\(.*\)"$/\1/p' "$kit/kit.yaml")
while read -r old; do
  lang=${old%%/*} rest=${old#*/}
  new="$lang/community-action${rest#advocacy}"
  up=$(echo "$old" | sed 's|[^/]*|..|g') # out/<lang>/<old>/ -> out/
  f="$kit/out/$old/index.html"
  check "$old: a redirect page" grep -q "<meta http-equiv=\"refresh\" content=\"0; url=$up/$new/\">" "$f"
  check "$old: canonical is the new address" grep -q "<link rel=\"canonical\" href=\"$base_url$new/\">" "$f"
  check "$old: in its language" grep -q "<html lang=\"$lang\" dir=\"\(ltr\|rtl\)\">" "$f"
  check "$old: not indexed" grep -q '<meta name="robots" content="noindex">' "$f"
  check "$old: a visible link" grep -q "<a href=\"$up/$new/\"" "$f"
  check "$old: the new page is there" test -f "$kit/out/$new/index.html"
done <"$WORK/old-urls"
check "no sitemap has an old address" bash -c "! grep -q '/advocacy/' '$kit/out/'sitemap*.xml"
check "the vi sitemap has the new ones" grep -q "${base_url}vi/community-action/safety-walks/" "$kit/out/sitemap-vi.xml"
check "no search index lists an old address" bash -c "! grep -rq '\"advocacy/' '$kit/out/'*/search-index*"

# Offline: the Vietnamese zip holds the redirect, pointing at a file in it.
mkdir -p "$WORK/zip"
(cd "$WORK/zip" && unzip -q "$kit"/out/downloads/*-vi.zip)
check "the zip holds the redirect" grep -q 'url=../../../vi/community-action/safety-walks/index.html"' \
  "$WORK/zip/vi/advocacy/safety-walks/index.html"
check "...and the page it leads to" test -f "$WORK/zip/vi/community-action/safety-walks/index.html"

# Served: every old address answers, and its refresh leads to the new page.
"$KITGEN" -C "$kit" --no-color serve --port 0 --no-live-reload >"$WORK/serve.out" 2>"$WORK/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 600); do grep -q '^kitgen: serving' "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's|^kitgen: serving .* at \(http://[^ ]*\) (Ctrl-C to stop)$|\1|p' "$WORK/serve.out")
check "serve started" test -n "$url"
served=0
while read -r old; do
  code=$(curl -s -o "$WORK/body" -w '%{http_code}' "$url$old/")
  target=$(sed -n 's|.*http-equiv="refresh" content="0; url=\([^"]*\)".*|\1|p' "$WORK/body")
  lang=${old%%/*} rest=${old#*/}
  want="${url}$lang/community-action${rest#advocacy}/"
  # Resolve the relative refresh URL against the old address, as a browser does.
  landed=$(python3 -c 'import sys, urllib.parse as u; print(u.urljoin(sys.argv[1], sys.argv[2]))' "$url$old/" "$target")
  if [ "$code" = 200 ] && [ "$landed" = "$want" ] &&
     [ "$(curl -s -o "$WORK/page" -w '%{http_code}' "$landed")" = 200 ] &&
     grep -q "<link rel=\"canonical\" href=\"$base_url$lang/community-action" "$WORK/page"; then
    served=$((served + 1))
  else
    fail "served $old: $code, refresh to '$landed' (wanted $want)"
  fi
done <"$WORK/old-urls"
check "every old address is served and leads to its new page ($served)" test "$served" -eq "$(wc -l <"$WORK/old-urls")"
kill $pid 2>/dev/null || true
finish
