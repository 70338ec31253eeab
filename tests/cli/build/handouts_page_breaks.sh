# handouts_page_breaks: in every handout, large-print and bilingual PDF of
# the bundled kit (issue 21, item 3), no page ends with a heading (the
# translated heading, or in a bilingual handout its English line, with the
# text it heads on the next page), and a bilingual handout draws each
# picture once, as the plain handout does (its figures are counted in the
# PDF's structure tree, pdfinfo -struct).
# Headings are found as the PDF's text: pdftotext reads each page's body
# (above the footer) and its last line must not be the end of a heading of
# the page's catalog (msgstr) or of the English (msgid); a form's heading
# followed by lines to write on (*** in the Markdown) may end a page, its
# lines drawn below it. Languages whose
# text pdftotext gives back in reading order (Latin and CJK scripts) are
# read; the layout that keeps headings with their text is the same code for
# every script. Chinese and Japanese lines also follow kinsoku (Pango's
# line breaking, UAX #14, already does; this keeps it so).
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
bundled_built "$kit"
out="$kit/out"

# ---- Each picture once in a bilingual handout ----------------------------
figures() { pdfinfo -struct "$1" | grep -c '^ *Figure' || true; }
pictures=0
for bilingual in "$out"/*/*/*/*-bilingual.pdf; do
  handout=${bilingual%-bilingual.pdf}-handout.pdf
  n=$(figures "$handout")
  [ "$n" -gt 0 ] || continue
  pictures=$((pictures + 1))
  check "${bilingual#"$out/"}: $n figure(s), as the handout" test "$(figures "$bilingual")" -eq "$n"
done
check "bilingual handouts with pictures were compared ($pictures)" test "$pictures" -ge 10

# ---- No heading ends a page ----------------------------------------------
find "$out" -name '*.pdf' \( -name '*-handout.pdf' -o -name '*-large-print.pdf' -o -name '*-bilingual.pdf' \) |
  sort >"$WORK/pdfs"
cat >"$WORK/breaks.py" <<'PY'
import os, re, subprocess, sys, unicodedata
src, out, listing, planted = sys.argv[1:5]
LANGS = {"en", "vi", "zh-Hant", "zh-Hans", "ko", "tl", "ja", "sm", "mh", "chk", "pau", "hmn"}
def norm(s):  # Markdown's backslash escapes, spaces and format characters removed
    s = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", s)
    return "".join(c for c in s if not c.isspace() and unicodedata.category(c) != "Cf")
def unquote(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
def answer_spaces(md):
    """Headings followed by a writing space (a form's *** lines): a page may
    end with one, its space drawn below it."""
    lines = [l.strip() for l in open(md, encoding="utf-8") if l.strip()]
    return {norm(l.lstrip("#")) for l, nxt in zip(lines, lines[1:])
            if l.startswith("#") and re.fullmatch(r"(\*\s*){3,}|(-\s*){3,}|(_\s*){3,}", nxt)}
def headings(po, exempt):
    """msgid and msgstr of every heading entry of a PO or POT file but those in exempt (answer spaces)."""
    found, entry, key = set(), {}, None
    for line in open(po, encoding="utf-8").read().split("\n") + [""]:
        if not line.strip():
            if entry.get("heading") and norm(entry.get("msgid", "")) not in exempt:
                found.update(norm(entry.get(k, "")) for k in ("msgid", "msgstr"))
            entry, key = {}, None
        elif line.startswith("#. type: heading"):
            entry["heading"] = True
        elif m := re.match(r'^(msgid|msgstr) "(.*)"$', line):
            key = m.group(1); entry[key] = unquote(m.group(2))
        elif line.startswith('"') and key:
            entry[key] += unquote(line[1:-1])
    return {h for h in found if len(h) >= 2}
def pages(pdf):
    # Letter: the body ends at 738 pt, the footer is below it.
    text = subprocess.run(["pdftotext", "-layout", "-x", "0", "-y", "0", "-W", "612", "-H", "738", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]
# Kinsoku: characters that must not start (closing punctuation, small kana,
# the long-vowel mark) or end (opening brackets) a Chinese or Japanese line.
NO_START = set("、。，．：；？！）」』】〕〉》’”・ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NO_END = set("（「『【〔〈《‘“")
def kinsoku(line):
    s = line.strip()
    return bool(s) and (s[0] in NO_START or s[-1] in NO_END)
assert kinsoku("ーズ") and kinsoku("言語（") and not kinsoku("フレーズ")  # the rule itself
checked = failures = known = cjk_lines = 0
for rel in open(listing, encoding="utf-8").read().split():
    lang, *path, name = os.path.relpath(rel, out).split("/")
    if lang not in LANGS:
        continue
    page_path = "/".join(path)
    catalog = f"{src}/locales/pot/{page_path}.pot" if lang == "en" else f"{src}/locales/{lang}/{page_path}.po"
    md = f"{src}/content/{page_path}.md"
    if not os.path.exists(md):
        md = f"{src}/content/{page_path}/_index.md"
    exempt = answer_spaces(md)
    heads = headings(catalog, exempt) if os.path.exists(catalog) else set()
    english = f"{src}/locales/pot/{page_path}.pot"
    if os.path.exists(english):
        heads |= headings(english, exempt)
    texts = pages(rel)
    known += len(heads)
    if planted == rel and len(texts) > 1:  # the check's control: a heading planted at a page's end
        last = [l for l in texts[0].splitlines() if l.strip()][-1]
        heads.add(norm(last))
    if lang in ("ja", "zh-Hant", "zh-Hans"):
        for n, page in enumerate(texts, 1):
            for line in page.splitlines():
                cjk_lines += bool(line.strip())
                if kinsoku(line):
                    print(f"FAIL {os.path.relpath(rel, out)}: page {n}: a line breaks against kinsoku: {line.strip()!r}")
    for n, page in enumerate(texts[:-1], 1):
        lines = [l for l in page.splitlines() if l.strip()]
        if not lines:
            continue
        last = norm(lines[-1])
        checked += 1
        if any(h.endswith(last) for h in heads if len(last) >= 2):
            failures += 1
            print(f"FAIL {os.path.relpath(rel, out)}: page {n} ends with a heading: {lines[-1].strip()!r}")
print(f"checked {checked}")
print(f"headings {known}")
print(f"cjk_lines {cjk_lines}")
PY
python3 "$WORK/breaks.py" "$KITGEN_SOURCE_DIR" "$out" "$WORK/pdfs" none >"$WORK/breaks.out" 2>&1
cat "$WORK/breaks.out" >&2
checked=$(sed -n 's/^checked //p' "$WORK/breaks.out")
check "page ends were read (${checked:-none})" test "${checked:-0}" -ge 300
check "no page of any handout ends with a heading" bash -c "! grep '^FAIL' '$WORK/breaks.out' | grep -q 'ends with a heading'"
cjk=$(sed -n 's/^cjk_lines //p' "$WORK/breaks.out")
check "Chinese and Japanese lines were read (${cjk:-none})" test "${cjk:-0}" -ge 1000
check "no Chinese or Japanese line starts with closing punctuation or a small kana, or ends with an opening bracket" \
  bash -c "! grep '^FAIL' '$WORK/breaks.out' | grep -q 'kinsoku'"
check "nothing else failed" bash -c "! grep '^FAIL' '$WORK/breaks.out' | grep -v -e 'ends with a heading' -e kinsoku | grep -q ."
check "headings were known for them ($(sed -n 's/^headings //p' "$WORK/breaks.out"))" \
  test "$(sed -n 's/^headings //p' "$WORK/breaks.out")" -ge 1000
# Control: the same check, told that the last line of page 1 of a
# two-page handout is a heading, reports it.
planted=$(grep -- '/vi/education/five-responses/five-responses-vi-bilingual.pdf$' "$WORK/pdfs")
python3 "$WORK/breaks.py" "$KITGEN_SOURCE_DIR" "$out" "$WORK/pdfs" "$planted" >"$WORK/planted.out" 2>&1
check "control: a heading at a page's end is reported" grep -q '^FAIL vi/education/five-responses/five-responses-vi-bilingual.pdf: page 1 ' "$WORK/planted.out"
finish
