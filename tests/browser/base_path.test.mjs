// The site deployed in a folder: `kitgen serve` serves it under base_url's
// path (/safety-kit/), as a host would. The server's root leads there,
// paths outside it are not found, and every link and resource of every
// page stays inside the folder and exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, htmlFiles, outDir, baseUrl } from './lib.mjs';

let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

test('the site is served in a folder, as deployed', () => {
  assert.notEqual(s.path, '/', 'run.sh gives base_url a path');
  assert.equal(s.path, new URL(baseUrl).pathname);
  assert.equal(s.base, `${s.origin}${s.path}`);
});

// A redirect (302: it follows kit.yaml) to the folder, where the chooser is.
async function leadsToChooser(path) {
  const page = await s.page();
  const response = await page.goto(s.origin + path);
  assert.equal(page.url(), s.base);
  assert.equal(response.status(), 200);
  const first = response.request().redirectedFrom();
  assert.equal(first?.url(), s.origin + path, 'by a redirect');
  assert.equal((await first.response()).status(), 302);
  assert.ok(await page.locator('ul.languages a').count() >= 10, 'the chooser lists the languages');
  assert.deepEqual(page.errors, []);
}
test("the server's root leads to the chooser in the folder", () => leadsToChooser('/'));
test('the folder without its final slash leads to the chooser', () => leadsToChooser(s.path.slice(0, -1)));

test('a link that forgets the folder finds the styled "not found" page', async () => {
  const page = await s.page();
  const response = await page.goto(`${s.origin}/en/`);
  assert.equal(response.status(), 404);
  assert.match(await page.locator('main h1').innerText(), /Page not found/);
  // Its stylesheet and links are relative to where it was written, and a
  // <base> set from base_url's path points them at the folder on whatever
  // host serves it: the link leads to the page on this server.
  assert.equal(await page.locator('main').evaluate((m) => getComputedStyle(m).maxWidth !== 'none'), true, 'styled');
  await Promise.all([page.waitForURL(`${s.base}en/`), page.locator('main a').first().click()]);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(page.errors.filter((e) => e !== `HTTP 404: ${s.origin}/en/`), []);
});

// Every href, src and form action in the built HTML, as the browser
// resolves it from the page's address under the folder. Links to base_url
// are the deployed site's own addresses: they are checked on the server.
test('every link and resource of every page stays in the folder and exists', async () => {
  const entities = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' };
  const targets = new Map(); // url -> a page linking to it
  const outside = [];
  let links = 0;
  for (const rel of htmlFiles()) {
    const pageUrl = s.base + rel;
    const html = readFileSync(join(outDir, rel), 'utf8');
    for (const [, value] of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
      const raw = value.replace(/&(amp|quot|#39|lt|gt);/g, (e) => entities[e]);
      let url = new URL(raw, pageUrl);
      if (url.href.startsWith(baseUrl)) url = new URL(s.base + url.href.slice(baseUrl.length));
      if (!['http:', 'https:'].includes(url.protocol) || url.origin !== s.origin) continue; // mailto:, other sites
      links++;
      url.hash = '';
      if (!url.pathname.startsWith(s.path)) outside.push(`${rel}: ${raw}`);
      else if (!targets.has(url.href)) targets.set(url.href, rel);
    }
  }
  assert.deepEqual(outside, [], 'links that leave the folder');
  assert.ok(links > 5000 && targets.size > 500, `the site has links (${links} to ${targets.size} addresses)`);
  const broken = [];
  const queue = [...targets];
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let next; (next = queue.shift());) {
      const [url, from] = next;
      const response = await fetch(url, { method: 'HEAD' });
      if (response.status !== 200 || !response.url.startsWith(s.base))
        broken.push(`${from} -> ${url}: ${response.status} ${response.url}`);
    }
  }));
  assert.deepEqual(broken, []);
});
