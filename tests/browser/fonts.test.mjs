// Every script shows in a font that has it: each language's text is drawn
// with the font style.css names for it (which also picks the right Han
// glyph shapes for Traditional and Simplified Chinese, Japanese and Korean),
// and no character of the site lacks a font on this machine (no "tofu").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, htmlFiles, outDir, languages, modulePath } from './lib.mjs';

let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

const expected = {
  km: 'Noto Sans Khmer', ur: 'Noto Nastaliq Urdu', th: 'Noto Sans Thai', hi: 'Noto Sans Devanagari',
  'zh-Hant': 'Noto Sans CJK TC', 'zh-Hans': 'Noto Sans CJK SC', ja: 'Noto Sans CJK JP', ko: 'Noto Sans CJK KR',
};

test('each language is drawn with its own font', async () => {
  const page = await s.page();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  for (const { tag } of languages) {
    await page.goto(`${s.base}${tag}/${modulePath}`);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    // The footer's own line, not the organization's: its name and address
    // are the kit's text, in whatever script the organization writes them.
    for (const sel of ['main h1', 'main .content p', 'nav.switcher summary', '.notice-draft', 'footer.site-footer p:not(.organization)']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: sel });
      if (!nodeId) { assert.ok(tag === 'en' && sel === '.notice-draft', `${tag}: ${sel} exists`); continue; }
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const total = fonts.reduce((n, f) => n + f.glyphCount, 0);
      const main = fonts.reduce((a, f) => (f.glyphCount > a.glyphCount ? f : a), { glyphCount: 0 });
      const lang = await page.locator(sel).first().evaluate((e) => e.closest('[lang]').lang);
      const want = expected[lang] || 'Noto Sans';
      assert.ok(total > 0, `${tag} ${sel}: text is drawn`);
      assert.equal(main.familyName, want, `${tag} ${sel} (lang ${lang}): drawn mostly in ${JSON.stringify(fonts)}`);
    }
  }
});

test('every character of the site has a font on this machine (no tofu)', () => {
  const covered = [];
  for (const line of execFileSync('fc-list', ['--format', '%{charset}\n'], { encoding: 'utf8' }).split('\n')) {
    for (const range of line.split(' ').filter(Boolean)) {
      const [a, b = a] = range.split('-').map((h) => parseInt(h, 16));
      covered.push([a, b]);
    }
  }
  assert.ok(covered.length > 100, 'fontconfig lists fonts');
  const has = (cp) => covered.some(([a, b]) => cp >= a && cp <= b);
  const ignorable = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u034F\uFE00-\uFE0F]/u; // controls, ZWJ/ZWNJ, bidi marks, variation selectors
  const missing = new Map();
  const seen = new Set();
  for (const rel of htmlFiles()) {
    const html = readFileSync(join(outDir, rel), 'utf8').replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<head>[\s\S]*<\/head>/, '');
    const text = html.replace(/<[^>]*\b(alt|title|placeholder|aria-label)="([^"]*)"[^>]*>/g, ' $2 ').replace(/<[^>]*>/g, ' ')
      .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(+d)).replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)));
    for (const ch of text) {
      if (seen.has(ch)) continue;
      seen.add(ch);
      if (!ignorable.test(ch) && !/\s/.test(ch) && !has(ch.codePointAt(0))) missing.set(ch, rel);
    }
  }
  assert.ok(seen.size > 1000, `the site's text has many characters (${seen.size})`);
  assert.deepEqual([...missing].map(([ch, rel]) => `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')} ${ch} (${rel})`), []);
});
