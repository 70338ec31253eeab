# downloads: the partner downloads of a build. Per language, a zip that
# works offline (pages, text and Markdown versions, handouts, assets, a
# README in the language; every link inside resolves inside the zip; fixed
# time stamps, UTF-8 names; byte-identical from build to build, which
# build_is_deterministic checks), a print pack beside it (large print,
# booklets, slide decks) and a downloads page listing both; legacy-encoding exports that convert back to
# the UTF-8 text, and refuse (or, asked to, mark) what the encoding cannot
# hold; content files in Big5, UTF-16 or with a BOM read in.
source "$(dirname "$0")/../lib.sh"

# ---- The bundled kit ------------------------------------------------------
# That the zips are byte-identical from build to build, in two folders, is
# checked with the rest of out/ by build_is_deterministic.
kit="$WORK/kit"
bundled_built "$kit"
out="$kit/out"
langs=$(sed -n 's/^  - tag: //p' "$kit/kit.yaml")
check "the kit has languages" test -n "$langs"
for lang in $langs; do
  zip="community-safety-kit-$lang.zip"
  check "$zip exists" test -s "$out/downloads/$zip"
done
check "the vi bundle has the documented name" test -s "$out/downloads/community-safety-kit-vi.zip"

# Handout pages, from the front matter: content/<path>.md -> <path>.
mapfile -t handout_pages < <(cd "$kit/content" && grep -rl '^handout: true' --include='*.md' . | sed 's|^\./||; s|\.md$||' | sort)
check "the kit has handout pages" test "${#handout_pages[@]}" -ge 1
check "the kit has slide decks" grep -rq "^slides: true" "$kit/content"

# ---- Every zip, extracted -------------------------------------------------
for lang in $langs; do
  zip="$out/downloads/community-safety-kit-$lang.zip"
  x="$WORK/unzip/$lang"
  mkdir -p "$x"
  check "$lang: unzip extracts the bundle" unzip -q "$zip" -d "$x"
  check "$lang: the main zip holds no large print, booklet or slide deck PDF" \
    bash -c "! unzip -Z1 '$zip' | grep -E -- '-$lang-(large-print|booklet|slides)\.pdf\$'"
  # Every relative href/src in every HTML file of the main zip names a file
  # in that zip (folder links end in index.html; links to the print pack's
  # files are inert), and none leads into another language's folder.
  check "$lang bundle: every link resolves inside the bundle" python3 - "$x" "$lang" $langs <<'PY'
import os, re, sys
from html.parser import HTMLParser
top, lang, langs = sys.argv[1], sys.argv[2], set(sys.argv[3:])
others = langs - {lang}
bad = []
class P(HTMLParser):
    def __init__(self, path):
        super().__init__(); self.path = path
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k not in ("href", "src") or v is None: continue
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", v) or v.startswith("#") or v.startswith("//"): continue
            if v.startswith("/"): bad.append((self.path, v, "absolute path")); continue
            target = v.split("#")[0].split("?")[0]
            if not target: continue
            full = os.path.normpath(os.path.join(os.path.dirname(self.path), target))
            rel = os.path.relpath(full, top)
            if rel.startswith(".."): bad.append((self.path, v, "leaves the bundle")); continue
            if rel.split(os.sep)[0] in others: bad.append((self.path, v, "another language"))
            elif os.path.isdir(full): bad.append((self.path, v, "a folder, not its index.html"))
            elif not os.path.isfile(full): bad.append((self.path, v, "missing"))
for root, _, files in os.walk(top):
    for f in files:
        if f.endswith(".html"):
            p = os.path.join(root, f)
            P(p).feed(open(p, encoding="utf-8").read())
for b in bad[:15]: print("  ", os.path.relpath(b[0], top), b[1], b[2], file=sys.stderr)
sys.exit(1 if bad else 0)
PY

  # The print pack: only the language's large print, booklets and slide
  # decks, in the same folders as the main zip's files, so both unzip into
  # one tree (the checks below look at that tree). A language with no PDFs
  # of its own has none.
  pack="$out/downloads/community-safety-kit-$lang-print.zip"
  if find "$out/$lang" -name "*-$lang-large-print.pdf" | grep -q .; then
    check "$lang: the print pack holds only print-pack PDFs of the language" python3 - "$pack" "$lang" <<'PY'
import re, sys, zipfile
z, lang = zipfile.ZipFile(sys.argv[1]), sys.argv[2]
names = z.namelist()
assert names, "empty print pack"
bad = [n for n in names if not re.fullmatch(re.escape(lang) + r"/(.+/)?[^/]+-" + re.escape(lang) + r"-(large-print|booklet|slides)\.pdf", n)]
assert not bad, bad[:5]
assert any(n.endswith("-large-print.pdf") for n in names), names[:5]
PY
    check "$lang: the print pack unzips beside the main zip, overwriting nothing" unzip -q -n "$pack" -d "$x"
    zips="$zip $pack"
  else
    check "$lang: no PDFs of its own, no print pack" test ! -e "$pack"
    zips=$zip
  fi
  for f in README.txt index.html "$lang/index.html" assets/style.css; do
    check "$lang bundle holds $f" test -f "$x/$f"
  done
  # Each published page (an index.html in out/<lang>/, but not the
  # downloads page, which lists the zip itself, nor the status page, both
  # online only) with its .txt and .md when the language has translated
  # some of it (status.json); a page it has not has neither: no English
  # under the language's name (issue 20).
  untranslated=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for l in d["languages"]:
    if l["tag"] == sys.argv[2] and not l["source"]:
        for p in l["pages"]:
            if p["published"] and p["translated"] == 0: print(p["path"])' "$out/status/status.json" "$lang")
  while IFS= read -r page; do
    dir=${page%/index.html}
    rel=${dir#"$out/"}
    check "$lang bundle holds $rel/index.html" test -f "$x/$rel/index.html"
    case $rel in */search|*/slides|"$lang/search"|"$lang/partners") continue ;; esac # made by kitgen (search, partners, slide decks), not from content/
    slug=$(basename "$rel"); [ "$rel" = "$lang" ] && slug=home
    src=content${rel#"$lang"}
    if grep -qx -e "$src.md" -e "$src/_index.md" <<<"$untranslated"; then
      for ext in txt md; do
        check "$lang: $rel, not translated, has no $slug-$lang.$ext" test ! -e "$x/$rel/$slug-$lang.$ext" -a ! -e "$out/$rel/$slug-$lang.$ext"
      done
    else
      for ext in txt md; do
        check "$lang bundle holds $rel/$slug-$lang.$ext" test -f "$x/$rel/$slug-$lang.$ext"
      done
    fi
  done < <(find "$out/$lang" -name index.html -not -path "$out/$lang/downloads/*" -not -path "$out/$lang/status/*" | sort)
  [ "$lang" = sm ] && check "sm has untranslated pages to test ($(wc -l <<<"$untranslated"))" test "$(wc -l <<<"$untranslated")" -ge 10
  check "$lang bundle leaves out the downloads page" test ! -e "$x/$lang/downloads"
  # Every file the site has for the language is in the bundle, unchanged
  # unless it is HTML (adjusted for file://), but the share images (online
  # only: link previews).
  check "$lang bundle holds every non-HTML file of out/$lang" python3 - "$out/$lang" "$x/$lang" <<'PY'
import os, sys, filecmp
src, dst = sys.argv[1:3]
bad = []
for root, dirs, files in os.walk(src):
    rel = os.path.relpath(root, src)
    # online only: the downloads page (it lists the zip) and the status page
    if rel.split("/")[0] in ("downloads", "status"): continue
    for f in files:
        if f.endswith(("-share.png", "-square.png")):
            if os.path.exists(os.path.normpath(os.path.join(dst, rel, f))): bad.append("share image in the zip: " + f)
            continue
        s, d = os.path.join(root, f), os.path.normpath(os.path.join(dst, rel, f))
        if not os.path.isfile(d): bad.append("missing " + d)
        elif not f.endswith(".html") and not filecmp.cmp(s, d, shallow=False): bad.append("changed " + d)
for b in bad[:10]: print(" ", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
  # A language fully translated has every handout; a page with no unit
  # translated in the language has no PDFs of its own (they would be the
  # English ones under the language's name): its page links to the English
  # ones instead, and the zip and the downloads page list none.
  full=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(int(any(l["tag"] == sys.argv[2] and l["percent"] == 100 for l in d["languages"])))' "$out/status/status.json" "$lang")
  for page in "${handout_pages[@]}"; do
    slug=$(basename "$page")
    variants="handout large-print"
    [ "$lang" = en ] || grep -q '^bilingual: true' "$kit/content/$page.md" || variants="$variants bilingual"
    for v in $variants; do
      if [ "$full" = 1 ] || [ -e "$out/$lang/$page/$slug-$lang-$v.pdf" ]; then
        check "$lang bundle holds $page/$slug-$lang-$v.pdf" test -s "$x/$lang/$page/$slug-$lang-$v.pdf"
      else
        [ "$v" = bilingual ] || # (English has no bilingual handout)
          check "$lang $page links to the English $v instead" grep -q "$slug-en-$v.pdf" "$out/$lang/$page/index.html"
        check "...and its zip holds no $slug-$lang-$v.pdf" test ! -e "$x/$lang/$page/$slug-$lang-$v.pdf"
      fi
    done
  done

  # Slide decks (slides: true): the PDF and the HTML deck, in the zip with
  # the language's own PDFs (a page it has not translated has none).
  for page in "${handout_pages[@]}"; do
    grep -q '^slides: true' "$kit/content/$page.md" || continue
    slug=$(basename "$page")
    if [ "$full" = 1 ] || [ -e "$out/$lang/$page/$slug-$lang-slides.pdf" ]; then
      check "$lang bundle holds $page/$slug-$lang-slides.pdf" test -s "$x/$lang/$page/$slug-$lang-slides.pdf"
    fi
    check "$lang bundle holds the HTML deck of $page" test -s "$x/$lang/$page/slides/index.html"
  done

  # The README is the catalog's translation of its sentence, with the kit
  # and the language filled in, and (outside the language's own name) in
  # the language's script.
  check "$lang README is in the language" python3 - "$x/README.txt" "$kit/locales/$lang/ui.po" "$lang" "$kit/kit.yaml" <<'PY'
import sys, os, re, unicodedata
readme, po, lang, kit_yaml = sys.argv[1:5]
text = open(readme, encoding="utf-8").read()
msgid = ("This folder holds the {kit} in {language}: the web pages (open index.html in a browser), "
         "a text and a Markdown version of every page, and the printable handouts. "
         "Everything works without internet.")
want = msgid
if os.path.exists(po):
    for block in open(po, encoding="utf-8").read().split("\n\n"):
        if "#, fuzzy" in block or 'msgctxt "download"' not in block: continue
        m = re.search(r'msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', block)
        if not m: continue
        unq = lambda s: "".join(re.findall(r'"(.*)"', s)).replace('\\"', '"')
        if unq(m.group(1)) == msgid and unq(m.group(2)): want = unq(m.group(2))
assert want != msgid or lang == "en", f"{lang}: no translation of the README sentence in {po}"
first = text.split("\n")[0]
kit_part, lang_part = want.split("{kit}"), None
# the parts around the placeholders must all be there, in order
parts = re.split(r"\{kit\}|\{language\}", want)
at = 0
for p in parts:
    i = first.find(p, at)
    assert i >= 0, f"{lang}: README [{first}] lacks [{p}]"
    at = i + len(p)
# the kit's title in the language: ui.po's msgctxt "kit" entry (kit.yaml's title)
kit_title = "Community Safety Kit"
if os.path.exists(po):
    for block in open(po, encoding="utf-8").read().split("\n\n"):
        if "#, fuzzy" in block or 'msgctxt "kit"' not in block: continue
        m = re.search(r'msgid "Community Safety Kit"\nmsgstr ((?:".*"\n?)+)', block)
        if m and "".join(re.findall(r'"(.*)"', m.group(1))): kit_title = "".join(re.findall(r'"(.*)"', m.group(1)))
assert kit_title in first, f"{lang}: README [{first}] lacks the kit title [{kit_title}]"
assert f"{lang}/index.html" in text, text
scripts = {"zh-Hant": "CJK UNIFIED", "zh-Hans": "CJK UNIFIED", "ja": "HIRAGANA", "ko": "HANGUL",
           "km": "KHMER", "th": "THAI", "hi": "DEVANAGARI", "ur": "ARABIC"}
body = "".join(p for p in parts)  # the translated words, without the filled-in names
if lang in scripts:
    assert any(scripts[lang] in unicodedata.name(c, "") for c in body), f"{lang}: no {scripts[lang]} letters"
    assert any(scripts[lang] in unicodedata.name(c, "") for c in first)
if lang == "vi":
    assert any(c in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ" for c in unicodedata.normalize("NFC", first).lower()), first
PY

  # Zip entries: one fixed time stamp; names are UTF-8 (flag bit 11 on
  # every name that is not ASCII).
  for z in $zips; do
  check "$(basename "$z"): one time stamp for every entry, UTF-8 names" python3 - "$z" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
infos = z.infolist()
stamps = {i.date_time for i in infos}
assert len(stamps) == 1, stamps
for i in infos:
    if not i.filename.isascii():
        assert i.flag_bits & 0x800, i.filename
    i.filename.encode("utf-8")
assert len({i.filename for i in infos}) == len(infos), "duplicate names"
PY
  done

  # The language's downloads page: the zip with its size, and the handouts.
  dl="$out/$lang/downloads/index.html"
  check "$lang downloads page exists" test -f "$dl"
  for z in $zips; do
  check "$lang downloads page links to $(basename "$z") with its size" python3 - "$dl" "$z" <<'PY'
import os, re, sys
page, zip_path = sys.argv[1:3]
html = open(page, encoding="utf-8").read()
name = os.path.basename(zip_path)
m = re.search(r'<a href="([^"]*' + re.escape(name) + r')"[^>]*>[^<]*</a>\s*<span class="size">\(<bdi>([^<]*)</bdi>\)</span>', html)
assert m, "no link to " + name
assert os.path.samefile(os.path.normpath(os.path.join(os.path.dirname(page), m.group(1))), zip_path), m.group(1)
size = os.path.getsize(zip_path)
want = f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{(size + 1023) // 1024} KB"
assert m.group(2) == want, (m.group(2), want)
PY
  done
  for page in "${handout_pages[@]}"; do
    slug=$(basename "$page")
    [ -e "$out/$lang/$page/$slug-$lang-handout.pdf" ] || continue # none of its own (above)
    check "$lang downloads page lists the $slug handout" python3 - "$dl" "$out/$lang/$page/$slug-$lang-handout.pdf" <<'PY'
import os, re, sys
page, pdf = sys.argv[1:3]
html = open(page, encoding="utf-8").read()
hrefs = re.findall(r'href="([^"]+\.pdf)"', html)
assert any(os.path.normpath(os.path.join(os.path.dirname(page), h)) == os.path.normpath(pdf) for h in hrefs), \
    (os.path.basename(pdf), hrefs[:5])
PY
  done
done

# ---- Legacy exports (mini kit) ---------------------------------------------
mini="$WORK/mini"
copy_kit mini "$mini"
M() { "$KITGEN" -C "$mini" --no-color "$@"; }
# vi: Windows-1258; a new zh-Hant language: Big5. A non-ASCII file name for
# the zip's UTF-8 flag.
python3 - "$mini/kit.yaml" <<'PY'
import sys
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
s = s.replace("  - tag: vi\n    status: draft\n", "  - tag: vi\n    status: draft\n    exports: [windows-1258]\n", 1)
s = s.replace("vars:\n", "  - tag: zh-Hant\n    exports: [big5]\nvars:\n", 1)
open(p, "w", encoding="utf-8").write(s)
PY
check "kit.yaml has the vi export" grep -q 'exports: \[windows-1258\]' "$mini/kit.yaml"
cp "$mini/content/images/pair.svg" "$mini/content/images/ảnh-đôi.svg"
printf '\n![Two people](../images/ảnh-đôi.svg)\n' >>"$mini/content/guide/second.md"
expect_status 0 "extract" M extract
expect_status 0 "update" M update
python3 - "$mini/locales" <<'PY'
import sys, re
base = sys.argv[1]
tr = {
  "vi": {"First steps": "Những bước đầu tiên", "Stay calm": "Giữ bình tĩnh",
         "Breathe slowly. Our hotline is {{ hotline }}.": "Hãy thở chậm. Đường dây nóng của chúng tôi là {{ hotline }}.",
         "Look around.": "Nhìn xung quanh.", "Ask *quietly*.": "Hỏi *nhỏ nhẹ*.", "Safety first.": "An toàn là trên hết."},
  "zh-Hant": {"First steps": "第一步", "Stay calm": "保持冷靜",
         "Breathe slowly. Our hotline is {{ hotline }}.": "慢慢呼吸。我們的熱線是 {{ hotline }}。",
         "Look around.": "看看四周。", "Ask *quietly*.": "*輕聲*詢問。", "Safety first.": "安全第一。"},
}
for lang, pairs in tr.items():
    p = f"{base}/{lang}/guide/first.po"
    s = open(p, encoding="utf-8").read()
    for k, v in pairs.items():
        old = 'msgid "%s"\nmsgstr ""' % k
        assert old in s, (lang, k)
        s = s.replace(old, 'msgid "%s"\nmsgstr "%s"' % (k, v))
    open(p, "w", encoding="utf-8").write(s)
PY
expect_status 0 "mini kit with exports builds" M build --quiet
mo="$mini/out"
export_matches() { # export_matches UTF8-TXT LEGACY-TXT ICONV-NAME
  python3 - "$@" <<'PY'
import sys, subprocess, unicodedata
utf8, legacy, enc = sys.argv[1:4]
back = subprocess.run(["iconv", "-f", enc, "-t", "UTF-8", legacy], check=True, capture_output=True).stdout.decode("utf-8")
want = unicodedata.normalize("NFC", open(utf8, encoding="utf-8").read())
back = unicodedata.normalize("NFC", back)
if back != want:
    print(f"  {legacy} converted back differs from {utf8}", file=sys.stderr); sys.exit(1)
PY
}
check "vi page has its Windows-1258 export" test -s "$mo/vi/guide/first/first-vi-windows-1258.txt"
check "the vi export holds the translation" grep -q 'Giữ bình tĩnh' "$mo/vi/guide/first/first-vi.txt"
check "Windows-1258 export converts back to the NFC text" \
  export_matches "$mo/vi/guide/first/first-vi.txt" "$mo/vi/guide/first/first-vi-windows-1258.txt" CP1258
check "the Windows-1258 export is not UTF-8" bash -c "! iconv -f UTF-8 -t UTF-8 '$mo/vi/guide/first/first-vi-windows-1258.txt' >/dev/null 2>&1"
# zh-Hant has translated guide/first only: the other pages have no copies
# of their own in it, so no Big5 export either (they link to English).
for p in guide/first guide/second guide ""; do
  slug=$(basename "${p:-home}")
  f="$mo/zh-Hant/${p:+$p/}$slug-zh-Hant"
  if [ "$p" = guide/first ]; then
    check "zh-Hant $slug: Big5 export converts back to the NFC text" export_matches "$f.txt" "$f-big5.txt" BIG5
  else
    check "zh-Hant $slug, not translated: no text copy or Big5 export of its own" test ! -e "$f.txt" -a ! -e "$f-big5.txt"
  fi
done
check "the zh-Hant export holds the translation" grep -q '保持冷靜' "$mo/zh-Hant/guide/first/first-zh-Hant.txt"
check "the vi page lists the Windows-1258 download" grep -q 'href="first-vi-windows-1258.txt"' "$mo/vi/guide/first/index.html"
check "mini vi zip: a non-ASCII name is stored as UTF-8 (flag bit 11)" python3 - "$mo/downloads/mini-kit-vi.zip" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = [i for i in z.infolist() if i.filename == "images/ảnh-đôi.svg"]
assert names, [i.filename for i in z.infolist()]
assert names[0].flag_bits & 0x800
PY

# A Khmer word in the zh-Hant translation: Big5 cannot hold it.
sed -i 's/msgstr "安全第一。"/msgstr "安全第一。សុវត្ថិភាព"/' "$mini/locales/zh-Hant/guide/first.po"
expect_status 1 "a character Big5 lacks fails the build" M build --quiet
expect_stderr "first-zh-Hant\.txt:[0-9]+:[0-9]+: error: U\+179F 'ស' cannot be written in Big5" \
  "the error names file:line:col and the character"
err_pos=$(grep -oE 'first-zh-Hant\.txt:[0-9]+:[0-9]+: error' "$WORK/stderr" | head -1 | cut -d: -f2,3)
check "the failed build left the old output" grep -q '安全第一。' "$mo/zh-Hant/guide/first/first-zh-Hant.txt"
check "the old output has no Khmer" bash -c "! grep -q 'សុវត្ថិភាព' '$mo/zh-Hant/guide/first/first-zh-Hant.txt'"
sed -i 's/^  - tag: zh-Hant$/  - tag: zh-Hant\n    export_substitute: true/' "$mini/kit.yaml"
expect_status 0 "with export_substitute: true it builds" M build --quiet
expect_stderr "first-zh-Hant\.txt:[0-9]+:[0-9]+: warning: U\+179F 'ស' cannot be written in Big5; replaced by" \
  "a warning names the character"
f="$mo/zh-Hant/guide/first/first-zh-Hant"
check "the error pointed at the Khmer word in the text ($err_pos)" python3 - "$f.txt" "$err_pos" <<'PY'
import sys
path, pos = sys.argv[1:3]
line, col = map(int, pos.split(":"))
text = open(path, encoding="utf-8").read().split("\n")
assert text[line - 1][col - 1:].startswith("សុវត្ថិភាព"), (line, col, text[line - 1])
PY
check "the Big5 export shows a visible marker where the word was" python3 - "$f-big5.txt" <<'PY'
import sys, subprocess
back = subprocess.run(["iconv", "-f", "BIG5", "-t", "UTF-8", sys.argv[1]], check=True, capture_output=True).stdout.decode()
assert "安全第一。〓" in back or "安全第一。[?]" in back, back
assert "ស" not in back
PY

# ---- Legacy imports ----------------------------------------------------------
imp="$WORK/imp"
copy_kit mini "$imp"
I() { "$KITGEN" -C "$imp" --no-color "$@"; }
second="$imp/content/guide/second.md"
chinese="如果有人遇到危險，請撥打電話求助。我們會陪著你，一起想辦法。請保持冷靜，慢慢呼吸，看看四周有沒有人可以幫忙。不要一個人面對，記得照顧好自己。"
write_second() { # write_second FRONT-MATTER-EXTRA: the page, UTF-8, to $WORK/second.md
  printf -- '---\ntitle: "第二步"\norder: 20\nstrategy: education\n%s---\n## 幫助\n\n%s\n\n%s\n\n%s\n' \
    "$1" "$chinese" "$chinese" "$chinese" >"$WORK/second.md"
}
has_chinese() { grep -q '請撥打電話求助' "$imp/out/en/guide/second/index.html" && grep -q '<h1[^>]*>第二步' "$imp/out/en/guide/second/index.html"; }

write_second $'encoding: big5\n'
iconv -f UTF-8 -t BIG5 "$WORK/second.md" >"$second"
check "the test's Big5 file is not UTF-8" bash -c "! iconv -f UTF-8 -t UTF-8 '$second' >/dev/null 2>&1"
expect_status 0 "a Big5 file with encoding: big5 builds" I build --quiet
check "its page shows the Chinese" has_chinese

write_second ''
iconv -f UTF-8 -t BIG5 "$WORK/second.md" >"$second"
expect_status 1 "the same Big5 file without the declaration fails" I build --quiet
expect_stderr "second\.md:[0-9]+:[0-9]+: error: .*not UTF-8.*Big5.*encoding: big5" "the error names the likely encoding"

printf 'auto_convert: true\n' >>"$imp/kit.yaml"
expect_status 0 "with auto_convert: true it builds" I build --quiet
expect_stderr "second\.md:[0-9]+:[0-9]+: warning: .*read it as Big5" "with a warning"
check "and the page shows the Chinese" has_chinese
sed -i '/^auto_convert: true$/d' "$imp/kit.yaml"

{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$WORK/second.md"; } >"$second"
expect_status 0 "a UTF-16LE file with a BOM builds" I build --quiet
check "its page shows the Chinese" has_chinese
check "no BOM character reaches the page" bash -c "! grep -q $'\xef\xbb\xbf' '$imp/out/en/guide/second/index.html'"

{ printf '\xef\xbb\xbf'; cat "$WORK/second.md"; } >"$second"
expect_status 0 "a UTF-8 file with a BOM builds" I build --quiet
check "its page shows the Chinese" has_chinese
check "no BOM character reaches the page" bash -c "! grep -q $'\xef\xbb\xbf' '$imp/out/en/guide/second/index.html'"
finish
