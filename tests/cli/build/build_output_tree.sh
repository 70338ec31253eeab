# build_output_tree: `kitgen build` writes the output contract: chooser,
# language indexes, one page per content file per language, sitemap with
# alternates, <html lang dir>, a switcher that leads to the same page.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit mini "$kit"
expect_status 0 "build succeeds" "$KITGEN" -C "$kit" build --quiet
out="$kit/out"
for f in index.html sitemap.xml 404.html status/index.html status/status.json assets/style.css images/pair.svg; do
  check "out/$f exists" test -f "$out/$f"
done
for lang in en vi ur chk; do
  for page in "" guide/ guide/first/ guide/second/; do
    check "out/$lang/${page}index.html exists" test -f "$out/$lang/${page}index.html"
  done
  check "out/$lang/404.html exists" test -f "$out/$lang/404.html"
  check "$lang page carries lang" grep -q "<html lang=\"$lang\"" "$out/$lang/guide/first/index.html"
done
check "urdu page is rtl" grep -q '<html lang="ur" dir="rtl">' "$out/ur/guide/first/index.html"
check "english page is ltr" grep -q '<html lang="en" dir="ltr">' "$out/en/guide/first/index.html"
check "fallback text in an rtl page is marked en/ltr" grep -q '<p lang="en" dir="ltr">' "$out/ur/guide/first/index.html"
check "placeholder filled from kit.yaml (isolated for bidi)" grep -q "Our hotline is <bdi>555-0100</bdi>." "$out/en/guide/first/index.html"
check ".md link rewritten to the page URL" grep -q 'href="../../../en/guide/second/#help"' "$out/en/guide/first/index.html"
check ".md link stays in the page's language" grep -q 'href="../../../vi/guide/second/#help"' "$out/vi/guide/first/index.html"
check "image path made relative to the output page" grep -q 'src="../../../images/pair.svg"' "$out/en/guide/first/index.html"
check "a translated page shows its own copy of an SVG, beside it" grep -q 'src="pair.vi.svg"' "$out/vi/guide/first/index.html"
check "...which is there" test -s "$out/vi/guide/first/pair.vi.svg"
check "draft language says so" grep -q 'notice-draft' "$out/vi/guide/first/index.html"
check "reviewed source language has no draft notice" bash -c "! grep -q 'notice-draft' '$out/en/guide/first/index.html'"
check "heading ids are shared by every language" grep -q '<h2 id="stay-calm"' "$out/vi/guide/first/index.html"
check "chooser lists each language in its own name" grep -q '>Tiếng Việt<' "$out/index.html"
check "chooser uses the kit's name for chk" grep -q '>Kapasen Chuuk<' "$out/index.html"
check "chooser lists Urdu as اردو" grep -q '>اردو<' "$out/index.html"
# 2026-03-05 in CLDR's long date pattern of each language
# Dates are ICU's long format with no-break spaces (no line ends inside a date).
check "updated date in Vietnamese (d 'tháng' M, y)" grep -q 'class="updated">[^<]*5 tháng 3, 2026<' "$out/vi/guide/first/index.html"
check "updated date in English (MMMM d, y)" grep -q 'class="updated">[^<]*March 5, 2026<' "$out/en/guide/first/index.html"

# Every relative link and asset in every page resolves to a file in out/.
python3 - "$out" <<'PY' || fail "relative links resolve"
import os, re, sys
from html.parser import HTMLParser
out = sys.argv[1]
bad = []
class P(HTMLParser):
    def __init__(self, path):
        super().__init__(); self.path = path
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k not in ("href", "src") or v is None: continue
            if re.match(r"^[a-z]+:", v) or v.startswith("#") or v.startswith("//"): continue
            target = v.split("#")[0].split("?")[0]
            if not target: continue
            full = os.path.normpath(os.path.join(os.path.dirname(self.path), target))
            if os.path.isdir(full): full = os.path.join(full, "index.html")
            if not os.path.exists(full): bad.append((self.path, v))
for root, _, files in os.walk(out):
    for f in files:
        if f.endswith(".html") and f != "404.html":
            p = os.path.join(root, f)
            P(p).feed(open(p, encoding="utf-8").read())
for b in bad[:20]: print("broken:", *b)
sys.exit(1 if bad else 0)
PY
pass

# The switcher on a page leads to the same page in each other language.
python3 - "$out" <<'PY' || fail "switcher leads to the same page"
import os, re, sys
out = sys.argv[1]
page = os.path.join(out, "vi/guide/first/index.html")
html = open(page, encoding="utf-8").read()
nav = html[html.index('class="switcher"'):html.index("</nav>", html.index('class="switcher"'))]
links = dict(re.findall(r'href="([^"]+)" hreflang="([^"]+)"', nav))
langs = sorted(links.values())
assert langs == ["chk", "en", "ur", "vi"], langs
for href, lang in links.items():
    target = os.path.normpath(os.path.join(os.path.dirname(page), href, "index.html"))
    assert target == os.path.join(out, lang, "guide/first/index.html"), (href, target)
PY
pass

# The sitemap parses and lists every language of every page as alternates.
python3 - "$out/sitemap.xml" <<'PY' || fail "sitemap has every alternate"
import sys, xml.etree.ElementTree as ET
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
root = ET.parse(sys.argv[1]).getroot()
urls = root.findall("s:url", ns)
assert len(urls) == 4 * 4, len(urls)   # 4 pages x 4 languages
for u in urls:
    loc = u.find("s:loc", ns).text
    assert loc.startswith("https://example.test/mini/"), loc
    alts = {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
    assert set(alts) == {"en", "vi", "ur", "chk", "x-default"}, alts
    assert alts["x-default"] == alts["en"]
    assert loc in alts.values()
PY
pass
finish
