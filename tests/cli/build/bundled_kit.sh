# bundled_kit: the kit that ships with kitgen builds in every language,
# passes the safety checks in --strict mode, has the promised coverage
# (complete, partial, UI only), says its translations are drafts, and its
# translations are written in each language's own script.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
copy_kit bundled "$kit"
expect_status 0 "the bundled kit builds" "$KITGEN" -C "$kit" build --quiet
expect_status 0 "check --strict passes on the bundled kit" "$KITGEN" -C "$kit" check --strict
expect_status 0 "status" "$KITGEN" -C "$kit" status --by-page --format json
cp "$WORK/stdout" "$WORK/status.json"
python3 - "$WORK/status.json" "$kit" <<'PY' || fail "coverage, drafts and scripts as promised"
import json, os, re, sys, unicodedata
status = json.load(open(sys.argv[1]))
kit = sys.argv[2]
langs = {l["tag"]: l for l in status["languages"]}
problems = []
complete = ["zh-Hant", "zh-Hans", "vi", "ko", "tl", "km"]
partial3 = ["ja", "th", "hi", "ur"]
partial1 = ["sm", "mh"]
modules = lambda l: [p for p in l["pages"] if not p["path"].endswith("_index.md")]
for t in complete:
    if langs[t]["percent"] != 100 or langs[t]["untranslated"] or langs[t]["refused"]:
        problems.append(f"{t} is not complete: {langs[t]['percent']}%")
for t in partial3 + partial1:
    done = [p["path"] for p in modules(langs[t]) if p["percent"] == 100]
    want = 3 if t in partial3 else 1
    if len(done) < want:
        problems.append(f"{t}: {len(done)} complete modules, want at least {want}")
if langs["chk"]["translated"] != 0:
    problems.append("chk should have UI strings only")
for t, l in langs.items():
    if not l["source"] and l["status"] != "draft":
        problems.append(f"{t} should be marked draft")

def entries(path):
    text = open(path, encoding="utf-8").read()
    out = []
    for block in text.split("\n\n"):
        if block.lstrip().startswith("#~"): continue
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        strs = re.findall(r'^msgstr(?:\[\d+\])? ((?:".*"\n?)+)', block, re.M)
        if not m: continue
        join = lambda s: "".join(re.findall(r'"(.*)"', s))
        out.append((join(m.group(1)), [join(s) for s in strs], block))
    return text, out

scripts = {"zh-Hant": "CJK", "zh-Hans": "CJK", "ja": "CJK", "ko": "HANGUL", "km": "KHMER",
           "th": "THAI", "hi": "DEVANAGARI", "ur": "ARABIC"}
for t in langs:
    if langs[t]["source"]: continue
    ui = os.path.join(kit, "locales", t, "ui.po")
    text, es = entries(ui)
    if "DRAFT" not in text.split("msgid")[0]:
        problems.append(f"{t}/ui.po header does not say DRAFT")
    empty = [e[0] for e in es if e[0] and any(s == "" for s in e[1])]
    if empty:
        problems.append(f"{t}/ui.po has untranslated UI strings: {empty[:3]}")
    if t in scripts:
        letters = "".join(s for e in es if e[0] for s in e[1])
        names = [unicodedata.name(c, "") for c in letters if c.isalpha()]
        share = sum(scripts[t] in n or (scripts[t] == "CJK" and ("HIRAGANA" in n or "KATAKANA" in n)) for n in names) / max(1, len(names))
        if share < 0.8:
            problems.append(f"{t}: only {share:.0%} of UI letters are in the {scripts[t]} script")
for p in problems: print("problem:", p)
sys.exit(1 if problems else 0)
PY
pass
for lang in zh-Hant km ur th; do
  check "$lang pages say the translation is a draft" grep -q 'notice-draft' "$kit/out/$lang/education/five-responses/index.html"
done
check "English (reviewed) has no draft notice" bash -c "! grep -q 'notice-draft' '$kit/out/en/education/five-responses/index.html'"
check "a page missing in Chuukese falls back to English text marked lang=en" grep -q '<p lang="en">' "$kit/out/chk/education/five-responses/index.html"
check "the phrases card is bilingual" grep -q 'class="source-text" lang="en"' "$kit/out/vi/education/emergency-phrases/index.html"
# The catalogs are in step with the content (extract and update change nothing but dates).
expect_status 0 "extract on the bundled kit" "$KITGEN" -C "$kit" extract
expect_stderr "0 templates written" "the POT files are up to date"
expect_status 0 "update on the bundled kit" "$KITGEN" -C "$kit" update
expect_stderr "0 catalogs written" "the PO files are up to date"
finish
