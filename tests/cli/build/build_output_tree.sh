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

# The sitemap is an index of one sitemap per language (sitemap-<lang>.xml
# beside it); together they list every page in every language, each with
# every language as alternates. With at most 3 URLs a file (a test hook;
# the protocol's limit is 50,000), each language's is cut into parts that
# list the same URLs.
cat > "$WORK/sitemap.py" <<'PY'
import os, sys, xml.etree.ElementTree as ET
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
out, per_file = sys.argv[1], int(sys.argv[2])
index = ET.parse(os.path.join(out, "sitemap.xml")).getroot()
assert index.tag == "{%s}sitemapindex" % ns["s"], index.tag
locs = [e.text for e in index.findall("s:sitemap/s:loc", ns)]
names = [l.rsplit("/", 1)[1] for l in locs]
assert all(l.startswith("https://example.test/mini/sitemap-") for l in locs), locs
files = sorted(f for f in os.listdir(out) if f.startswith("sitemap-"))
assert sorted(names) == files, (names, files)
for lang in ("en", "vi", "ur", "chk"):
    assert "sitemap-%s.xml" % lang in names, names
urls = []
for n in names:
    part = ET.parse(os.path.join(out, n)).getroot().findall("s:url", ns)
    assert 0 < len(part) <= per_file, (n, len(part))
    lang = n[len("sitemap-"):-len(".xml")].split("-")[0]
    assert all(u.find("s:loc", ns).text.startswith("https://example.test/mini/%s/" % lang) for u in part), n
    urls += part
print(len(names), "files")
assert len(urls) == 4 * 4, len(urls)   # 4 pages x 4 languages
assert len({u.find("s:loc", ns).text for u in urls}) == len(urls), "a URL twice"
for u in urls:
    loc = u.find("s:loc", ns).text
    assert loc.startswith("https://example.test/mini/"), loc
    alts = {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
    assert set(alts) == {"en", "vi", "ur", "chk", "x-default"}, alts
    assert alts["x-default"] == alts["en"]
    assert loc in alts.values()
PY
check "sitemap.xml indexes one sitemap per language, together every page with every alternate" \
  python3 "$WORK/sitemap.py" "$out" 50000
check "the index lists 4 files" bash -c "test \"\$(grep -c '<sitemap>' '$out/sitemap.xml')\" = 4"
expect_status 0 "a build with at most 3 URLs a sitemap file" \
  "$KITGEN" -C "$kit" build --quiet --no-sync --clean --test-sitemap-max-urls 3
check "each language's sitemap is cut into parts that list the same URLs" python3 "$WORK/sitemap.py" "$out" 3
check "the index lists 8 files (4 URLs a language, 3 a file)" bash -c "test \"\$(grep -c '<sitemap>' '$out/sitemap.xml')\" = 8"
check "the second part of vi is sitemap-vi-2.xml" grep -q '<loc>https://example.test/mini/sitemap-vi-2.xml</loc>' "$out/sitemap.xml"
finish
