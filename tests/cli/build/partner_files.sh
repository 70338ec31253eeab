# partner_files: what the bundled kit gives ethnic-media partners (issue 24).
# Every page in every language that has translated some of it has its two
# share PNGs (1200 x 630 and 1080 x 1080, no time or text chunk), og:/twitter:
# tags whose image is a file of out/, a DOCX and an ODT; a page a language
# has not translated has no file of its own there (issue 20: no English
# under another language's name): its og:image is the English one and it
# links to the English files, saying so. The DOCX and ODT of a module read back,
# by pandoc and by LibreOffice (to PDF, then pdftotext), as the page's own
# text (its .txt version, white space and punctuation aside) in en, vi,
# zh-Hant, km, th and ur; their headings come back as headings; Urdu
# paragraphs come back right to left. Every Atom feed is well-formed and
# links to pages of out/; each partner page links only to files of out/.
# Both tools must be installed (bootstrap): a missing one fails the test.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
bundled_built "$kit"
out="$kit/out"
base=$(sed -n 's/^base_url: *"\(.*\)"/\1/p' "$kit/kit.yaml")
check "base_url read from kit.yaml ($base)" test -n "$base"

# ---- Files beside every page, and the page's head --------------------
python3 - "$out" "$base" <<'PY' || fail "share images, DOCX, ODT and og: tags for every page"
import glob, html, os, re, struct, sys, zipfile
import xml.etree.ElementTree as ET
out, base = sys.argv[1], sys.argv[2]
problems, pages = [], 0
def png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    chunks, at = [], 8
    while at < len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        chunks.append((kind.decode(), data[at + 8:at + 8 + n]))
        at += 12 + n
    w, h = struct.unpack(">II", chunks[0][1][:8])
    return w, h, [k for k, _ in chunks], len(data)
biggest = 0
for txt in sorted(glob.glob(f"{out}/*/**/*.txt", recursive=True)):
    m = re.match(r"(.*)/([^/]+)-([A-Za-z-]+)\.txt$", txt)
    d, slug, tag = m.groups()
    if "-" in tag and not re.match(r"^(zh-Hant|zh-Hans)$", tag):
        continue  # a legacy-encoding export ("x-vi-tcvn3.txt")
    if not os.path.exists(f"{d}/index.html") or d.endswith("/downloads"):
        continue
    pages += 1
    stem = f"{d}/{slug}-{tag}"
    for suffix, want in (("-share.png", (1200, 630)), ("-square.png", (1080, 1080))):
        if not os.path.exists(stem + suffix):
            problems.append(f"missing {stem}{suffix}"); continue
        w, h, kinds, size = png(stem + suffix)
        biggest = max(biggest, size)
        if (w, h) != want: problems.append(f"{stem}{suffix}: {w}x{h}, not {want}")
        extra = [k for k in kinds if k not in ("IHDR", "PLTE", "IDAT", "IEND")]
        if extra: problems.append(f"{stem}{suffix}: ancillary chunks {extra} (a time stamp makes builds differ)")
    for suffix in (".docx", ".odt"):
        try:
            with zipfile.ZipFile(stem + suffix) as z:
                names = z.namelist()
                if z.testzip() is not None: problems.append(f"{stem}{suffix}: bad CRC")
                if suffix == ".odt" and (names[0] != "mimetype" or z.read("mimetype") != b"application/vnd.oasis.opendocument.text"):
                    problems.append(f"{stem}{suffix}: mimetype is not the first part")
                if any(n.endswith(("vbaProject.bin", ".bin")) or "Basic/" in n for n in names):
                    problems.append(f"{stem}{suffix}: holds a macro part")
                for n in names:  # every XML part well-formed (expat refuses a repeated attribute too)
                    if n.endswith((".xml", ".rels")):
                        try: ET.fromstring(z.read(n))
                        except ET.ParseError as e: problems.append(f"{stem}{suffix}: {n}: {e}")
                rels = "".join(z.read(n).decode() for n in names if n.endswith(".rels"))
                if re.search(r'TargetMode="External"[^>]*Type="[^"]*(attachedTemplate|oleObject|subDocument)', rels):
                    problems.append(f"{stem}{suffix}: refers to an external template or object")
        except (OSError, zipfile.BadZipFile) as e:
            problems.append(f"{stem}{suffix}: {e}")
    head = open(f"{d}/index.html", encoding="utf-8").read().split("</head>")[0]
    meta = {}
    for prop, content in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', head):
        meta.setdefault(prop, []).append(html.unescape(content))
    for need in ("og:title", "og:description", "og:image", "og:locale", "og:locale:alternate", "twitter:card"):
        if not meta.get(need): problems.append(f"{d}/index.html: no {need}")
    for url in meta.get("og:image", []):
        if not url.startswith(base) or not os.path.exists(os.path.join(out, url[len(base):])):
            problems.append(f"{d}/index.html: og:image {url} is not a file of out/")
    if not re.search(r'<link rel="alternate" type="application/atom\+xml" href="[^"]*feed\.xml"', head):
        problems.append(f"{d}/index.html: no Atom link")
print(f"{pages} pages, largest share PNG {biggest} bytes")
if pages < 250: problems.append(f"only {pages} pages found")
if biggest > 120_000: problems.append(f"a share PNG of {biggest} bytes: not small")
for p in problems[:20]: print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

python3 - "$out" "$base" <<'PY' || fail "a page a language has not translated: no files of its own, the English ones linked"
import glob, html, os, re, sys
out, base = sys.argv[1], sys.argv[2]
problems, own, untranslated = [], 0, 0
tags = [t for t in os.listdir(out) if os.path.isfile(f"{out}/{t}/feed.xml") and t != "en"]
for txt in sorted(glob.glob(f"{out}/en/**/*-en.txt", recursive=True)):
    rel = os.path.dirname(txt)[len(out) + 4:]
    slug = os.path.basename(txt)[:-len("-en.txt")]
    for t in tags:
        d = f"{out}/{t}/{rel}"
        if not os.path.exists(f"{d}/index.html"): continue
        if os.path.exists(f"{d}/{slug}-{t}.txt"):
            own += 1; continue
        untranslated += 1
        mine = [f for f in os.listdir(d) if f.startswith(f"{slug}-{t}")]
        if mine: problems.append(f"{d}: untranslated in {t}, yet has {mine[:3]}")
        page = open(f"{d}/index.html", encoding="utf-8").read()
        images = re.findall(r'<meta property="og:image" content="([^"]+)"', page)
        folder = f"en/{rel}/" if rel else "en/"
        want = [f"{base}{folder}{slug}-en-share.png", f"{base}{folder}{slug}-en-square.png"]
        if images != want: problems.append(f"{d}/index.html: og:image {images}, not the English {want}")
        links = re.findall(r'<a href="([^"]+)" hreflang="en" download>([^<]+)</a>', page)
        kinds = {os.path.splitext(h)[1] for h, _ in links}
        english = open(f"{out}/en/{rel}/index.html", encoding="utf-8").read()
        if 'class="downloads"' in english and not {".txt", ".md", ".docx", ".odt"} <= kinds:
            problems.append(f"{d}/index.html: links to English {sorted(kinds)}")
        for href, label in links:
            if not os.path.exists(os.path.normpath(os.path.join(d, html.unescape(href)))):
                problems.append(f"{d}/index.html: {href} leads nowhere")
            if "English" not in label: problems.append(f"{d}/index.html: '{label}' does not say it is in English")
print(f"{own} translated page-languages with files of their own, {untranslated} untranslated linking to English")
if own < 200 or untranslated < 20: problems.append(f"too few to test ({own}, {untranslated})")
for p in problems[:20]: print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# ---- Read back by pandoc and LibreOffice ------------------------------
check "pandoc is installed" which pandoc >/dev/null
check "LibreOffice is installed" which soffice >/dev/null
langs=(en vi zh-Hant km th ur)
page=education/five-responses
rb="$WORK/readback"
mkdir -p "$rb/docx" "$rb/odt"
for t in "${langs[@]}"; do
  cp "$out/$t/$page/five-responses-$t.docx" "$rb/docx/"
  cp "$out/$t/$page/five-responses-$t.odt" "$rb/odt/"
done
profile="file://$WORK/lo-profile"
for kind in docx odt; do
  for target in pdf odt "txt:Text (encoded):UTF8"; do
    (cd "$rb/$kind" && soffice --headless "-env:UserInstallation=$profile" --convert-to "$target" \
      --outdir "$rb/$kind/lo" ./*."$kind" >/dev/null 2>&1)
  done
done
for t in "${langs[@]}"; do
  for kind in docx odt; do
    f="$rb/$kind/five-responses-$t.$kind"
    pandoc -f "$kind" -t plain --wrap=none -s -o "$f.pandoc.txt" "$f" 2>/dev/null || fail "pandoc reads $f"
    pandoc -f "$kind" -t markdown --wrap=none -o "$f.pandoc.md" "$f" 2>/dev/null || fail "pandoc reads $f"
    [ "$t" = th ] && raw=-raw || raw=
    pdftotext $raw -enc UTF-8 "$rb/$kind/lo/five-responses-$t.pdf" "$f.lo-pdf.txt" 2>/dev/null ||
      fail "LibreOffice made a PDF of $f"
  done
done
python3 - "$out" "$page" "$rb" "${langs[@]}" <<'PY' || fail "DOCX and ODT read back as the page's text, headings and direction"
import html, re, sys, unicodedata, zipfile
import xml.etree.ElementTree as ET
out, page, rb, langs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
NS = {"style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0", "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
S, TX = "{%s}" % NS["style"], "{%s}" % NS["text"]
def directions(path):  # [(is_heading, writing_mode, text)] of an ODF file's non-empty paragraphs
    z = zipfile.ZipFile(path)
    styles, content = ET.fromstring(z.read("styles.xml")), ET.fromstring(z.read("content.xml"))
    table, default = {}, None
    for root in (styles, content):
        for st in root.iter(S + "style"):
            pp = st.find("style:paragraph-properties", NS)
            table[st.get(S + "name")] = (pp.get(S + "writing-mode") if pp is not None else None, st.get(S + "parent-style-name"))
        for st in root.iter(S + "default-style"):
            pp = st.find("style:paragraph-properties", NS)
            if st.get(S + "family") == "paragraph" and pp is not None: default = pp.get(S + "writing-mode")
    def mode(name, depth=0):
        m, parent = table.get(name, (None, None))
        if m and m != "page": return m
        return mode(parent, depth + 1) if parent and depth < 20 else default
    found = []
    for el in content.find("office:body", NS).iter():
        if el.tag in (TX + "p", TX + "h"):
            text = "".join(el.itertext()).strip()
            if text: found.append((el.tag == TX + "h", mode(el.get(TX + "style-name")), text))
    return found
problems = []
def norm(s):  # letters, marks and digits only: white space, punctuation and list markers aside
    s = unicodedata.normalize("NFC", s)
    return "".join(c for c in s if unicodedata.category(c)[0] in "LMN")
def read(p): return open(p, encoding="utf-8-sig").read()
for t in langs:
    d = f"{out}/{t}/{page}"
    slug = page.split("/")[-1]
    txt, md, page_html = read(f"{d}/{slug}-{t}.txt"), read(f"{d}/{slug}-{t}.md"), read(f"{d}/index.html")
    url = re.search(r'<link rel="canonical" href="([^"]+)"', page_html).group(1)
    notice = re.search(r'class="notice notice-draft"[^>]*>(.*?)</p>', page_html, re.S)
    # (the page's notice starts with a bold label the copies leave out)
    notice = norm(html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<strong>.*?</strong>", "", notice.group(1))))) if notice else ""
    alts = [norm(a) for a in re.findall(r"!\[([^\]]*)\]", md) if norm(a)]
    def strip(s):
        for a in alts: s = s.replace(a, "", 1)
        return s
    want = strip(norm(txt))
    heads = [norm(h) for h in re.findall(r"^#{1,6} +(.*?)#*$", md, re.M)][1:]  # the first is the title
    if len(heads) < 3: problems.append(f"{t}: the page has too few headings to test ({len(heads)})")
    for kind in ("docx", "odt"):
        f = f"{rb}/{kind}/{slug}-{t}.{kind}"
        for reader, text in (("pandoc", read(f + ".pandoc.txt")),
                             ("LibreOffice", read(f"{rb}/{kind}/lo/{slug}-{t}.txt" if t in ("km", "ur") else f + ".lo-pdf.txt"))):
            got = strip(norm(text))
            # The copy adds the draft notice after the title and the page's
            # address on its last line ("Online: <url>").
            got = got.replace(notice, "", 1) if notice else got
            tail = norm(url)
            if tail not in got[-len(tail) - 40:]:
                problems.append(f"{t} {kind} ({reader}): the page's address is not on the last line")
            got = got[:got.rfind(tail)]
            got = got[:len(want)] if got.startswith(want) and len(got) - len(want) <= 20 else got
            if got != want:
                i = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
                problems.append(f"{t} {kind} ({reader}): text differs at {i}: got …{got[max(0,i-20):i+30]}… want …{want[max(0,i-20):i+30]}…")
        got_heads = [norm(h) for h in re.findall(r"^#{1,6} +(.*?)(?: *\{[^}]*\})?$", read(f + ".pandoc.md"), re.M)]
        if got_heads != heads:
            problems.append(f"{t} {kind} (pandoc): headings {got_heads[:3]}… not {heads[:3]}…")
        # LibreOffice's own ODF of what it read: headings are text:h, and
        # each paragraph's direction is its style's (or a parent's).
        lo = directions(f"{rb}/{kind}/lo/{slug}-{t}.odt")
        lo_heads = [norm(text) for h, mode, text in lo if h]
        if lo_heads != heads:
            problems.append(f"{t} {kind} (LibreOffice): headings {lo_heads[:3]}… not {heads[:3]}…")
        rtl = [mode == "rl-tb" for h, mode, text in lo]
        if t == "ur" and (len(rtl) < 10 or not all(rtl)):
            problems.append(f"ur {kind} (LibreOffice): {rtl.count(False)} of {len(rtl)} paragraphs are not right to left")
        if t != "ur" and any(rtl):
            problems.append(f"{t} {kind} (LibreOffice): right-to-left paragraphs")
for p in problems: print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
check "the DOCX of ur marks every body paragraph right to left (w:bidi)" python3 - "$rb/docx/five-responses-ur.docx" <<'PY'
import re, sys, zipfile
doc = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
paras = re.findall(r"<w:p>(.*?)</w:p>", doc, re.S)
sys.exit(0 if len(paras) > 10 and all("<w:bidi/>" in p for p in paras) and 'w:bidi="ur"' in doc else 1)
PY

# ---- Feeds and partner pages ------------------------------------------
for feed in "$out"/*/feed.xml; do
  check "$feed is well-formed" xmllint --noout "$feed"
done
python3 - "$out" "$base" <<'PY' || fail "feed entries and partner-page links lead to files of out/"
import glob, os, re, sys, html
out, base = sys.argv[1], sys.argv[2]
problems, entries = [], 0
for feed in glob.glob(f"{out}/*/feed.xml"):
    tag = feed.split("/")[-2]
    text = open(feed, encoding="utf-8").read()
    if f'xml:lang="{tag}"' not in text: problems.append(f"{feed}: no xml:lang")
    dates = re.findall(r"<entry>.*?<updated>([^<]+)</updated>", text, re.S)
    if dates != sorted(dates, reverse=True): problems.append(f"{feed}: entries not newest first")
    for href in re.findall(r'<entry>.*?<link rel="alternate" type="text/html" href="([^"]+)"', text, re.S):
        entries += 1
        if not href.startswith(base) or not os.path.exists(os.path.join(out, href[len(base):], "index.html")):
            problems.append(f"{feed}: {href} is not a page of out/")
if entries < 100: problems.append(f"only {entries} feed entries")
for page in glob.glob(f"{out}/*/partners/index.html"):
    text = open(page, encoding="utf-8").read()
    links = re.findall(r'href="([^"#]+)"', text.split("<main", 1)[1].split("</main>")[0])
    if "creativecommons.org/licenses/by/4.0/" not in text: problems.append(f"{page}: no licence link")
    for href in links:
        href = html.unescape(href)
        if href.startswith("http"): continue
        path = os.path.normpath(os.path.join(os.path.dirname(page), href))
        if os.path.isdir(path): path = os.path.join(path, "index.html")
        if not os.path.exists(path): problems.append(f"{page}: {href} leads nowhere")
    if len(re.findall(r'href="[^"]+\.docx"', text)) < 20: problems.append(f"{page}: the table lacks DOCX links")
if len(glob.glob(f"{out}/*/partners/index.html")) < 16: problems.append("a language has no partner page")
for p in problems[:20]: print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
finish
