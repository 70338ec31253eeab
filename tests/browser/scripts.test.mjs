// Text in every script, as the reader sees it: numbers and values in Urdu
// text keep their reading order (they are isolated, see
// src/render/html_text.c), download sizes read "158 KB", and no line of
// Japanese or Chinese starts with a character that must not start one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, outDir, htmlFiles } from './lib.mjs';

let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

// For each element matching selector (or given as HTML to add to <main>),
// the characters in the order they are drawn from left to right (one
// line only), and in the order they are written. Whitespace is left out.
const visualOrder = (arg) => {
  const { selector, html } = arg;
  let els;
  if (html) {
    const p = document.createElement('p');
    p.innerHTML = html;
    document.querySelector('main').prepend(p);
    els = [p.querySelector('.probe')];
  } else {
    els = [...document.querySelectorAll(selector)];
  }
  return els.map(el => {
    const chars = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        if (/\s/.test(n.data[i])) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const b = r.getBoundingClientRect();
        if (b.width > 0) chars.push({ c: n.data[i], x: b.left + b.width / 2, y: Math.round(b.top) });
      }
    }
    const oneLine = new Set(chars.map(c => c.y)).size === 1;
    return {
      text: el.textContent,
      written: chars.map(c => c.c).join(''),
      drawn: [...chars].sort((a, b) => a.x - b.x).map(c => c.c).join(''),
      oneLine,
    };
  });
};

// Urdu pages whose text has a phone number or a number with punctuation
// (the build isolates them in <bdi dir="ltr">).
const isolatedNumberPages = () => {
  const out = [];
  for (const f of htmlFiles(join(outDir, 'ur'), 'ur/')) {
    const html = readFileSync(join(outDir, f), 'utf8');
    if (/<bdi dir="ltr">[^<]*\d[-.\/)(][^<]*\d[^<]*<\/bdi>/.test(html)) out.push(f.replace(/index\.html$/, ''));
  }
  return out;
};

test('a phone number in Urdu text reads in the same order as in English', async () => {
  const page = await s.page({ viewport: { width: 1280, height: 900 } });
  // The check itself: the same number, not isolated, is scrambled by the
  // bidi algorithm (groups swapped, parentheses mirrored) ...
  await page.goto(`${s.base}ur/`);
  const [bare] = await page.evaluate(visualOrder, { html: '<span class="probe">فون (808) 555-0142 پر</span>' });
  const [kept] = await page.evaluate(visualOrder, { html: '<span>فون <bdi dir="ltr" class="probe">(808) 555-0142</bdi> پر</span>' });
  assert.ok(!bare.drawn.includes('(808)555-0142'), `without isolation the number is reordered: ${JSON.stringify(bare)}`);
  // ... and isolated it is drawn as written.
  assert.equal(kept.drawn, '(808)555-0142', JSON.stringify(kept));
  // The bundled kit's Urdu pages: every isolated number is drawn in order.
  const pages = isolatedNumberPages();
  assert.ok(pages.length >= 1, 'some Urdu page has a number with punctuation');
  let checked = 0;
  for (const path of pages) {
    await page.goto(`${s.base}${path}`);
    for (const r of await page.evaluate(visualOrder, { selector: 'main bdi[dir="ltr"]' })) {
      if (!r.oneLine || !/\d/.test(r.written)) continue; // a value that wraps is checked line by line below
      assert.equal(r.drawn, r.written, `${path}: "${r.text}" is drawn in order`);
      checked++;
    }
  }
  assert.ok(checked >= 1, `checked ${checked} numbers`);
  // Download sizes read "158 KB": digits before the unit, left to right.
  await page.goto(`${s.base}ur/education/five-responses/`);
  const sizes = await page.evaluate(visualOrder, { selector: '.size bdi' });
  assert.ok(sizes.length >= 1, 'the page lists download sizes');
  for (const r of sizes) assert.match(r.drawn, /^\d+KB$/, JSON.stringify(r));
  assert.deepEqual(page.errors, []);
});

// What must not start a line (JIS X 4051 / CSS line-break: strict): closing
// brackets and punctuation, small kana, the prolonged sound mark, iteration
// marks.
const noStart = '、。，．：；？！）」』】〕〉》’”・ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ';

const lineStarts = (noStart) => {
  const starts = [], bad = [];
  for (const p of document.querySelectorAll('main p, main li')) {
    let lastY = null;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        if (/\s/.test(n.data[i])) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const b = r.getBoundingClientRect();
        if (!b.width) continue;
        if (lastY !== null && b.top > lastY + b.height / 2) {
          starts.push(n.data[i]);
          if (noStart.includes(n.data[i])) bad.push(n.data.slice(Math.max(0, i - 6), i + 4));
        }
        lastY = b.top;
      }
    }
  }
  return { starts: starts.length, bad };
};

for (const lang of ['ja', 'zh-Hant', 'zh-Hans']) {
  test(`no ${lang} line starts with closing punctuation or a small kana (390px)`, async () => {
    const page = await s.page({ viewport: { width: 390, height: 800 } });
    let starts = 0;
    for (const path of ['', 'education/five-responses/', 'education/emergency-phrases/', 'services/healing-after-harm/']) {
      await page.goto(`${s.base}${lang}/${path}`);
      const r = await page.evaluate(lineStarts, noStart);
      assert.deepEqual(r.bad, [], `${lang}/${path}: lines that start badly`);
      starts += r.starts;
    }
    assert.ok(starts >= 50, `${lang}: only ${starts} line starts looked at`);
    assert.deepEqual(page.errors, []);
  });
}

test('long Khmer words (compounds) are never broken inside', async () => {
  const page = await s.page({ viewport: { width: 390, height: 800 } });
  await page.goto(`${s.base}km/education/five-responses/`);
  const r = await page.evaluate(() => {
    let words = 0, split = [];
    for (const w of document.querySelectorAll('main kg-w')) {
      words++;
      const rects = [...w.getClientRects()];
      if (rects.length > 1) split.push(w.textContent);
    }
    return { words, split, heading: document.querySelectorAll('main h1 kg-w').length };
  });
  assert.ok(r.words >= 20, `only ${r.words} Khmer word spans`);
  // The title, printed by the template (| page_text), is written as the body is.
  assert.ok(r.heading >= 1, 'the Khmer title has word spans');
  assert.deepEqual(r.split, [], 'words drawn on two lines');
});

// The five-responses diagram in the reader's language (issue 22): the page
// shows its own copy (<name>.<lang>.svg), it loads, its alt text and its
// labels are in the language's script, and the Urdu copy runs right to
// left. Drawn as the reader sees it, its labels hold the language's
// letters (the browser draws the SVG as an image: its text is read from
// the file the page loaded).
const scriptOf = { km: /[\u1780-\u17FF]/, ur: /[\u0600-\u06FF]/, 'zh-Hant': /[\u4E00-\u9FFF]/, vi: /[ăâđêôơư]/i };
for (const lang of Object.keys(scriptOf)) {
  test(`the five-responses diagram is in ${lang}`, async () => {
    const page = await s.page({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${s.base}${lang}/education/five-responses/`);
    const img = page.locator(`main img[src*="five-responses.${lang}.svg"]`);
    assert.equal(await img.count(), 1, `${lang}: the page shows its own copy of the diagram`);
    assert.ok(await img.evaluate((i) => i.decode().then(() => i.naturalWidth > 0, () => false)), 'the copy loads');
    assert.match(await img.getAttribute('alt'), scriptOf[lang], 'alt text in the language');
    const svg = await (await page.request.get(await img.evaluate((i) => i.src))).text();
    assert.match(svg, new RegExp(`xml:lang="${lang}"`), 'the SVG says its language');
    const labels = [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    assert.ok(labels.filter((l) => scriptOf[lang].test(l)).length >= 4, `${lang}: at least four labels in the language: ${labels.join(' | ')}`);
    if (lang === 'ur') assert.match(svg, /direction="rtl"|direction:\s*rtl/, 'Urdu labels run right to left');
    else assert.doesNotMatch(svg, /direction="rtl"/);
    assert.deepEqual(page.errors, []);
  });
}
