#!/bin/bash
# Every JSON kitgen writes stays valid JSON when titles, names, paths and
# messages hold quotes, backslashes and control characters (file names
# cannot: see build_rejects_bad_input.sh): `kitgen status
# --format json`, `--diagnostics=json`, out/status/status.json and the
# search index (whose entries are JSON inside a <script>).
source "$(dirname "$0")/../lib.sh"
kit=$WORK/kit
copy_kit mini "$kit"
# A language name, a page title and a file name with hostile characters.
python3 - "$kit" <<'PY'
import sys, re
kit = sys.argv[1]
y = open(kit + "/kit.yaml").read()
y = y.replace('  - tag: vi\n', '  - tag: vi\n    name: "Ti\\u1EBFng \\"Vi\\u1EC7t\\" \\\\ tab\\there bell\\a"\n')
open(kit + "/kit.yaml", "w").write(y)
p = open(kit + "/content/guide/second.md").read()
title = 'title: "Second \\"steps\\" \\\\ tab\\t bell\\a </script> \\u2028 end"'
p = re.sub(r'^title: .*$', lambda m: title, p, count=1, flags=re.M)
open(kit + "/content/guide/second.md", "w").write(p)
open(kit + "/content/guide/it's \u00fc.md", "w").write('---\ntitle: "Odd file"\n---\nText.\n')
PY
validate() { # validate WHAT FILE: FILE parses as JSON
  check "$1 is valid JSON" python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$2"
}
expect_status 0 "the kit builds" "$KITGEN" -C "$kit" build --quiet
validate "out/status/status.json" "$kit/out/status/status.json"
check "status.json holds the language name with its quote" grep -q 'Vi\\u1ec7t\|Việt\\"' "$kit/out/status/status.json"
# search-index parts: "(...).push([ ... ]);" around a JSON array
for part in "$kit"/out/*/search-index/*.js; do
  sed -n '/push(/,$p' "$part" | sed '1s/.*push(//; $s/);$//' >"$WORK/part.json"
  validate "search index part ${part#"$kit"/out/}" "$WORK/part.json"
done
check "the title reached the search index, '<' escaped" grep -q 'Second \\"steps\\" \\\\ tab\\u0009 bell\\u0007 \\u003c/script\\u003e \\u2028 end' "$kit/out/en/search-index/"*.js
"$KITGEN" -C "$kit" status --format json --by-page >"$WORK/status.json" 2>/dev/null || true
validate "kitgen status --format json" "$WORK/status.json"
check "status --format json names the odd file" grep -q "guide/it's ü.md" "$WORK/status.json"
# A diagnostic whose message holds a tab, a quote and a backslash.
printf -- '---\ntitle: "Broken"\n"bad\\tkey \\" \\\\": 1\n---\nText.\n' >"$kit/content/guide/broken.md"
"$KITGEN" -C "$kit" --diagnostics=json build --quiet >"$WORK/diag.json" 2>"$WORK/diag.err" || true
sed -n '/^\[/,/^\]/p' "$WORK/diag.err" >"$WORK/diags.json"
validate "--diagnostics=json" "$WORK/diags.json"
check "the diagnostic names the key" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert any("bad\tkey \" \\" in x["message"] for x in d), d' "$WORK/diags.json"
finish
