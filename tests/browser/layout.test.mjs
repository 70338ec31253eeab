// How pages are laid out: right to left for Urdu, print without the
// navigation, reflow at 200% zoom on a phone, and images described in the
// page's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, languages, modulePath } from './lib.mjs';

let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

// Where the text of an element actually is (not its block box, which spans
// the whole line whatever the direction), and the content box of <main>.
const measure = (selector) => {
  const el = document.querySelector(selector), main = document.querySelector('main');
  const range = document.createRange();
  range.selectNodeContents(el);
  const text = range.getBoundingClientRect(), m = main.getBoundingClientRect(), cs = getComputedStyle(main);
  return {
    textLeft: text.left, textRight: text.right,
    mainLeft: m.left + parseFloat(cs.paddingLeft), mainRight: m.right - parseFloat(cs.paddingRight),
  };
};

for (const width of [360, 1280]) {
  test(`Urdu lays out right to left (${width}px)`, async () => {
    const page = await s.page({ viewport: { width, height: 800 } });
    await page.goto(`${s.base}ur/${modulePath}`);
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).direction), 'rtl', 'computed direction of <html>');
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('main .content p')).direction), 'rtl', 'body text direction');
    // A short heading so that it does not fill the line: the section title on the section page.
    for (const [path, sel] of [[modulePath, 'main h1'], [modulePath, 'nav.breadcrumbs'], ['', 'main h1'], [modulePath, 'main .content h2']]) {
      await page.goto(`${s.base}ur/${path}`);
      const m = await page.evaluate(measure, sel);
      assert.ok(Math.abs(m.textRight - m.mainRight) <= 4, `ur/${path} ${sel}: text starts at main's right edge ${JSON.stringify(m)}`);
      if (m.textRight - m.textLeft < (m.mainRight - m.mainLeft) * 0.8)
        assert.ok(m.textLeft - m.mainLeft > 20, `ur/${path} ${sel}: a short line leaves room on the left ${JSON.stringify(m)}`);
    }
    // The same heading in English starts at the left edge: the check tells the two apart.
    await page.goto(`${s.base}en/`);
    const en = await page.evaluate(measure, 'main h1');
    assert.ok(Math.abs(en.textLeft - en.mainLeft) <= 4 && en.mainRight - en.textRight > 20, `en/: h1 is left-aligned ${JSON.stringify(en)}`);
    // The draft notice's bar is on the start (right) side in Urdu.
    await page.goto(`${s.base}ur/${modulePath}`);
    const bar = await page.evaluate(() => {
      const cs = getComputedStyle(document.querySelector('.notice-draft'));
      return { right: cs.borderRightWidth, left: cs.borderLeftWidth };
    });
    assert.deepEqual(bar, { right: '4px', left: '0px' }, 'notice bar mirrors to the right');
    assert.deepEqual(page.errors, []);
  });
}

test('the skip link works on the Urdu page and sits at its start (right) side', async () => {
  const page = await s.page({ viewport: { width: 360, height: 740 } });
  await page.goto(`${s.base}ur/${modulePath}`);
  await page.keyboard.press('Tab');
  const box = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { cls: document.activeElement.className, left: r.left, right: r.right, vw: document.documentElement.clientWidth };
  });
  assert.equal(box.cls, 'skip-link');
  assert.ok(box.right > box.vw - 20 && box.left >= 0, `skip link shown at the right ${JSON.stringify(box)}`);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
});

test('print hides the navigation and keeps the content', async () => {
  const page = await s.page();
  for (const tag of ['en', 'ur', 'km']) {
    await page.goto(`${s.base}${tag}/${modulePath}`);
    const hidden = ['.skip-link', 'nav.switcher', 'nav.breadcrumbs', 'nav.pager', 'form.search-mini', 'nav.toc', 'footer.site-footer'];
    for (const sel of hidden) assert.notEqual(await page.locator(sel).evaluate((e) => getComputedStyle(e).display), 'none', `${sel} shown on screen`);
    await page.emulateMedia({ media: 'print' });
    for (const sel of hidden) {
      assert.equal(await page.locator(sel).count(), 1, `${tag}: ${sel} is on the page`);
      assert.equal(await page.locator(sel).evaluate((e) => getComputedStyle(e).display), 'none', `${tag}: ${sel} is hidden in print`);
    }
    for (const sel of ['main h1', 'main .content', 'main .content img', '.site-title']) assert.ok(await page.locator(sel).first().isVisible(), `${tag}: ${sel} is printed`);
    const pdf = await page.pdf({ format: 'Letter' });
    assert.ok(pdf.length > 10000, 'the page prints to PDF');
    await page.emulateMedia({ media: 'screen' });
  }
  // On the search page too (the form is the content there, the header box is not).
  await page.goto(`${s.base}en/search/index.html?q=police`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('form.search-mini').evaluate((e) => getComputedStyle(e).display), 'none');
});

// 200% zoom on a phone. Chromium's page zoom at 200% in a window 360 device
// pixels wide makes each CSS pixel two device pixels: the layout viewport
// is 180 CSS px and media queries see 180px. We emulate exactly that with a
// 180x370 CSS px viewport at deviceScaleFactor 2 (CSS `zoom` on <html> would
// not change what media queries see, so it is less faithful). Text-only zoom
// (WCAG 1.4.4, browsers' "font size" setting) is checked as well: a 360 px
// viewport with the root font size doubled.
const zoomPages = ['', 'km/', `km/${modulePath}`, 'km/education/facilitator-guide/', `ur/${modulePath}`, `zh-Hant/${modulePath}`,
  `vi/${modulePath}`, 'vi/search/index.html?q=canh+sat', 'ur/downloads/', 'status/'];

for (const mode of ['page zoom', 'text zoom']) {
  test(`200% ${mode} on a 360 px phone needs no horizontal scrolling`, async () => {
    const page = await s.page(mode === 'page zoom'
      ? { viewport: { width: 180, height: 370 }, deviceScaleFactor: 2, isMobile: false }
      : { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
    for (const path of zoomPages) {
      await page.goto(s.base + path);
      if (mode === 'text zoom') {
        await page.evaluate(() => {
          const html = document.documentElement;
          html.style.setProperty('font-size', `${2 * parseFloat(getComputedStyle(html).fontSize)}px`, 'important');
        });
      }
      // Open the switcher too: its list must also fit.
      await page.locator('nav.switcher summary').click().catch(() => {});
      const r = await page.evaluate(() => {
        const d = document.documentElement;
        const wide = [...document.querySelectorAll('body *')].filter((e) => {
          const b = e.getBoundingClientRect();
          return b.width > 0 && (b.right > d.clientWidth + 1 || b.left < -1) && !e.closest('.visually-hidden, .skip-link, .table-wrap, pre');
        }).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`);
        return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, wide, rootFont: getComputedStyle(d).fontSize };
      });
      assert.ok(r.scrollWidth <= r.clientWidth, `/${path} at ${mode}: scrollWidth ${r.scrollWidth} > clientWidth ${r.clientWidth}; too wide: ${r.wide.join('; ')}`);
      assert.deepEqual(r.wide, [], `/${path} at ${mode}: elements sticking out (font ${r.rootFont})`);
    }
  });
}

test('every image has an alt text in the language it is marked with', async () => {
  const page = await s.page();
  const pages = [modulePath, 'education/elder-safety/', 'advocacy/safety-walks/'];
  // An image is known by its file name: each language's page shows its own
  // copy of an SVG (five-responses.km.svg beside the page, issue 22).
  const imageKey = (src) => src.split('/').pop().replace(/\.[a-z]{2,3}(-[A-Za-z]+)?\.svg$/, '.svg');
  const english = new Map();
  await page.goto(`${s.base}en/${modulePath}`);
  for (const path of pages) {
    await page.goto(`${s.base}en/${path}`);
    for (const img of await page.locator('main img').evaluateAll((l) => l.map((i) => [i.getAttribute('src'), i.alt]))) english.set(imageKey(img[0]), img[1]);
  }
  assert.ok(english.size >= 2, 'the kit has images');
  const scripts = { 'zh-Hant': /\p{Script=Han}/u, 'zh-Hans': /\p{Script=Han}/u, ja: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
    ko: /\p{Script=Hangul}/u, km: /\p{Script=Khmer}/u, th: /\p{Script=Thai}/u, hi: /\p{Script=Devanagari}/u, ur: /\p{Script=Arabic}/u };
  let translated = 0;
  for (const { tag } of languages) {
    for (const path of pages) {
      await page.goto(`${s.base}${tag}/${path}`);
      const imgs = await page.locator('img').evaluateAll((l) => l.map((i) => ({
        src: i.getAttribute('src'), alt: i.getAttribute('alt'), lang: i.closest('[lang]').lang, complete: i.complete, w: i.naturalWidth })));
      assert.ok(imgs.length >= 1, `${tag}/${path} has an image`);
      for (const img of imgs) {
        const where = `${tag}/${path} ${img.src}`;
        assert.ok(img.alt && img.alt.trim().length > 0, `${where}: non-empty alt`);
        const en = english.get(imageKey(img.src));
        if (img.lang === 'en') {
          assert.equal(img.alt, en, `${where}: alt marked English is the English text`);
        } else {
          assert.equal(img.lang, tag, `${where}: alt is in the page's language`);
          if (tag !== 'en') { assert.notEqual(img.alt, en, `${where}: alt marked ${tag} is translated`); translated++; }
          if (scripts[tag]) assert.match(img.alt, scripts[tag], `${where}: alt is written in ${tag}'s script`);
        }
      }
      // Lazy images load when scrolled to.
      await page.locator('main img').first().scrollIntoViewIfNeeded();
      await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 15000 });
    }
  }
  assert.ok(translated >= 20, `most images are described in the reader's language (${translated})`);
});
