# hostile_translations: translations are untrusted. Each attempt to inject
# markup or script, change a link or a number, or hide text with bidi
# controls ends as escaped text or a refused unit (with a diagnostic), never
# as active HTML or a changed fact; huge and deeply nested input stays bounded.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
K() { "$KITGEN" -C "$kit" --no-color "$@"; }
expect_status 0 "extract" K extract
expect_status 0 "update" K update
po="$kit/locales/vi/guide/first.po"
python3 - "$po" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
def put(msgid, msgstr):
    global s
    esc = msgstr.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    old = 'msgid "%s"\nmsgstr ""' % msgid.replace('"', '\\"')
    assert old in s, msgid
    s = s.replace(old, 'msgid "%s"\nmsgstr "%s"' % (msgid.replace('"', '\\"'), esc))
put("First steps", "First <b>steps</b><script>alert(self)</script>")      # plain text: escaped
put("Start here.", "Start here.\u202egnp.exe")                              # bidi override
put("Call **911** if [someone is hurt](second.md#help).",
    "Call **911** if [someone is hurt](second.md#help).<script>alert(2)</script>")
put("Stay calm", "<img src=x onerror=alert(3)>")
put("Look around.", "[Look around](javascript:alert(4)).")
put("Ask *quietly*.", "Ask *quietly* ![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=).")
put("Breathe slowly. Our hotline is {{ hotline }}.", "Breathe slowly. Our hotline is 555-0199.")
put("A drawing of two people", "A drawing\n\n# of two people")
put("Safety first.", "Safety first." + "*" * 20000 + "[" * 20000 + " big" * 50000)
open(p, "w", encoding="utf-8").write(s)
PY
expect_status 1 "check --strict refuses the hostile units" K check --strict
for pattern in "adds the html '<script>'" "not a single paragraph of inline Markdown" \
               "adds the link 'javascript:alert\\(4\\)'" "adds the image 'data:image/svg" \
               "drops the placeholder 'hotline'" "contains Unicode bidi override" \
               "not a single paragraph of inline Markdown"; do
  expect_stderr "locales/vi/guide/first.po:[0-9]+:1: warning: translation refused.*$pattern" "refusal: $pattern"
done
start=$(date +%s)
expect_status 0 "build (without --strict) still succeeds" K build --quiet
# Generous: sanitizer builds are several times slower; unbounded would be hours.
check "huge and nested input stays bounded in time" test $(( $(date +%s) - start )) -lt 300
page="$kit/out/vi/guide/first/index.html"
check "the plain-text title is escaped, never markup" grep -q '<h1 lang="vi" dir="auto">First &lt;b&gt;steps&lt;/b&gt;&lt;script&gt;alert(self)&lt;/script&gt;</h1>' "$page"
python3 - "$kit/out" <<'PY' || fail "no active content anywhere in out/"
import os, re, sys
from html.parser import HTMLParser
bad = []
# The one inline script kitgen writes: a 404 page's <base>, from base_url's
# path (URL path characters only), when served over http(s), and its
# stylesheet link.
base_script = re.compile(r"""document\.write\(\(/\^https\?:\$/\.test\(location\.protocol\) \? '<base href="/[A-Za-z0-9._~!$&()*+,;=:@%/-]*">' : ''\) """
                         r"""\+ '<link rel="stylesheet" href="(\.\./)*assets/style\.css">'\);$""")
class P(HTMLParser):
    def __init__(self, path): super().__init__(); self.path = path; self.inline = None
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k.startswith("on"): bad.append((self.path, tag, k))
            if k in ("href", "src") and v and re.match(r"\s*(javascript|data|vbscript):", v, re.I):
                bad.append((self.path, tag, v))
        if tag == "script":
            src = dict(attrs).get("src", "")
            if not src and self.path.endswith("404.html"):
                self.inline = ""
            elif not (src.endswith("search-index.js") or src.endswith("assets/search.js")):
                bad.append((self.path, "script", src))
    def handle_data(self, data):
        if self.inline is not None: self.inline += data
    def handle_endtag(self, tag):
        if tag == "script" and self.inline is not None:
            if not base_script.match(self.inline): bad.append((self.path, "script", self.inline[:80]))
            self.inline = None
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith(".html"):
            p = os.path.join(root, f)
            text = open(p, encoding="utf-8").read()
            P(p).feed(text)
            for needle in ("alert(2", "alert(3", "alert(4", "555-0199", "\u202e", "onerror", "data:image"):
                if needle in text:
                    bad.append((p, "text", needle))
for b in bad[:20]: print("active or changed:", *b)
sys.exit(1 if bad else 0)
PY
pass
check "the hotline stays the kit's number" grep -q 'Our hotline is <bdi>555-0100</bdi>.' "$page"
check "the link target is unchanged" grep -q 'href="../../../vi/guide/second/#help"' "$page"
finish
