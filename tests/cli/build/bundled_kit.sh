# bundled_kit: the kit that ships with kitgen builds in every language,
# passes the safety checks in --strict mode, has the promised coverage
# (second edition: ten languages complete; the phrase card and the five
# responses in Palauan, Hmong, Chuukese, Samoan and Marshallese, plus elder
# safety in Samoan and Marshallese), says its translations are drafts, and
# its translations are written in each language's own script.
source "$(dirname "$0")/../lib.sh"
kit="$WORK/kit"
bundled_built "$kit"
expect_status 0 "check --strict passes on the bundled kit" "$KITGEN" -C "$kit" check --strict
expect_status 0 "status" "$KITGEN" -C "$kit" status --by-page --format json
cp "$WORK/stdout" "$WORK/status.json"
python3 - "$WORK/status.json" "$kit" <<'PY' || fail "coverage, drafts and scripts as promised"
import json, os, re, sys, unicodedata
status = json.load(open(sys.argv[1]))
kit = sys.argv[2]
langs = {l["tag"]: l for l in status["languages"]}
problems = []
complete = ["ja", "th", "hi", "ur", "zh-Hant", "zh-Hans", "vi", "ko", "tl", "km"]
pages = {t: ["education/emergency-phrases.md", "education/five-responses.md"] for t in ["pau", "hmn", "chk", "sm", "mh"]}
for t in ["sm", "mh"]:
    pages[t].append("education/elder-safety.md")
for t in complete:
    l = langs[t]
    if l["percent"] != 100 or l["untranslated"] or l["fuzzy"] or l["refused"]:
        problems.append(f"{t} is not complete: {l['percent']}%")
for t, want in pages.items():
    got = {p["path"][len("content/"):]: p for p in langs[t]["pages"]}
    for w in want:
        p = got.get(w)
        if not p or p["percent"] != 100 or p["untranslated"] or p["fuzzy"] or p["refused"]:
            problems.append(f"{t}: {w} is not fully translated")
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
           "th": "THAI", "hi": "DEVANAGARI", "ur": "ARABIC", "pau": "LATIN", "hmn": "LATIN",
           "chk": "LATIN", "sm": "LATIN", "mh": "LATIN", "tl": "LATIN", "vi": "LATIN"}
# Hmong in the Romanized Popular Alphabet uses only the 26 basic letters
# (tones are written with letters); Palauan too. No other script may creep in.
ascii_only = {"hmn", "pau"}
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
        if t in ascii_only:
            odd = sorted({c for c in letters if c.isalpha() and not ("a" <= c.lower() <= "z")})
            if odd:
                problems.append(f"{t}: UI letters outside the basic Latin alphabet: {odd}")
for p in problems: print("problem:", p)
sys.exit(1 if problems else 0)
PY
pass
for lang in zh-Hant km ur th; do
  check "$lang pages say the translation is a draft" grep -q 'notice-draft' "$kit/out/$lang/education/five-responses/index.html"
done
check "English (reviewed) has no draft notice" bash -c "! grep -q 'notice-draft' '$kit/out/en/education/five-responses/index.html'"
check "a page missing in Chuukese falls back to English text marked lang=en" grep -q '<p lang="en">' "$kit/out/chk/education/elder-safety/index.html"
check "the Chuukese five responses are not English" bash -c "! grep -q '<p lang=\"en\">' '$kit/out/chk/education/five-responses/index.html'"
# every page of every language says it is a draft where it is one
for lang in pau hmn chk sm mh ja; do
  check "$lang pages say the translation is a draft" grep -q 'notice-draft' "$kit/out/$lang/education/five-responses/index.html"
done
check "the phrases card is bilingual" grep -q 'class="source-text" lang="en"' "$kit/out/vi/education/emergency-phrases/index.html"
# The catalogs are in step with the content (extract and update change nothing but dates).
expect_status 0 "extract on the bundled kit" "$KITGEN" -C "$kit" extract
expect_stderr "0 POT files written" "the POT files are up to date"
expect_status 0 "update on the bundled kit" "$KITGEN" -C "$kit" update
expect_stderr "0 catalogs written" "the PO files are up to date"
finish
