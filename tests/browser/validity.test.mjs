// The built site is valid HTML (Nu HTML Checker, every page), and every
// page stays within the performance budget of docs/templates.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { setup, htmlFiles, outDir, languages, modulePath, baseUrl } from './lib.mjs';

const vnuJar = join(dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

// The budget (docs/templates.md, "Performance budget"), uncompressed bytes.
// Measured on the bundled kit when it was set: largest page 26.4 KB of HTML
// (km/education/facilitator-guide), style.css 6.6 KB, search.js 3.8 KB and
// the largest search index 84 KB (km).
const KB = 1024;
const budget = { html: 42 * KB, css: 10 * KB, page: 50 * KB, searchScripts: 128 * KB };

test('Nu HTML Checker: every page, the stylesheet and the images have no errors', async () => {
  const pages = htmlFiles();
  assert.ok(pages.length >= 250, `the bundled kit has all its pages (${pages.length})`);
  // A page with known errors goes into the same run: it shows that the
  // checker really ran and that its report is read correctly.
  const control = mkdtempSync(join(tmpdir(), 'kitgen-vnu-'));
  const broken = join(control, 'broken.html');
  writeFileSync(broken, '<!DOCTYPE html><html lang="en"><title>x</title><p id="a"><p id="a"><img src="x.png"></html>\n');
  try {
    const files = [...pages.map((p) => join(outDir, p)), join(outDir, 'assets', 'style.css'),
      ...['five-responses.svg', 'walk-together.svg'].map((f) => join(outDir, 'images', f)), broken];
    const { stdout } = await promisify(execFile)('java', ['-Xss4m', '-jar', vnuJar, '--errors-only', '--format', 'json', '--stdout',
      '--also-check-css', '--also-check-svg', ...files], { maxBuffer: 64 * 1024 * 1024 }).catch((err) => err);
    const messages = JSON.parse(stdout).messages;
    const fromControl = messages.filter((m) => m.url?.endsWith('/broken.html'));
    assert.ok(fromControl.length >= 2, `the checker reports the control page's errors: ${JSON.stringify(fromControl)}`);
    const real = messages.filter((m) => !m.url?.endsWith('/broken.html'))
      .map((m) => `${(m.url || '').replace(`file:${outDir}/`, '')}:${m.lastLine}:${m.firstColumn ?? m.lastColumn}: ${m.type}: ${m.message}`);
    assert.deepEqual(real, [], `${real.length} errors`);
  } finally {
    rmSync(control, { recursive: true, force: true });
  }
});

test(`every page's HTML + CSS is within budget (HTML <= ${budget.html / KB} KB, CSS <= ${budget.css / KB} KB, together <= ${budget.page / KB} KB)`, () => {
  const over = [];
  let largest = { bytes: 0 };
  for (const rel of htmlFiles()) {
    const file = join(outDir, rel);
    const html = readFileSync(file, 'utf8');
    // 404 pages link the stylesheet by its absolute address (base_url);
    // their script writes the link that their <noscript> holds too, so
    // each distinct stylesheet counts once.
    const sheets = [...new Set([...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]))]
      .map((href) => (href.startsWith(baseUrl) ? join(outDir, href.slice(baseUrl.length)) : resolve(dirname(file), href)));
    const htmlBytes = statSync(file).size;
    const cssBytes = sheets.reduce((sum, f) => sum + statSync(f).size, 0);
    assert.ok(sheets.length >= 1, `${rel} links a stylesheet`);
    if (htmlBytes > budget.html) over.push(`${rel}: HTML ${htmlBytes} B`);
    if (cssBytes > budget.css) over.push(`${rel}: CSS ${cssBytes} B`);
    if (htmlBytes + cssBytes > budget.page) over.push(`${rel}: HTML + CSS ${htmlBytes + cssBytes} B`);
    if (htmlBytes > largest.bytes) largest = { rel, bytes: htmlBytes };
  }
  assert.deepEqual(over, [], `largest page: ${largest.rel}, ${largest.bytes} B`);
});

let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

test('in the browser, a page loads only its HTML, one stylesheet and its images (no fonts, no scripts but search)', async () => {
  const page = await s.page({ viewport: { width: 360, height: 740 } });
  for (const { tag } of languages.filter((l) => ['en', 'km', 'ur', 'zh-Hant', 'th'].includes(l.tag))) {
    for (const path of ['', modulePath, 'search/index.html?q=911']) {
      const loaded = [];
      const onResponse = async (r) => loaded.push({ type: r.request().resourceType(), url: r.url(), bytes: (await r.body().catch(() => Buffer.alloc(0))).length });
      page.on('response', onResponse);
      await page.goto(`${s.base}${tag}/${path}`);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState('networkidle');
      page.off('response', onResponse);
      const where = `/${tag}/${path}`;
      const sum = (type) => loaded.filter((r) => r.type === type).reduce((n, r) => n + r.bytes, 0);
      assert.equal(loaded.filter((r) => r.type === 'document').length, 1, where);
      assert.equal(loaded.filter((r) => r.type === 'stylesheet').length, 1, `${where}: one stylesheet`);
      assert.deepEqual(loaded.filter((r) => !['document', 'stylesheet', 'image', 'script'].includes(r.type)).map((r) => `${r.type} ${r.url}`), [],
        `${where}: nothing but HTML, CSS, images and scripts (no web fonts)`);
      assert.ok(loaded.every((r) => r.url.startsWith(s.base)), `${where}: nothing from elsewhere`);
      assert.ok(sum('document') + sum('stylesheet') <= budget.page, `${where}: ${sum('document') + sum('stylesheet')} B of HTML + CSS`);
      const scripts = loaded.filter((r) => r.type === 'script');
      if (path.startsWith('search/')) {
        const parts = scripts.filter((r) => r.url.startsWith(`${s.base}${tag}/search-index/`));
        assert.ok(parts.length >= 1, `${where}: the search page loads the parts of its index`);
        assert.equal(scripts.length, 2 + parts.length, `${where}: the search page loads search.js, its index and the index's parts, nothing else`);
        assert.ok(sum('script') <= budget.searchScripts, `${where}: ${sum('script')} B of script`);
      } else {
        assert.deepEqual(scripts.map((r) => r.url), [], `${where}: no script`);
      }
    }
  }
});
