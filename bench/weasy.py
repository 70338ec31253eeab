#!/usr/bin/env python3
"""WeasyPrint side of the PDF benchmark (bench/run --only pdf).

  weasy.py prepare OUT HTMLDIR   write one print HTML document per PDF
                                 handout kitgen made in OUT (the kit's out/),
                                 from kitgen's own HTML pages; prints the count
  weasy.py render LIST PDFDIR [TIMES]
                                 render every HTML file named in LIST (one
                                 path a line) to PDFDIR/NNNNN.pdf with
                                 WeasyPrint's Python API, in this one
                                 process; TIMES: a TSV of each document's
                                 CPU seconds (html, pdf, seconds)
  weasy.py pages PDFDIR          number of PDF files and of their pages
  weasy.py by-language TIMES [PDFDIR]
                                 per language: documents, pages, CPU s
                                 (PDFDIR: the weasy-pdf/ folder beside TIMES)

Each kitgen handout OUT/<lang>/<path>/<slug>-<lang>-<variant>.pdf gets a
document HTMLDIR/<lang>/<path>/<slug>-<lang>-<variant>.html with what that
handout shows, taken from kitgen's page OUT/<lang>/<path>/index.html: the
kit title as a running header, the title, the localized date, the draft
notice (draft languages), a QR-code-sized block of 33 x 33 modules (as
rectangles, as kitgen draws its QR code), the page body, and "page / pages"
in the footer.  The CSS uses kitgen's handout geometry and sizes (Letter,
54 pt margins; body/small/h1/h2/h3 11/8.5/22/16/13 pt standard, 18/12/30/
25/21 pt large print with 1.15 line spacing) and the same font family per
language as kitgen (src/render/pdf_fonts.c).  The bilingual variant places
the English text of each block (title, headings, paragraphs, list items)
after its translation in smaller grey type, as kitgen's does.

Only the standard library for prepare/pages; render imports weasyprint.
"""
import hashlib
import os
import re
import subprocess
import sys

FAMILY = [  # as kg_pdf_default_family()
    ("zh-HK", "Noto Sans CJK HK"), ("zh-Hant", "Noto Sans CJK TC"), ("zh-TW", "Noto Sans CJK TC"),
    ("zh", "Noto Sans CJK SC"), ("ja", "Noto Sans CJK JP"), ("ko", "Noto Sans CJK KR"),
    ("km", "Noto Sans Khmer"), ("th", "Noto Sans Thai"), ("hi", "Noto Sans Devanagari"),
    ("mr", "Noto Sans Devanagari"), ("ne", "Noto Sans Devanagari"),
    ("ur", "Noto Nastaliq Urdu"), ("ar", "Noto Naskh Arabic"), ("fa", "Noto Naskh Arabic"),
]
# ascent + descent + line gap of each family, in ems (hhea; fc-match and
# fontTools on Debian 12's fonts-noto*): kitgen's large-print line spacing
# 1.15 multiplies this natural height, CSS line-height cannot, so the CSS
# says 1.15 x this.
NATURAL = {"Noto Sans": 1.362, "Noto Sans CJK HK": 1.448, "Noto Sans CJK TC": 1.448,
           "Noto Sans CJK SC": 1.448, "Noto Sans CJK JP": 1.448, "Noto Sans CJK KR": 1.448,
           "Noto Sans Khmer": 1.362, "Noto Sans Thai": 1.511, "Noto Sans Devanagari": 1.304,
           "Noto Nastaliq Urdu": 2.5}
STYLE = {  # body, small, h1, h2, h3, source scale, line height, QR module
    "standard": (11, 8.5, 22, 16, 13, 0.85, "normal", 2.5),
    "large-print": (18, 12, 30, 25, 21, 0.9, 1.15, 3),
    "bilingual": (11, 8.5, 22, 16, 13, 0.85, "normal", 2.5),
}
VARIANT_RE = re.compile(r"-(handout|large-print|bilingual)\.pdf$")
BLOCK = re.compile(r"<(h2|h3|p|li)\b([^>]*)>(.*?)</\1>", re.S)


def family(lang):
    for prefix, fam in FAMILY:
        if lang == prefix or lang.startswith(prefix + "-"):
            return fam
    return "Noto Sans"


def between(html, start_re, end):
    m = re.search(start_re, html, re.S)
    if not m:
        return ""
    j = html.find(end, m.end())
    return html[m.end():j] if j >= 0 else ""


def page_parts(path):
    with open(path, encoding="utf-8") as f:
        html = f.read()
    m = re.search(r'<html lang="([^"]*)" dir="([^"]*)"', html)
    lang, direction = (m.group(1), m.group(2)) if m else ("en", "ltr")
    notice = re.search(r'<p class="notice notice-draft"[^>]*>.*?</p>', html, re.S)
    return {
        "lang": lang, "dir": direction,
        "title": between(html, r"<article>.*?<h1[^>]*>", "</h1>"),
        "updated": between(html, r'<span class="updated">', "</span>"),
        "notice": notice.group(0) if notice else "",
        "content": between(html, r'<div class="content">', "</div>"),
    }


def ui_strings(kit, lang):
    """The handout's QR caption and "Page {n} of {m}" in LANG, from the
    kit's locales/LANG/ui.po (English when missing)."""
    out = {"Scan to open this page online": "Scan to open this page online", "Page {n} of {m}": "Page {n} of {m}"}
    try:
        with open(os.path.join(kit, "locales", lang, "ui.po"), encoding="utf-8") as f:
            po = f.read()
    except OSError:
        return out
    for k in out:
        m = re.search(r'^msgid "%s"\nmsgstr "(.+)"$' % re.escape(k), po, re.M)
        if m:
            out[k] = m.group(1).replace('\\"', '"')
    return out


def css_counter_text(fmt):
    """"Page {n} of {m}" -> CSS content: "Page " counter(page) " of " counter(pages)."""
    parts = []
    for tok in re.split(r"(\{n\}|\{m\})", fmt):
        if tok == "{n}":
            parts.append("counter(page)")
        elif tok == "{m}":
            parts.append("counter(pages)")
        elif tok:
            parts.append('"%s"' % tok.replace('"', "'"))
    return " ".join(parts) or '""'


def qr_svg(seed, module):
    """33 x 33 modules drawn as rectangles, with the three finder squares."""
    n = 33
    bits = hashlib.shake_256(seed.encode()).digest(n * n // 8 + 1)
    rects = []
    finders = ((0, 0), (n - 7, 0), (0, n - 7))
    for y in range(n):
        for x in range(n):
            f = [(x - fx, y - fy) for fx, fy in finders if 0 <= x - fx < 7 and 0 <= y - fy < 7]
            if f:
                dx, dy = f[0]
                on = dx in (0, 6) or dy in (0, 6) or (2 <= dx <= 4 and 2 <= dy <= 4)
            else:
                i = y * n + x
                on = bits[i >> 3] >> (i & 7) & 1
            if on:
                rects.append('<rect x="%d" y="%d" width="1" height="1"/>' % (x + 4, y + 4))
    size = (n + 8) * module
    return ('<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" '
            'width="%.1fpt" height="%.1fpt">%s</svg>' % (n + 8, n + 8, size, size, "".join(rects)))


def bilingual(content, en_content):
    """After each block of the translation, its English block (by order)."""
    en = [(m.group(1), m.group(3)) for m in BLOCK.finditer(en_content)]
    k = [0]

    def add(m):
        i = k[0]
        k[0] += 1
        if i >= len(en) or en[i][0] != m.group(1):
            return m.group(0)
        tag = "span" if m.group(1) == "li" else "p"
        src = '<%s class="src" lang="en" dir="ltr">%s</%s>' % (tag, en[i][1], tag)
        if m.group(1) == "li":
            return "<li%s>%s<br>%s</li>" % (m.group(2), m.group(3), src)
        return m.group(0) + src
    return BLOCK.sub(add, content)


CSS = """@page {{ size: letter; margin: 54pt;
  @top-left {{ content: "{kit}"; font-family: "Noto Sans"; font-size: {small}pt; color: #555; }}
  @bottom-center {{ content: {pageof}; font-family: "{fam}"; font-size: {small}pt; color: #555; }} }}
html {{ font-family: "{fam}", "Noto Sans"; font-size: {body}pt; line-height: {lh}; }}
h1 {{ font-size: {h1}pt; margin: 0 0 6pt; }}
h2 {{ font-size: {h2}pt; margin: {h2b}pt 0 {h2a}pt; }}
h3 {{ font-size: {h3}pt; margin: {h3b}pt 0 {h3a}pt; }}
p, ul, ol, blockquote {{ margin: 0 0 {gap}pt; }}
li {{ margin: 0 0 {li}pt; }}
ul, ol {{ padding-inline-start: {indent}pt; }}
blockquote {{ border-inline-start: 2pt solid #999; padding-inline-start: 8pt; margin-inline: 0; }}
.qrbox {{ float: {qrside}; margin-inline-start: 12pt; text-align: center; font-size: {small}pt; color: #555; width: {qrw}pt; }}
.updated {{ font-size: {small}pt; color: #555; }}
.notice {{ border: 1pt solid #c90; background: #fff7d6; padding: 6pt; font-weight: bold; }}
.content {{ clear: both; padding-top: 6pt; }}
.src {{ display: block; font-size: {src}pt; color: #555; }}
a {{ color: #1a4f9c; }}
"""


def document(parts, en_parts, variant, kit_title, seed, ui):
    body, small, h1, h2, h3, scale, lh, module = STYLE[variant]
    fam = family(parts["lang"])
    if lh != "normal":
        lh = round(lh * NATURAL.get(fam, 1.362), 3)
    css = CSS.format(kit=kit_title.replace('"', "'"), small=small, fam=fam, body=body, lh=lh,
                     h1=h1, h2=h2, h3=h3, h2b=h2 * 0.9, h2a=h2 * 0.35, h3b=h3 * 0.9, h3a=h3 * 0.35,
                     qrside="left" if parts["dir"] == "rtl" else "right", src=round(body * scale, 2),
                     gap=round(body * 0.75, 2), li=round(body * 0.35, 2), indent=body * 1.6,
                     qrw=(33 + 8) * module, pageof=css_counter_text(ui["Page {n} of {m}"]))
    title = "<h1>%s</h1>" % parts["title"]
    content = parts["content"]
    if variant == "bilingual" and en_parts:
        title += '<p class="src" lang="en" dir="ltr">%s</p>' % en_parts["title"]
        content = bilingual(content, en_parts["content"])
    return ('<!DOCTYPE html>\n<html lang="%s" dir="%s">\n<head><meta charset="utf-8"><title>%s</title>'
            '<style>\n%s</style></head>\n<body>\n<div class="qrbox">%s<br>%s</div>\n%s\n<p class="updated">%s</p>\n%s\n'
            '<div class="content">%s</div>\n</body>\n</html>\n'
            % (parts["lang"], parts["dir"], re.sub(r"<[^>]*>", "", parts["title"]), css,
               qr_svg(seed, module), ui["Scan to open this page online"], title, parts["updated"], parts["notice"], content))


def prepare(out, htmldir):
    kit_title = "Community Safety Kit"
    kit_yaml = os.path.join(os.path.dirname(os.path.abspath(out)), "kit.yaml")  # OUT is <kit>/out
    if os.path.exists(kit_yaml):
        m = re.search(r'^title:\s*"?(.*?)"?\s*$', open(kit_yaml, encoding="utf-8").read(), re.M)
        if m:
            kit_title = m.group(1)
    kit = os.path.dirname(os.path.abspath(out))
    ui = {}
    n = 0
    for dp, dn, fn in os.walk(out):
        dn.sort()
        for name in sorted(fn):
            m = VARIANT_RE.search(name)
            if not m:
                continue
            variant = "standard" if m.group(1) == "handout" else m.group(1)
            rel = os.path.relpath(dp, out)              # <lang>/<path>
            lang, _, path = rel.partition(os.sep)
            parts = page_parts(os.path.join(dp, "index.html"))
            en = os.path.join(out, "en", path, "index.html")
            en_parts = page_parts(en) if variant == "bilingual" and os.path.exists(en) else None
            dst = os.path.join(htmldir, rel, name[:-4] + ".html")
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "w", encoding="utf-8") as f:
                if lang not in ui:
                    ui[lang] = ui_strings(kit, lang)
                f.write(document(parts, en_parts, variant, kit_title, rel, ui[lang]))
            n += 1
    print(n)


def render(listfile, pdfdir, times=None):
    import time
    import weasyprint  # imported here: `render` with an empty list measures start-up
    with open(listfile, encoding="utf-8") as f:
        files = [l.rstrip("\n") for l in f if l.strip()]
    os.makedirs(pdfdir, exist_ok=True)
    log = []
    for i, path in enumerate(files):
        c0 = time.process_time()
        weasyprint.HTML(filename=path).write_pdf(os.path.join(pdfdir, "%05d.pdf" % i))
        log.append("%s\t%05d.pdf\t%.3f\n" % (path, i, time.process_time() - c0))
    if times:
        with open(times, "w", encoding="utf-8") as f:
            f.writelines(log)


def pages(pdfdir):
    npdf = npages = 0
    for dp, dn, fn in os.walk(pdfdir):
        for name in fn:
            if name.endswith(".pdf"):
                info = subprocess.run(["pdfinfo", os.path.join(dp, name)], capture_output=True, text=True).stdout
                m = re.search(r"^Pages:\s+(\d+)", info, re.M)
                npdf += 1
                npages += int(m.group(1)) if m else 0
    print(npdf, npages)


def by_language(times, pdfdir=None):
    """Per language of a `render` TIMES file: documents, PDF pages, CPU s
    (as key=value words for bench/run's TSV). The PDFs are in PDFDIR
    (default: weasy-pdf beside TIMES)."""
    pdfdir = pdfdir or os.path.join(os.path.dirname(times), "weasy-pdf")
    acc = {}
    for line in open(times, encoding="utf-8"):
        html, pdf, cpu = line.rstrip("\n").split("\t")
        parts = html.split(os.sep)   # .../weasy-html/<lang>/<path>/<file>.html
        lang = parts[parts.index("weasy-html") + 1] if "weasy-html" in parts else "?"
        info = subprocess.run(["pdfinfo", os.path.join(pdfdir, pdf)],
                              capture_output=True, text=True).stdout
        m = re.search(r"^Pages:\s+(\d+)", info, re.M)
        a = acc.setdefault(lang, [0, 0, 0.0])
        a[0] += 1
        a[1] += int(m.group(1)) if m else 0
        a[2] += float(cpu)
    for lang in sorted(acc):
        print("lang=%s docs=%d pages=%d cpu=%.2f" % (lang, *acc[lang]))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "prepare" and len(sys.argv) == 4:
        prepare(sys.argv[2], sys.argv[3])
    elif cmd == "render" and len(sys.argv) in (4, 5):
        render(*sys.argv[2:])
    elif cmd == "by-language" and len(sys.argv) in (3, 4):
        by_language(*sys.argv[2:])
    elif cmd == "pages" and len(sys.argv) == 3:
        pages(sys.argv[2])
    else:
        sys.exit(__doc__)
