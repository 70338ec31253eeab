// Screenshots for docs/images/screens/: the chooser, a Khmer, an Urdu and a
// Chinese page at phone size and on a desktop, the Urdu emergency card and
// the Japanese home page at 390 px, the Khmer and Urdu five-responses
// diagrams. Only with KITGEN_SCREENSHOTS=1
// (they are committed; taking them on every run would churn the repository).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setup, sourceDir, modulePath } from './lib.mjs';

const enabled = process.env.KITGEN_SCREENSHOTS === '1';
const dir = join(sourceDir, 'docs', 'images', 'screens');
const shots = [
  ['chooser', ''],
  ['km', `km/${modulePath}`],
  ['ur', `ur/${modulePath}`],
  ['zh-Hant', `zh-Hant/${modulePath}`],
];
const sizes = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 900 } };
const phone390 = [
  ['ur-emergency-card-390', 'ur/education/emergency-phrases/'],
  ['ja-home-390', 'ja/'],
];

let s;
before(async () => { if (enabled) s = await setup(); });
after(async () => { await s?.close(); });

for (const [name, path] of shots) {
  for (const [size, viewport] of Object.entries(sizes)) {
    test(`screenshot ${name}-${size}`, { skip: !enabled && 'set KITGEN_SCREENSHOTS=1 to take screenshots' }, async () => {
      const page = await s.page({ viewport, deviceScaleFactor: 1 });
      await page.goto(s.base + path);
      await page.evaluate(() => document.fonts.ready);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}-${size}.png`);
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      const bytes = statSync(file).size;
      assert.ok(bytes <= 200 * 1024, `${file}: ${bytes} B, more than 200 KB`);
    });
  }
}

// The five-responses diagram as each language's page shows it (issue 22).
for (const lang of ['km', 'ur']) {
  test(`screenshot diagram-${lang}`, { skip: !enabled && 'set KITGEN_SCREENSHOTS=1 to take screenshots' }, async () => {
    const page = await s.page({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${s.base}${lang}/${modulePath}`);
    await page.evaluate(() => document.fonts.ready);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `diagram-${lang}.png`);
    await page.locator(`main img[src*="five-responses.${lang}.svg"]`).screenshot({ path: file, animations: 'disabled' });
    const bytes = statSync(file).size;
    assert.ok(bytes <= 200 * 1024, `${file}: ${bytes} B, more than 200 KB`);
  });
}

for (const [name, path] of phone390) {
  test(`screenshot ${name}`, { skip: !enabled && 'set KITGEN_SCREENSHOTS=1 to take screenshots' }, async () => {
    const page = await s.page({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    await page.goto(s.base + path);
    await page.evaluate(() => document.fonts.ready);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    const bytes = statSync(file).size;
    assert.ok(bytes <= 200 * 1024, `${file}: ${bytes} B, more than 200 KB`);
  });
}
