# search_finds_words: the offline search index and script find words in
# every script: Chinese and Japanese and Thai and Khmer (no spaces, ICU
# dictionary breaks), Vietnamese typed without tone marks, Urdu, Hindi,
# Korean. Ground truth: the pages whose body contains the word.
source "$(dirname "$0")/../lib.sh"
command -v node >/dev/null || { fail "node is required (Debian package nodejs)"; finish; exit 1; }
kit="$WORK/kit"
bundled_built "$kit"
check "the build reports index sizes" true
for lang in en zh-Hant th km vi ur; do
  check "$lang has a search page" test -f "$kit/out/$lang/search/index.html"
  check "$lang search page loads the index as a script (file:// safe)" \
    grep -q '<script src="../search-index.js"></script>' "$kit/out/$lang/search/index.html"
done
node - "$kit/out" "$KITGEN_SOURCE_DIR/templates/assets/search.js" <<'JS' || fail "search finds the pages that contain each word"
const fs = require("fs"), path = require("path"), vm = require("vm");
const [out, script] = process.argv.slice(2);
const cases = [
  // [lang, what the reader types, what the page contains]
  ["zh-Hant", "報案", "報案"],
  ["zh-Hant", "警察", "警察"],
  ["zh-Hans", "报警", "报警"],
  ["ja", "警察", "警察"],
  ["th", "ตำรวจ", "ตำรวจ"],
  ["km", "ប៉ូលិស", "ប៉ូលិស"],
  ["vi", "canh sat", "cảnh sát"],
  ["vi", "cảnh sát", "cảnh sát"],
  ["ur", "پولیس", "پولیس"],
  ["hi", "पुलिस", "पुलिस"],
  ["ko", "경찰", "경찰"],
  ["en", "interpreter", "interpreter"],
];
function pages(dir, rel = "") {
  let list = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory() && e.name !== "search") list = list.concat(pages(dir, r));
    else if (e.name === "index.html") list.push(rel ? rel + "/" : "");
  }
  return list;
}
let bad = 0;
for (const [lang, query, needle] of cases) {
  const ctx = { window: {}, document: { readyState: "complete", getElementById: () => null }, URLSearchParams, Intl };
  vm.createContext(ctx);
  vm.runInContext(fs.readFileSync(path.join(out, lang, "search-index.js"), "utf8"), ctx);
  vm.runInContext(fs.readFileSync(script, "utf8"), ctx);
  // The parts the index names, as search.js loads them (one script each).
  const parts = ctx.window.kitgenSearchIndex.parts;
  if (!Array.isArray(parts) || !parts.length) { console.log(`FAIL ${lang}: the index names no parts`); bad++; continue; }
  ctx.window.kitgenSearchParts = [];
  for (const rel of parts) vm.runInContext(fs.readFileSync(path.join(out, lang, rel.split("?")[0]), "utf8"), ctx);
  const index = { lang: ctx.window.kitgenSearchIndex.lang, pages: [].concat(...ctx.window.kitgenSearchParts) };
  const urls = index.pages.map(p => p.u);
  // every page made from content/ (a page's slide deck, <page>/slides/, is not one)
  const content = pages(path.join(out, lang)).filter(u => !["downloads/", "status/", "partners/"].includes(u) && !/(^|\/)slides\/$/.test(u));
  if (new Set(urls).size !== urls.length || urls.length !== content.length) {
    console.log(`FAIL ${lang}: the parts list ${urls.length} entries (${new Set(urls).size} distinct) for ${content.length} pages`);
    bad++;
  }
  const found = new Set(ctx.window.kitgenSearch.search(index, query).map(r => r.page.u));
  const truth = pages(path.join(out, lang)).filter(u => {
    const html = fs.readFileSync(path.join(out, lang, u, "index.html"), "utf8");
    const start = html.indexOf('<div class="content">');
    const body = start < 0 ? "" : html.slice(start, html.indexOf("</div>", start));
    return body.normalize("NFC").includes(needle);
  });
  const missing = truth.filter(u => !found.has(u));
  const ok = truth.length > 0 && missing.length === 0 && found.size < index.pages.length;
  console.log(`${ok ? "ok  " : "FAIL"} ${lang} "${query}": ${found.size} found, ${truth.length} contain "${needle}"` +
              (missing.length ? `, missed ${missing.join(", ")}` : ""));
  if (!ok) bad++;
}
process.exit(bad ? 1 : 0);
JS
pass
finish
