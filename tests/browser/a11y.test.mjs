// Accessibility: axe-core (WCAG 2.0 and 2.1, levels A and AA) finds no
// violation on the chooser, on every language's index, section, module,
// search (with results), 404 and downloads page, and on the translation
// status page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setup, languages, modulePath, outDir } from './lib.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

async function axe(page, url, options = {}) {
  await page.goto(url);
  if (options.openSwitcher) await page.locator('nav.switcher summary').click();
  if (options.waitForResults) await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate((runOnly) => window.axe.run(document, { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] }), tags);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) =>
    `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n')}`);
}

test('axe: the chooser and the status page', async () => {
  const page = await s.page();
  assert.deepEqual(await axe(page, s.base), [], 'chooser');
  assert.deepEqual(await axe(page, `${s.base}status/`), [], 'status page');
  assert.deepEqual(await axe(page, `${s.base}404.html`), [], '404 page');
});

for (const { tag } of languages) {
  test(`axe: ${tag} pages`, async () => {
    const page = await s.page();
    const failures = [];
    const pages = [
      ['', {}],
      ['education/', {}],
      [modulePath, { openSwitcher: true }],
      ['services/healing-after-harm/', {}],
      ['search/index.html?q=911', { waitForResults: true }], // results in every language
      ['404.html', {}],
    ];
    if (existsSync(join(outDir, tag, 'downloads', 'index.html'))) pages.push(['downloads/', {}]);
    for (const [path, options] of pages) {
      const violations = await axe(page, `${s.base}${tag}/${path}`, options);
      if (violations.length) failures.push(`/${tag}/${path}:\n  ${violations.join('\n  ')}`);
    }
    assert.deepEqual(failures, []);
  });
}

test('axe is really checking: a broken page is reported', async () => {
  const page = await s.page();
  await page.goto(`${s.base}en/${modulePath}`);
  await page.evaluate(() => {
    document.querySelector('main img').removeAttribute('alt');
    document.querySelector('main .content p').style.color = '#bbb';
    document.documentElement.removeAttribute('lang');
  });
  await page.addScriptTag({ path: axePath });
  const ids = await page.evaluate((runOnly) => window.axe.run(document, { runOnly: { type: 'tag', values: runOnly } })
    .then((r) => r.violations.map((v) => v.id).sort()), tags);
  assert.deepEqual(ids, ['color-contrast', 'html-has-lang', 'image-alt']);
});
