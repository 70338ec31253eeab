// Slide decks (slides.html, issue 23): keyboard navigation and the slide
// counter, the Urdu deck right to left, the speaker-notes window, the
// link back to the page, axe finds no violation (in every language that
// has the deck), and the deck works from file:// too. With
// KITGEN_SCREENSHOTS=1, a 1920 x 1080 screenshot of the Khmer deck for
// docs/images/screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setup, languages, modulePath, outDir, sourceDir } from './lib.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const deck = (tag) => `${tag}/${modulePath}slides/`;

let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

const counter = (page) => page.locator('.deck-nav .counter').textContent();
const visible = (page) => page.evaluate(() =>
  [...document.querySelectorAll('.slide')].map((el, i) => (el.hidden ? -1 : i)).filter((i) => i >= 0));

test('the deck exists in every language that has the module', () => {
  const missing = languages.filter(({ tag }) => existsSync(join(outDir, tag, modulePath, 'index.html')) &&
    !existsSync(join(outDir, deck(tag), 'index.html'))).map(({ tag }) => tag);
  assert.deepEqual(missing, []);
});

test('keyboard: arrows, Home and End move one slide at a time; the counter follows', async () => {
  const page = await s.page({ viewport: { width: 1280, height: 720 } });
  await page.goto(s.base + deck('en'));
  const total = await page.locator('.slide').count();
  assert.ok(total >= 10, `${total} slides`);
  assert.equal(await counter(page), `1 / ${total}`);
  assert.deepEqual(await visible(page), [0]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await counter(page), `3 / ${total}`);
  assert.deepEqual(await visible(page), [2]);
  assert.match(page.url(), /#3$/);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await counter(page), `2 / ${total}`);
  await page.keyboard.press('End');
  assert.equal(await counter(page), `${total} / ${total}`);
  await page.keyboard.press('ArrowRight'); // stays on the last
  assert.equal(await counter(page), `${total} / ${total}`);
  await page.keyboard.press('Home');
  assert.equal(await counter(page), `1 / ${total}`);
  await page.locator('.deck-nav .next').click();
  assert.equal(await counter(page), `2 / ${total}`);
  // The address keeps the slide: a reload comes back to it.
  await page.keyboard.press('ArrowRight');
  await page.reload();
  assert.equal(await counter(page), `3 / ${total}`);
  assert.deepEqual(page.errors, []);
});

test('the back link leads to the page', async () => {
  const page = await s.page();
  await page.goto(s.base + deck('vi'));
  await page.locator('.deck-nav a.back').click();
  assert.equal(new URL(page.url()).pathname, new URL(s.base + `vi/${modulePath}`).pathname);
});

test('the Urdu deck is right to left, in its fonts', async () => {
  const page = await s.page();
  await page.goto(s.base + deck('ur'));
  const { dir, direction, font } = await page.evaluate(() => ({
    dir: document.documentElement.dir,
    direction: getComputedStyle(document.querySelector('.slide h1')).direction,
    font: getComputedStyle(document.querySelector('.slide h1')).fontFamily,
  }));
  assert.equal(dir, 'rtl');
  assert.equal(direction, 'rtl');
  assert.match(font, /Nastaliq/);
});

test('N opens the speaker notes of the current slide in a second window', async () => {
  const page = await s.page();
  await page.goto(s.base + deck('en') + '#4'); // "1. Distract"
  const [notes] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('n')]);
  await notes.waitForLoadState();
  assert.match(await notes.locator('body').textContent(), /Distract[\s\S]*Ask the group for one distraction/);
  await page.keyboard.press('ArrowRight');
  assert.match(await notes.locator('body').textContent(), /Delegate[\s\S]*Ask who the group could ask/);
  // On the slide itself the notes are not shown.
  assert.equal(await page.locator('.slide:not([hidden]) .notes').isVisible(), false);
});

test('the deck works opened from a folder (file://)', async () => {
  // A context of its own: s.page() lets only the server's pages load.
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(join(outDir, deck('km'), 'index.html')).href);
  const total = await page.locator('.slide').count();
  await page.keyboard.press('ArrowRight');
  assert.equal(await counter(page), `2 / ${total}`);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const { tag } of languages) {
  test(`axe: the ${tag} deck`, { skip: !existsSync(join(outDir, deck(tag), 'index.html')) && 'no deck' }, async () => {
    const page = await s.page({ viewport: { width: 1280, height: 720 } });
    await page.goto(s.base + deck(tag));
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate((runOnly) => window.axe.run(document, { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] }), tags);
    const violations = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(violations, []);
  });
}

const screenshots = process.env.KITGEN_SCREENSHOTS === '1';
test('screenshot deck-km-1920', { skip: !screenshots && 'set KITGEN_SCREENSHOTS=1 to take screenshots' }, async () => {
  const page = await s.page({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  await page.goto(s.base + deck('km') + '#3');
  await page.evaluate(() => document.fonts.ready);
  const dir = join(sourceDir, 'docs', 'images', 'screens');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'deck-km-1920.png');
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  const bytes = statSync(file).size;
  assert.ok(bytes <= 300 * 1024, `${file}: ${bytes} B, more than 300 KB`);
});
