// Offline search in the browser: queries in scripts without spaces (Chinese,
// Thai) and Vietnamese typed without tone marks find pages, and every
// result links to a page that exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, htmlFiles, outDir } from './lib.mjs';

// Loose folding for checking results: case and marks ignored (as search.js
// does for Vietnamese); applied to both sides, so it is also fair to Thai.
const fold = (t) => t.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '').replace(/đ/g, 'd');
// The text of an element's HTML, image descriptions (alt) included, as the index has them.
const text = (html) => html.replace(/<img[^>]*\balt="([^"]*)"[^>]*>/g, ' $1 ').replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;|&#\d+;/g, ' ');
const mainText = (html) => text((html.match(/<main[^>]*>([\s\S]*)<\/main>/) || ['', ''])[1]);
const articleText = (html) => text((html.match(/<article>([\s\S]*)<\/article>/) || ['', ''])[1]);
// The module pages of a language whose text has every word of the query
// (index and section pages are left out: they show other pages' summaries),
// as paths below the site's base ("vi/education/five-responses/").
function pagesWith(lang, query) {
  const terms = fold(query).split(/\s+/);
  return htmlFiles(join(outDir, lang))
    .filter((f) => { const t = fold(articleText(readFileSync(join(outDir, lang, f), 'utf8'))); return terms.every((w) => t.includes(w)); })
    .map((f) => `${lang}/${f.replace(/index\.html$/, '')}`);
}

let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

async function results(page, lang, query) {
  await page.goto(`${s.base}${lang}/search/index.html?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
  return {
    status: await page.locator('#search-status').innerText(),
    box: await page.locator('#search-q').inputValue(),
    links: await page.locator('#search-results li a').evaluateAll((as) =>
      as.map((a) => ({ href: a.href, text: a.textContent, lang: a.lang }))),
  };
}

for (const [lang, query, expect] of [
  ['zh-Hant', '警察', /警察/],
  ['th', 'ตำรวจ', /ตำรวจ/],
  ['vi', 'canh sat', /cảnh sát/i],       // typed without tone marks, found with them
  ['en', 'police', /police/i],
]) {
  test(`search in ${lang} for "${query}" finds pages that exist`, async () => {
    const page = await s.page();
    const r = await results(page, lang, query);
    assert.equal(r.box, query, 'the query is shown in the search box');
    const want = pagesWith(lang, query).map((path) => s.path + path);
    assert.ok(want.length >= 1, `the kit has pages with "${query}" in ${lang}`);
    const got = r.links.map((l) => new URL(l.href).pathname);
    for (const path of want) assert.ok(got.includes(path), `${path} has "${query}" but is not among the results ${JSON.stringify(got)}`);
    assert.match(r.status, new RegExp(String(r.links.length)), 'the status line gives the number of results');
    assert.match(r.status, new RegExp(query), 'the status line repeats the query');
    for (const link of r.links) {
      assert.ok(link.href.startsWith(`${s.base}${lang}/`), `${link.href}: result stays in ${lang}`);
      assert.ok(link.text.trim().length > 0);
      const response = await page.request.get(link.href);
      assert.equal(response.status(), 200, `${link.href} exists`);
      assert.match(response.headers()['content-type'], /text\/html/);
      const body = fold(mainText(await response.text()));
      for (const w of fold(query).split(/\s+/)) assert.ok(body.includes(w), `${link.href} contains "${w}"`);
    }
    // The top result really contains the word, in the page's language.
    await Promise.all([page.waitForURL(r.links[0].href), page.locator('#search-results li a').first().click()]);
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    assert.match(await page.locator('main').innerText(), expect, `${r.links[0].href} contains the word searched for`);
    assert.deepEqual(page.errors, []);
  });
}

test('a query that matches nothing says so', async () => {
  const page = await s.page();
  const r = await results(page, 'en', 'xylophonequux');
  assert.equal(r.links.length, 0);
  assert.match(r.status, /Nothing found/);
});

test('the search box in the header leads to the results', async () => {
  const page = await s.page();
  await page.goto(`${s.base}vi/education/five-responses/`);
  await page.locator('header .search-mini input').fill('canh sat');
  await Promise.all([page.waitForURL(/\/vi\/search\/index\.html\?q=canh\+sat$/), page.keyboard.press('Enter')]);
  await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
  assert.ok(await page.locator('#search-results li a').count() >= 2);
  // Submitting the search page's own form searches again.
  await page.locator('#search-q').fill('cảnh sát');
  await Promise.all([page.waitForURL(/q=c%E1%BA%A3nh\+s%C3%A1t$/), page.locator('#search-form button').click()]);
  await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
  assert.ok(await page.locator('#search-results li a').count() >= 2);
  assert.deepEqual(page.errors, []);
});

// A downloaded bundle opened from disk: the index and its parts are loaded
// by <script> tags, which file:// allows (fetch would not).
test('search works from file:// (the index parts load as scripts)', async () => {
  // Its own context: s.page() answers only the local server. This one
  // allows files under out/ and nothing else.
  const context = await s.browser.newContext();
  await context.route((url) => !url.href.startsWith(`file://${outDir}/`), (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(err.message));
  page.on('requestfailed', (r) => page.errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  await page.goto(`file://${join(outDir, 'th', 'search', 'index.html')}?q=${encodeURIComponent('ตำรวจ')}`);
  await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
  const hrefs = await page.locator('#search-results li a').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs.length >= 1, 'results from file://');
  for (const href of hrefs) assert.match(href, /^file:\/\/.*\/th\/.*index\.html$/, `${href}: a file link to the page's index.html`);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the search page loads the index parts only when there is a query', async () => {
  const page = await s.page();
  const scripts = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
  await page.goto(`${s.base}km/search/index.html`);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(scripts.sort(), [`${s.path}assets/search.js`, `${s.path}km/search-index.js`]);
});
