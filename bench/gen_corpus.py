#!/usr/bin/env python3
"""Generate a deterministic benchmark corpus for kitgen, Hugo and cmark.

Python 3 standard library only.  For a given --pages N, --langs and --seed
the output is byte-identical from run to run.

Output layout (under --out DIR):

  kit/                   a kitgen kit: kit.yaml, content/, templates/ (copied
                         from the repository), locales/ (POT + PO, every
                         msgstr filled in the target script)
  hugo/                  the same site for Hugo multilingual mode
                         (content/<lang>/..., i18n/<lang>.toml, layouts/)
  cmark/<lang>/...md     every page body of every language (cmark floor)

The PO catalogs are produced by running `kitgen extract` and
`kitgen update` on the generated kit, so their msgids are exactly kitgen's
units; every msgstr is then filled with pseudo-text in the language's
script (Han, Hangul, Vietnamese Latin, Khmer, Thai, Devanagari, Arabic) of
similar length that keeps every link target, URL, number, inline code,
`{{ placeholder }}` and `{name}` of its msgid.  The Hugo pages and the
cmark inputs of the translations are assembled from those msgstrs, in unit
order, so all three tools render the same text.
"""

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys

SECTIONS = [
    # folder, title, summary, order
    ("education", "Community education and mobilization",
     "Lessons that help community members step in safely, document harm, "
     "stay safe in public and lead trainings for others.", 10),
    ("services", "Direct services, mental health and organizational sustainability",
     "Lessons on supporting people after harm, caring for helpers and keeping "
     "small businesses and young people safe.", 20),
    ("advocacy", "Advocacy and leadership",
     "Lessons on reporting hate, knowing your rights, organizing safety walks "
     "and building partnerships.", 30),
]
AUDIENCES = ["everyone", "elders", "youth", "business-owners", "trainers", "families"]
DEFAULT_LANGS = ["zh-Hant", "zh-Hans", "vi", "ko", "km", "th", "hi", "ur"]
VARS = {
    "org_name": "[your organization's name]",
    "org_phone": "[your organization's phone number]",
    "local_hotline": "[your local hotline number]",
    "hate_incident_report_url": "[your local hate-incident reporting link]",
    "language_line": "[your interpreter line number]",
}

# --------------------------------------------------------------------------
# English text
# --------------------------------------------------------------------------

SUBJECTS = [
    "a bystander", "an elder", "a young person", "a store owner", "a trainer",
    "a volunteer", "a neighbor", "a family member", "the person being harmed",
    "a bus driver", "a community leader", "a caseworker", "a teacher",
    "the person causing harm", "a witness", "a parent", "a youth leader",
]
VERBS = [
    "can step in", "should stay calm", "may want to help", "can ask for help",
    "can write down what happened", "should keep a safe distance",
    "can call a trusted friend", "may feel afraid", "can choose a safe response",
    "should check in afterward", "can offer a ride home", "can speak up",
    "can report the incident", "should trust their instincts",
    "can move to a public place", "can share this handout",
]
OBJECTS = [
    "when someone is harassed on the street", "before the situation gets worse",
    "in a crowded store", "at the bus stop", "after the incident is over",
    "during a community meeting", "when nobody else is helping",
    "if the person asks for support", "on the way home from work",
    "near the community center", "when the harm is online",
    "if there is a language barrier", "while waiting for help to arrive",
    "at a school event", "outside the restaurant", "in the parking lot",
]
TAILS = [
    "This keeps everyone safer.", "Ask what the person needs.",
    "You do not have to act alone.", "Take a breath and look around.",
    "Small actions make a big difference.", "Your safety matters too.",
    "Write down the date, time and place.", "Respect the person's choices.",
    "Practice with a partner before the training.",
    "Keep the conversation short and calm.",
    "Offer water, a chair or a quiet place to sit.",
    "Remember that healing takes time.",
]
NUMBERED = [
    "call 911 if someone is in immediate danger",
    "wait at least 10 minutes before you leave",
    "write your notes within 24 hours",
    "plan for 2 hours and a 15 minute break",
    "groups of 3 to 5 people work best",
    "the hotline is open 7 days a week",
    "about 1 in 4 people said they had seen harassment in 2023",
]
HEADINGS = [
    "Before you act", "What you can do", "Staying safe", "After the incident",
    "Talking with the person harmed", "Practice activity", "Key points",
    "Getting support", "Working with partners", "Planning the session",
    "Questions for discussion", "Your rights", "Reporting options",
    "Taking care of yourself", "Common mistakes", "Where to get help",
]
H3 = ["For trainers", "For elders", "For young people", "For store owners",
      "For families", "For volunteers"]
TOPICS = [
    "Stepping in safely", "Documenting an incident", "Elder safety on transit",
    "Youth safety at school", "Small-business safety", "Healing after harm",
    "Self-care for helpers", "Know your rights", "Reporting hate incidents",
    "Organizing safety walks", "Building coalitions", "Emergency phrases",
    "Supporting a neighbor", "De-escalation basics", "Safety planning",
    "Working with interpreters",
]


class TextGen:
    def __init__(self, rng, npages):
        self.rng = rng
        self.npages = npages
        self.prefix = "../"   # link prefix from a section page to a page

    def sentence(self):
        r = self.rng
        s = "%s %s %s." % (r.choice(SUBJECTS), r.choice(VERBS), r.choice(OBJECTS))
        s = s[0].upper() + s[1:]
        k = r.random()
        if k < 0.12:
            n = r.choice(NUMBERED)
            s += " Remember: " + n + "."
        elif k < 0.20:
            s += " Call {{ local_hotline }} or {{ org_phone }} for support."
        elif k < 0.28:
            s += " *" + r.choice(TAILS)[:-1] + "*."
        elif k < 0.34:
            s += " **" + r.choice(TAILS) + "**"
        elif k < 0.37:
            s += " Use the phrase `Are you okay?` if you are not sure."
        else:
            s += " " + r.choice(TAILS)
        return s

    def link(self, pages):
        r = self.rng
        tgt = r.choice(pages)
        frag = "#" + slug(r.choice(HEADINGS)) if r.random() < 0.2 else ""
        return "[%s](%s%s/%s.md%s)" % (r.choice(TOPICS).lower(), self.prefix, tgt[0], tgt[1], frag)

    def paragraph(self, pages, nmin=2, nmax=5):
        r = self.rng
        sents = [self.sentence() for _ in range(r.randint(nmin, nmax))]
        if r.random() < 0.45:
            i = r.randrange(len(sents))
            sents[i] = sents[i][:-1] + ", and read more in " + self.link(pages) + "."
        return " ".join(sents)

    def item(self, pages):
        r = self.rng
        s = "%s %s %s." % (r.choice(["You", "They", "We", "Volunteers", "Trainers"]),
                           r.choice(VERBS), r.choice(OBJECTS))
        k = r.random()
        if k < 0.15:
            s = "See " + self.link(pages) + " for " + r.choice(TOPICS).lower() + "."
        elif k < 0.25:
            s += " " + r.choice(NUMBERED).capitalize() + "."
        elif k < 0.45:
            s = "**" + r.choice(HEADINGS) + ":** " + s
        elif k < 0.6:
            s += " " + r.choice(TAILS)
        return s


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def page_list(n):
    """[(section, name)] for N pages, spread over the three sections."""
    out = []
    for i in range(n):
        out.append((SECTIONS[i % 3][0], "page-%04d" % i))
    return out


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def gen_page(tg, idx, sec, pages, all_handouts=False):
    r = tg.rng
    title = "%s %d: %s" % (r.choice(TOPICS), idx, r.choice(HEADINGS).lower())
    summary = tg.sentence() if r.random() < 0.5 else tg.paragraph(pages, 1, 2)
    aud = sorted(set(r.sample(AUDIENCES, r.randint(1, 3))), key=AUDIENCES.index)
    fm = [
        "---",
        "title: " + yaml_str(title),
        "summary: " + yaml_str(summary),
        "order: %d" % (idx * 10),
        "audience: [" + ", ".join(aud) + "]",
        "strategy: " + sec,
        "handout: " + ("true" if r.random() < 0.4 or all_handouts else "false"),
        "updated: 2026-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28)),
        "---",
        "",
    ]
    body = [tg.paragraph(pages)]
    if r.random() < 0.6:
        body.append("> **Safety first:** " + tg.sentence())
    for h in range(r.randint(3, 5)):
        body.append("## " + r.choice(HEADINGS))
        body.append(tg.paragraph(pages, 1, 4))
        ordered = r.random() < 0.3
        items = [tg.item(pages) for _ in range(r.randint(3, 7))]
        if ordered:
            body.append("\n".join("%d. %s" % (i + 1, it) for i, it in enumerate(items)))
        else:
            body.append("\n".join("- " + it for it in items))
        if r.random() < 0.3:
            body.append("### " + r.choice(H3))
            body.append(tg.paragraph(pages, 1, 3))
            body.append("\n".join("- " + tg.item(pages) for _ in range(r.randint(2, 4))))
        if r.random() < 0.5:
            body.append(tg.paragraph(pages, 1, 3))
    return "\n".join(fm) + "\n\n".join(body) + "\n"


def gen_index(tg, title, summary, order, links, pages):
    fm = ["---", "title: " + yaml_str(title), "summary: " + yaml_str(summary),
          "order: %d" % order, "---", ""]
    body = [tg.paragraph(pages, 2, 3), tg.paragraph(pages, 1, 3)]
    if links:
        body.append("\n".join("- [%s](%s)" % (t, u) for t, u in links))
    return "\n".join(fm) + "\n\n".join(body) + "\n"


def gen_content(kit, npages, seed, all_handouts=False):
    rng = random.Random(seed)
    tg = TextGen(rng, npages)
    pages = page_list(npages)
    cdir = os.path.join(kit, "content")
    for sec, _, _, _ in SECTIONS:
        os.makedirs(os.path.join(cdir, sec), exist_ok=True)
    tg.prefix = ""
    write(os.path.join(cdir, "_index.md"), gen_index(
        tg, "Community Safety Kit (benchmark edition)",
        "Plain-language training materials on bystander intervention, elder "
        "and youth safety, healing and rights.", 0,
        [(s[1], "%s/_index.md" % s[0]) for s in SECTIONS], pages))
    tg.prefix = "../"
    for sec, title, summary, order in SECTIONS:
        mine = [p for p in pages if p[0] == sec][:12]
        write(os.path.join(cdir, sec, "_index.md"), gen_index(
            tg, title, summary, order,
            [("Module %s" % p[1][5:], "%s.md" % p[1]) for p in mine], pages))
    for i, (sec, name) in enumerate(pages):
        write(os.path.join(cdir, sec, name + ".md"), gen_page(tg, i, sec, pages, all_handouts))
    return pages


def write_kit_yaml(kit, langs, handouts=False, downloads=False):
    """kit.yaml.  handouts/downloads default to false, and share images
    are off: Hugo makes neither PDFs nor text/Markdown/zip downloads nor
    link-preview images, so the HTML comparison turns them off in kitgen
    too (the PDF benchmark turns handouts on; bench/run measures one
    build with share images on by itself)."""
    lines = [
        "# Generated by bench/gen_corpus.py",
        'title: "Community Safety Kit"',
        'base_url: "https://example.org/safety-kit/"',
        "source_language: en",
        "output: out",
        "paper: letter",
        "raw_html: false",
        "min_coverage: 0",
        "handouts: " + ("true" if handouts else "false"),
        "downloads: " + ("true" if downloads else "false"),
        "share_images: false",
        "vars:",
    ]
    lines += ["  %s: %s" % (k, yaml_str(v)) for k, v in VARS.items()]
    lines += ["languages:", "  - tag: en", "    status: reviewed"]
    for l in langs:
        lines += ["  - tag: " + l, "    status: draft"]
    write(os.path.join(kit, "kit.yaml"), "\n".join(lines) + "\n")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# --------------------------------------------------------------------------
# Pseudo-translation in the target script
# --------------------------------------------------------------------------

HAN = ("的是在有人这个们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过"
       "天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但"
       "现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进"
       "此话常与活正感见明问力理尔点文几定本公特做外孩相西果走将月实全安区")
HANT = ("的是在有人這個們來到時大地為子中你說生國年著就那和要她出也得裡後自以會家可下而過"
        "天去能對小多然於心學麼之都好看起發當沒成只如事把還用第樣道想作種開美總從無情己面最女但"
        "現前些所同日手又行意動方期它頭經長兒回位分愛老因很給名法間斯知世什兩次使身者被高已親其進"
        "此話常與活正感見明問力理爾點文幾定本公特做外孩相西果走將月實全安區")
VI_SYL = ("người an toàn giúp đỡ cộng đồng bảo vệ khi thấy có quấy rối hãy gọi "
          "nhờ ghi lại hỏi thăm sau lên tiếng trực tiếp quý vị không cần phải "
          "can đảm mạnh mẽ chọn cách phù hợp với tình huống lúc đó nhanh chóng "
          "bình tĩnh chia sẻ thông tin hỗ trợ gia đình người lớn tuổi thanh niên "
          "cửa hàng chủ tiệm nhân viên trường học xe buýt tài xế giáo viên").split()
HANGUL_L = "ᄀᄂᄃᄅᄆᄇᄉᄋᄌᄎᄏᄐᄑᄒ"
KHMER_C = "កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអ"
KHMER_V = ["", "ា", "ិ", "ី", "ឹ", "ុ", "ូ", "េ", "ែ", "ៃ", "ោ", "ៅ", "ំ", "ះ"]
THAI_C = "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศสหอฮ"
THAI_V = ["", "า", "ิ", "ี", "ุ", "ู", "ั", "่", "้", "ะ"]
THAI_PRE = ["", "", "", "เ", "แ", "โ", "ไ"]
DEVA_C = "कखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह"
DEVA_V = ["", "ा", "ि", "ी", "ु", "ू", "े", "ै", "ो", "ौ", "ं", "्"]
ARAB = "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہھءیے"

NO_SPACE = {"zh-Hant", "zh-Hans", "ja", "th", "km"}


def _h(*parts):
    return int.from_bytes(hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).digest(), "big")


_PW_CACHE = {}


def pseudo_word(word, lang):
    # the result depends only on word.lower() and len(word), so the word
    # as written is a valid key
    cache = _PW_CACHE.get(lang)
    if cache is None:
        cache = _PW_CACHE[lang] = {}
    w = cache.get(word)
    if w is None:
        w = cache[word] = _pseudo_word(word, lang)
    return w


def _pseudo_word(word, lang):
    """A deterministic word of the language's script, about as long (in
    display terms) as the English word."""
    h = _h(lang, word.lower())
    r = random.Random(h)
    n = len(word)
    if lang in ("zh-Hans", "zh-Hant", "ja"):
        pool = HANT if lang == "zh-Hant" else HAN
        return "".join(r.choice(pool) for _ in range(max(1, round(n / 2.2))))
    if lang == "ko":
        out = []
        for _ in range(max(1, round(n / 2.3))):
            out.append(chr(0xAC00 + r.randrange(19) * 588 + r.randrange(21) * 28 + r.choice([0, 0, 4, 8, 16, 21])))
        return "".join(out)
    if lang == "vi":
        return " ".join(r.choice(VI_SYL) for _ in range(max(1, round(n / 4.0))))
    if lang == "km":
        return "".join(r.choice(KHMER_C) + r.choice(KHMER_V) for _ in range(max(1, round(n / 1.8))))
    if lang == "th":
        return "".join(r.choice(THAI_PRE) + r.choice(THAI_C) + r.choice(THAI_V) for _ in range(max(1, round(n / 2.0))))
    if lang == "hi":
        return "".join(r.choice(DEVA_C) + r.choice(DEVA_V) for _ in range(max(1, round(n / 1.7))))
    if lang == "ur":
        return "".join(r.choice(ARAB) for _ in range(max(2, n)))
    # unknown language: Latin letters with a diacritic
    return "".join(r.choice("aeiouáéíóúàèìòùâêîôû") for _ in range(n))


# Tokens a translation must keep verbatim (kitgen refuses a msgstr that
# changes them): link destinations, autolinks and HTML, inline code,
# {{ placeholders }}, {name} substitutions, backslash escapes, numbers.
PROTECT = re.compile(
    r"\]\([^)]*\)"            # ](target "title")
    r"|<[^>\s]+>"             # <https://...>, <a@b>
    r"|`[^`]*`"               # inline code
    r"|\{\{[^}]*\}\}"         # {{ placeholder }}
    r"|\{[A-Za-z_][A-Za-z_0-9]*\}"  # {date}
    r"|\\."                   # escapes
    r"|%[a-z]"                # printf-like
    r"|[0-9][0-9.,:/%-]*[0-9%]?"  # numbers
)
WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


# One pass over a text: a protected token (kept), or a run of words
# separated by single spaces (translated; in languages written without
# spaces the words of a run are joined directly).  Protected tokens never
# start with a letter, a space or an apostrophe, so this finds the same
# tokens as scanning for PROTECT first and then for words in between.
TOKEN = re.compile("(" + PROTECT.pattern + ")|(" + WORD.pattern + "(?: " + WORD.pattern + ")*)")


def translate(text, lang):
    joiner = "" if lang in NO_SPACE else " "
    cache = _PW_CACHE.get(lang)
    if cache is None:
        cache = _PW_CACHE[lang] = {}

    def one(m):
        if m.group(1) is not None:
            return m.group(1)
        out = []
        for w in m.group(2).split(" "):
            t = cache.get(w)
            if t is None:
                t = cache[w] = _pseudo_word(w, lang)
            out.append(t)
        return joiner.join(out)
    return TOKEN.sub(one, text)


# --------------------------------------------------------------------------
# PO files
# --------------------------------------------------------------------------

_UNESC = re.compile(r'\\(.)')
_UNESC_MAP = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_KW = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$')


def po_unescape(s):
    if "\\" not in s:
        return s
    return _UNESC.sub(lambda m: _UNESC_MAP.get(m.group(1), m.group(1)), s)


def po_escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def po_parse(path):
    """Entries as dicts: comments (list of raw lines), msgctxt, msgid,
    msgid_plural, msgstr (list), obsolete flag."""
    entries = []
    cur = None
    key = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line in lines:
        if not line or line.isspace():
            if cur is not None and "msgid" in cur:
                entries.append(cur)
            cur = None
            key = None
            continue
        c = line[0]
        if c == "#":
            if line.startswith("#~"):
                if cur is None:
                    cur = {"comments": [], "msgstr": {}}
                cur.setdefault("obsolete_lines", []).append(line)
                cur["obsolete"] = True
                cur["msgid"] = cur.get("msgid", "")
                continue
            if cur is not None and "msgid" in cur:
                entries.append(cur)
                cur = None
            if cur is None:
                cur = {"comments": [], "msgstr": {}}
            cur["comments"].append(line)
            continue
        if cur is None:
            cur = {"comments": [], "msgstr": {}}
        if c == '"':
            if key and len(line) >= 2 and line[-1] == '"':
                val = po_unescape(line[1:-1])
                if key[0] == "msgstr":
                    cur["msgstr"][key[1]] += val
                else:
                    cur[key[0]] += val
            continue
        m = _KW.match(line)
        if m:
            kw = m.group(1)
            val = po_unescape(m.group(3))
            if kw[5:6] == "r":   # msgstr, msgstr[N]
                key = ("msgstr", int(m.group(2)) if m.group(2) else 0)
                cur["msgstr"][key[1]] = val
            else:
                key = (kw, None)
                cur[kw] = val
    if cur is not None and "msgid" in cur:
        entries.append(cur)
    return entries


def po_write(path, entries):
    out = []
    for e in entries:
        if e.get("obsolete"):
            out.extend(e["comments"])
            out.extend(e.get("obsolete_lines", []))
            out.append("")
            continue
        out.extend(e["comments"])
        if "msgctxt" in e:
            out.append('msgctxt "%s"' % po_escape(e["msgctxt"]))
        out.append('msgid "%s"' % po_escape(e["msgid"]))
        if "msgid_plural" in e:
            out.append('msgid_plural "%s"' % po_escape(e["msgid_plural"]))
            for i in sorted(e["msgstr"]):
                out.append('msgstr[%d] "%s"' % (i, po_escape(e["msgstr"][i])))
        else:
            out.append('msgstr "%s"' % po_escape(e["msgstr"].get(0, "")))
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


_DATES = re.compile(r"(POT-Creation-Date|PO-Revision-Date): [^\n]*")


def fill_language(job):
    """Fill every catalog of one language; for each page's catalog also
    write the page's Hugo content and cmark input in that language (from
    the filled entries, the same ones the later no-op `kitgen update`
    keeps).  Runs in a worker process: one language per job."""
    kit, out, lang, want_hugo, want_cmark = job
    nfilled = 0
    root = os.path.join(kit, "locales", lang)
    for dp, dn, fn in os.walk(root):
        dn.sort()
        for name in sorted(fn):
            if not name.endswith(".po"):
                continue
            path = os.path.join(dp, name)
            entries = po_parse(path)
            for e in entries:
                if e["msgid"] == "" and not e.get("obsolete"):
                    # fixed dates keep the corpus byte-identical across runs
                    e["msgstr"][0] = _DATES.sub(r"\1: 2026-01-01 00:00+0000", e["msgstr"].get(0, ""))
                if e.get("obsolete") or e["msgid"] == "":
                    continue
                if "msgid_plural" in e:
                    for i in e["msgstr"]:
                        e["msgstr"][i] = translate(e["msgid_plural"] if i else e["msgid"], lang)
                else:
                    e["msgstr"][0] = translate(e["msgid"], lang)
                # a filled entry is no longer fuzzy
                e["comments"] = [c.replace(", fuzzy", "") for c in e["comments"]
                                 if c.strip() != "#, fuzzy" and not c.startswith("#|")]
                nfilled += 1
            po_write(path, entries)
            rel = os.path.relpath(path, root)[:-3] + ".md"
            src_path = os.path.join(kit, "content", rel)
            if (want_hugo or want_cmark) and os.path.isfile(src_path):
                with open(src_path, encoding="utf-8") as f:
                    src = f.read()
                fm, _ = split_front_matter(src)
                d = fm_fields(fm)
                title, summary, tbody = assemble(src, entries, "content/" + rel)
                if want_hugo:
                    write(os.path.join(out, "hugo", "content", lang, rel),
                          hugo_page(fm, title or unq(d.get("title", "")),
                                    summary or unq(d.get("summary", "")), tbody))
                if want_cmark:
                    write(os.path.join(out, "cmark", lang, rel), tbody)
    return nfilled


def fill_catalogs(kit, out, langs, want_hugo, want_cmark, jobs):
    work = [(kit, out, l, want_hugo, want_cmark) for l in langs]
    if jobs <= 1 or len(langs) <= 1:
        return sum(map(fill_language, work))
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(min(jobs, len(langs))) as pool:
        return sum(pool.map(fill_language, work, chunksize=1))


# --------------------------------------------------------------------------
# Assembling translated Markdown from the catalogs
# --------------------------------------------------------------------------

PREFIX = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+|\s*>\s?|#{1,6}\s+)")


def split_front_matter(text):
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    return text[4:end], text[end + 5:]


def fm_fields(fm):
    d = {}
    for line in fm.splitlines():
        k, _, v = line.partition(":")
        d[k.strip()] = v.strip()
    return d


def assemble(src_text, entries, rel):
    """Translated (title, summary, body Markdown) of one page from its
    catalog entries; units are placed at their source lines with the
    source line's block markup (heading, list marker, quote)."""
    lines = src_text.split("\n")
    units = []
    title = summary = None
    for e in entries:
        if e.get("obsolete") or e["msgid"] == "":
            continue
        tr = e["msgstr"].get(0) or e["msgid"]
        typ = ""
        for c in e["comments"]:
            if c.startswith("#. type:"):
                typ = c[8:].strip()
        if typ == "title":
            title = tr
            continue
        if typ == "summary":
            summary = tr
            continue
        for c in e["comments"]:
            if c.startswith("#:"):
                for ref in c[2:].split():
                    path, _, ln = ref.rpartition(":")
                    if path.endswith(rel):
                        units.append((int(ln), tr))
    units.sort()
    out = []
    prev = None
    for ln, tr in units:
        m = PREFIX.match(lines[ln - 1])
        pre = m.group(1) if m else ""
        if prev is not None:
            out.append("\n" if ln == prev + 1 else "\n\n")
        out.append(pre + tr.replace("\n", " "))
        prev = ln
    return title, summary, "".join(out) + "\n"


# --------------------------------------------------------------------------
# Hugo site
# --------------------------------------------------------------------------

HUGO_HEAD = """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}" dir="{{ .Site.Language.LanguageDirection | default "ltr" }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">
{{ end }}<meta name="generator" content="Hugo">
<link rel="stylesheet" href="{{ "assets/style.css" | absURL }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}{{ range .AllTranslations }}{{ if eq .Language.Lang "en" }}<link rel="alternate" hreflang="x-default" href="{{ .Permalink }}">
{{ end }}{{ end }}</head>
"""
HUGO_HEADER = """<a class="skip-link" href="#main">{{ i18n "skip_to_content" }}</a>
<header class="site-header">
<p class="site-title"><a href="{{ .Site.Home.RelPermalink }}" lang="en" dir="ltr">{{ .Site.Title }}</a></p>
{{ partial "switcher.html" . }}
</header>
{{ if ne .Site.Language.Lang "en" }}<p class="notice notice-draft" role="note"><strong>{{ i18n "draft_translation" }}</strong> {{ i18n "draft_notice" }}</p>
{{ end }}"""
HUGO_SWITCHER = """<nav class="switcher" aria-label="{{ i18n "languages" }}">
<details>
<summary>{{ i18n "language" }}: <span lang="{{ .Site.Language.Lang }}">{{ .Site.Language.LanguageName }}</span></summary>
<ul>
{{ $cur := .Site.Language.Lang }}{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}"{{ if eq .Language.Lang $cur }} aria-current="page"{{ end }}>{{ .Language.LanguageName }}</a></li>
{{ end }}</ul>
</details>
</nav>
"""
HUGO_FOOTER = """<footer class="site-footer">
<p><a href="{{ .Site.Home.RelPermalink }}">{{ i18n "all_modules" }}</a> · <a href="{{ "" | absURL }}">{{ i18n "choose_a_language" }}</a></p>
<p class="generator">{{ i18n "made_with_generator" (dict "generator" "Hugo") }}</p>
</footer>
</body>
</html>
"""
HUGO_MODULES = """<ul class="modules">
{{ range .Pages }}<li class="module">
<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if .Params.handout }} <span class="badge">{{ i18n "handout" }}</span>{{ end }}
{{ with .Params.summary }}<p>{{ . | markdownify }}</p>
{{ end }}</li>
{{ end }}</ul>
"""
HUGO_SINGLE = """{{ partial "head.html" . }}<body>
{{ partial "header.html" . }}<main id="main" tabindex="-1">
<nav class="breadcrumbs" aria-label="{{ i18n "breadcrumbs" }}"><a href="{{ .Site.Home.RelPermalink }}">{{ i18n "all_modules" }}</a>{{ with .Parent }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<article>
<header class="page-header">
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . | markdownify }}</p>
{{ end }}<p class="meta"><span class="strategy">{{ i18n (printf "strategy_%s" .Params.strategy) }}</span>{{ range .Params.audience }} <span class="audience">{{ i18n (printf "audience_%s" .) }}</span>{{ end }} <span class="updated">{{ i18n "updated_date" (dict "date" (time.Format ":date_long" .Date)) }}</span></p>
</header>
<nav class="toc" aria-label="{{ i18n "on_this_page" }}">
<h2>{{ i18n "on_this_page" }}</h2>
{{ .TableOfContents }}
</nav>
<div class="content">
{{ .Content }}</div>
</article>
<nav class="pager" aria-label="{{ i18n "more_in_this_section" }}">
{{ with .NextInSection }}<a class="prev" rel="prev" href="{{ .RelPermalink }}"><span>{{ i18n "previous" }}</span> <span>{{ .Title }}</span></a>
{{ end }}{{ with .PrevInSection }}<a class="next" rel="next" href="{{ .RelPermalink }}"><span>{{ i18n "next" }}</span> <span>{{ .Title }}</span></a>
{{ end }}</nav>
</main>
{{ partial "footer.html" . }}"""
HUGO_LIST = """{{ partial "head.html" . }}<body>
{{ partial "header.html" . }}<main id="main" tabindex="-1">
<nav class="breadcrumbs" aria-label="{{ i18n "breadcrumbs" }}"><a href="{{ .Site.Home.RelPermalink }}">{{ i18n "all_modules" }}</a></nav>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . | markdownify }}</p>
{{ end }}<div class="content">
{{ .Content }}</div>
{{ partial "modules.html" . }}</main>
{{ partial "footer.html" . }}"""
HUGO_HOME = """{{ partial "head.html" . }}<body>
{{ partial "header.html" . }}<main id="main" tabindex="-1">
<h1>{{ .Title }}</h1>
<div class="content">
{{ .Content }}</div>
{{ range .Sections }}<section>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ partial "modules.html" . }}</section>
{{ end }}</main>
{{ partial "footer.html" . }}"""
# .md links are rewritten to the page in the reader's language, as kitgen does.
HUGO_RENDER_LINK = """{{- $d := .Destination -}}
{{- if and (not (strings.Contains $d "://")) (strings.Contains $d ".md") -}}
{{- $d = replaceRE `(_index)?\\.md(#|$)` "/$2" $d -}}
{{- if eq .Page.Kind "page" }}{{ $d = print "../" $d }}{{ end -}}
{{- end -}}
<a href="{{ $d | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /* */ -}}"""

LANG_NAMES = {
    "en": ("English", "ltr"), "zh-Hant": ("中文（繁體）", "ltr"),
    "zh-Hans": ("中文（简体）", "ltr"), "vi": ("Tiếng Việt", "ltr"),
    "ko": ("한국어", "ltr"), "km": ("ខ្មែរ", "ltr"), "th": ("ไทย", "ltr"),
    "hi": ("हिन्दी", "ltr"), "ur": ("اردو", "rtl"), "ja": ("日本語", "ltr"),
}
UI_KEYS = {
    "Skip to content": "skip_to_content", "Draft translation": "draft_translation",
    "Languages": "languages", "Language": "language", "All modules": "all_modules",
    "Choose a language": "choose_a_language", "Made with {generator}": "made_with_generator",
    "Handout": "handout", "Breadcrumbs": "breadcrumbs", "Updated {date}": "updated_date",
    "On this page": "on_this_page", "More in this section": "more_in_this_section",
    "Previous": "previous", "Next": "next",
}


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def hugo_i18n(entries):
    """i18n TOML from ui.po entries ({name} -> Go template)."""
    out = []
    seen = set()
    for e in entries:
        if e.get("obsolete") or not e["msgid"] or "msgid_plural" in e:
            continue
        tr = e["msgstr"].get(0) or e["msgid"]
        key = UI_KEYS.get(e["msgid"])
        if key is None and e["msgid"].startswith("This translation is a draft"):
            key = "draft_notice"
        if key is None and "msgctxt" in e:
            # audience / strategy labels
            ctx = e["msgctxt"]
            key = "%s_%s" % (ctx.split()[0] if ctx else "x", slug(e["msgid"]).replace("-", "_"))
        if key is None:
            key = slug(e["msgid"])[:40].replace("-", "_")
        if key in seen:
            continue
        seen.add(key)
        tr = re.sub(r"\{([a-z_]+)\}", r"{{ .\1 }}", tr)
        out.append("[%s]\nother = %s\n" % (key, toml_str(tr)))
    return "\n".join(out)


def gen_hugo(outdir, kit, langs, pages):
    h = os.path.join(outdir, "hugo")
    all_langs = ["en"] + langs
    cfg = [
        'baseURL = "https://example.org/safety-kit/"',
        'title = "Community Safety Kit"',
        'defaultContentLanguage = "en"',
        "defaultContentLanguageInSubdir = true",
        'disableKinds = ["taxonomy", "term", "RSS"]',
        "enableRobotsTXT = false",
        "[markup.goldmark.renderer]", "unsafe = false",
        "[markup.tableOfContents]", "startLevel = 2", "endLevel = 2",
        "[languages]",
    ]
    for i, l in enumerate(all_langs):
        name, d = LANG_NAMES.get(l, (l, "ltr"))
        cfg += ["[languages.%s]" % l, 'contentDir = "content/%s"' % l,
                "languageName = %s" % toml_str(name), 'languageDirection = "%s"' % d,
                "weight = %d" % (i + 1)]
    write(os.path.join(h, "config.toml"), "\n".join(cfg) + "\n")
    L = os.path.join(h, "layouts")
    write(os.path.join(L, "partials", "head.html"), HUGO_HEAD)
    write(os.path.join(L, "partials", "header.html"), HUGO_HEADER)
    write(os.path.join(L, "partials", "switcher.html"), HUGO_SWITCHER)
    write(os.path.join(L, "partials", "footer.html"), HUGO_FOOTER)
    write(os.path.join(L, "partials", "modules.html"), HUGO_MODULES)
    write(os.path.join(L, "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(L, "_default", "list.html"), HUGO_LIST)
    write(os.path.join(L, "index.html"), HUGO_HOME)
    write(os.path.join(L, "_default", "_markup", "render-link.html"), HUGO_RENDER_LINK)
    write(os.path.join(L, "404.html"), HUGO_LIST)
    os.makedirs(os.path.join(h, "static", "assets"), exist_ok=True)
    shutil.copyfile(os.path.join(kit, "templates", "assets", "style.css"),
                    os.path.join(h, "static", "assets", "style.css"))
    # i18n
    write(os.path.join(h, "i18n", "en.toml"), hugo_i18n(
        [{"msgid": e["msgid"], "msgstr": {0: e["msgid"]}, **({"msgctxt": e["msgctxt"]} if "msgctxt" in e else {}),
          "comments": []}
         for e in po_parse(os.path.join(kit, "locales", "pot", "ui.pot")) if "msgid_plural" not in e]))
    for l in langs:
        write(os.path.join(h, "i18n", l + ".toml"),
              hugo_i18n(po_parse(os.path.join(kit, "locales", l, "ui.po"))))


def hugo_page(src_fm, title, summary, body):
    d = fm_fields(src_fm)
    fm = ["---", "title: " + yaml_str(title), "summary: " + yaml_str(summary or "")]
    if "order" in d:
        fm.append("weight: %s" % d["order"])
    for k in ("audience", "strategy", "handout"):
        if k in d:
            fm.append("%s: %s" % (k, d[k]))
    if "updated" in d:
        fm.append("date: %s" % d["updated"])
    fm.append("---")
    return "\n".join(fm) + "\n\n" + body


def unq(s):
    if s.startswith('"') and s.endswith('"'):
        return s[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return s


def gen_english(outdir, kit, want_hugo, want_cmark):
    """Hugo content and cmark inputs in English (the translations are
    written by fill_language)."""
    cdir = os.path.join(kit, "content")
    files = []
    for dp, dn, fn in os.walk(cdir):
        dn.sort()
        for name in sorted(fn):
            if name.endswith(".md"):
                files.append(os.path.relpath(os.path.join(dp, name), cdir))
    for rel in files:
        with open(os.path.join(cdir, rel), encoding="utf-8") as f:
            src = f.read()
        fm, body = split_front_matter(src)
        d = fm_fields(fm)
        en_title, en_summary = unq(d.get("title", "")), unq(d.get("summary", ""))
        if want_hugo:
            write(os.path.join(outdir, "hugo", "content", "en", rel),
                  hugo_page(fm, en_title, en_summary, body.lstrip("\n")))
        if want_cmark:
            write(os.path.join(outdir, "cmark", "en", rel), body.lstrip("\n"))
    return len(files)


# --------------------------------------------------------------------------

def run(cmd, **kw):
    r = subprocess.run(cmd, **kw)
    if r.returncode != 0:
        sys.exit("gen_corpus: command failed (%d): %s" % (r.returncode, " ".join(cmd)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--langs", default=",".join(DEFAULT_LANGS))
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    ap.add_argument("--kitgen", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "kitgen"))
    ap.add_argument("--templates", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "templates"))
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--no-cmark", action="store_true")
    ap.add_argument("--handouts", choices=("on", "off"), default="off",
                    help="kit.yaml 'handouts' (default off: Hugo makes no PDFs)")
    ap.add_argument("--downloads", choices=("on", "off"), default="off",
                    help="kit.yaml 'downloads' (default off: Hugo makes no text/zip downloads)")
    ap.add_argument("--all-handouts", action="store_true",
                    help="'handout: true' on every page (default: ~40%% of pages)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes for filling catalogs (one language each)")
    a = ap.parse_args()
    langs = [l for l in a.langs.split(",") if l]
    out = os.path.abspath(a.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    kit = os.path.join(out, "kit")
    os.makedirs(kit)
    pages = gen_content(kit, a.pages, a.seed, a.all_handouts)
    write_kit_yaml(kit, langs, a.handouts == "on", a.downloads == "on")
    shutil.copytree(a.templates, os.path.join(kit, "templates"))
    run([a.kitgen, "-C", kit, "extract"])
    run([a.kitgen, "-C", kit, "update"])
    want_hugo, want_cmark = not a.no_hugo, not a.no_cmark
    n = fill_catalogs(kit, out, langs, want_hugo, want_cmark, a.jobs)
    # normalize the catalogs to kitgen's own layout (a no-op merge), so the
    # extract+update benchmark starts from what kitgen would have written
    run([a.kitgen, "-C", kit, "update"])
    if want_hugo:
        gen_hugo(out, kit, langs, pages)
    gen_english(out, kit, want_hugo, want_cmark)
    print("gen_corpus: %d pages (+%d index pages) x %d languages + en, %d msgstrs filled -> %s"
          % (a.pages, 4, len(langs), n, out))


if __name__ == "__main__":
    main()
