// Getting around the site as a reader does: the chooser, the language
// switcher, the skip link, keyboard focus, and the whole site with
// JavaScript turned off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, languages, rtlLanguages, modulePath } from './lib.mjs';

let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

test('the chooser lists every language of the build, each under its own name', async () => {
  const page = await s.page();
  await page.goto(s.base);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  const links = await page.locator('ul.languages a').evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href'), lang: a.lang, hreflang: a.hreflang, text: a.textContent.trim() })));
  assert.deepEqual(links.map((l) => l.hreflang), languages.map((l) => l.tag), 'chooser lists the languages of status.json, in order');
  for (const l of links) {
    assert.equal(l.lang, l.hreflang, `${l.text}: the endonym is marked with its language`);
    assert.ok(l.text.length > 0, `${l.hreflang}: link has a name`);
  }
  assert.deepEqual(page.errors, []);
});

test('each chooser link leads to that language\'s index', async () => {
  const page = await s.page();
  for (const { tag } of languages) {
    await page.goto(s.base);
    await Promise.all([page.waitForURL(`${s.base}${tag}/`), page.locator(`ul.languages a[hreflang="${tag}"]`).click()]);
    const html = page.locator('html');
    assert.equal(await html.getAttribute('lang'), tag, `${tag}: <html lang> of the page the chooser leads to`);
    assert.equal(await html.getAttribute('dir'), rtlLanguages.has(tag) ? 'rtl' : 'ltr', `${tag}: <html dir>`);
    assert.ok((await page.locator('h1').innerText()).trim().length > 0, `${tag}: the index has a heading`);
    assert.ok(await page.locator('main ul.modules a').count() >= 10, `${tag}: the index lists the modules`);
  }
  assert.deepEqual(page.errors, []);
});

test('the switcher leads to the same page in another language', async () => {
  const page = await s.page();
  // From English to every other language, then from Urdu (RTL) and Khmer.
  const trips = languages.filter((l) => l.tag !== 'en').map((l) => ['en', l.tag]);
  trips.push(['ur', 'km'], ['km', 'ur'], ['zh-Hant', 'vi'], ['vi', 'en']);
  for (const [from, to] of trips) {
    await page.goto(`${s.base}${from}/${modulePath}`);
    const switcher = page.locator('nav.switcher');
    const link = switcher.locator(`a[hreflang="${to}"]`);
    assert.equal(await link.isVisible(), false, `${from}: the language list starts closed`);
    await switcher.locator('summary').click();
    assert.equal(await switcher.locator('details').getAttribute('open'), '', `${from}: the summary opens the list`);
    assert.equal(await switcher.locator('a[aria-current="page"]').getAttribute('hreflang'), from, `${from}: the current language is marked`);
    await Promise.all([page.waitForURL(`${s.base}${to}/${modulePath}`), link.click()]);
    assert.equal(new URL(page.url()).pathname, `${s.path}${to}/${modulePath}`, `${from} -> ${to}: same page`);
    assert.equal(await page.locator('html').getAttribute('lang'), to, `${from} -> ${to}: <html lang>`);
  }
  assert.deepEqual(page.errors, []);
});

test('a "skip to content" link is the first focusable element, is visible on focus and works', async () => {
  const page = await s.page({ viewport: { width: 360, height: 740 } });
  for (const path of ['', 'en/', `en/${modulePath}`, `ur/${modulePath}`, `km/${modulePath}`, 'zh-Hant/search/index.html?q=%E8%AD%A6%E5%AF%9F']) {
    await page.goto(s.base + path);
    const first = await page.evaluate(() => {
      const focusable = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
      const el = [...document.querySelectorAll(focusable)].find((e) => !e.disabled);
      return el && { cls: el.className, href: el.getAttribute('href') };
    });
    assert.deepEqual(first, { cls: 'skip-link', href: '#main' }, `/${path}: the skip link comes first in the document`);
    const hidden = await page.locator('.skip-link').evaluate((e) => e.getBoundingClientRect().bottom);
    assert.ok(hidden <= 0, `/${path}: until focused, the skip link is entirely off screen (bottom at ${hidden}px)`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement, box = el.getBoundingClientRect(), cs = getComputedStyle(el);
      return { cls: el.className, text: el.textContent.trim(), top: box.top, bottom: box.bottom, left: box.left, right: box.right,
        outline: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth), vw: innerWidth };
    });
    assert.equal(focused.cls, 'skip-link', `/${path}: Tab first focuses the skip link`);
    assert.ok(focused.text.length > 0, `/${path}: the skip link has text`);
    assert.ok(focused.top >= 0 && focused.bottom <= 740 && focused.left >= 0 && focused.right <= focused.vw,
      `/${path}: the focused skip link is on screen (${JSON.stringify(focused)})`);
    assert.notEqual(focused.outline, 'none', `/${path}: focus is visible (outline-style)`);
    assert.ok(focused.outlineWidth >= 2, `/${path}: focus outline is at least 2px`);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main', `/${path}: the skip link moves focus to <main>`);
    assert.equal(new URL(page.url()).hash, '#main');
    // The next Tab goes to the first link inside main, not back to the header.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => !!document.activeElement.closest('main')), true, `/${path}: Tab continues inside main`);
  }
});

test('focus is visible on links, the switcher and the search box', async () => {
  const page = await s.page();
  await page.goto(`${s.base}vi/${modulePath}`);
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement, cs = getComputedStyle(el);
      return { tag: el.tagName.toLowerCase(), outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth),
        shadow: cs.boxShadow, border: cs.borderStyle };
    });
    if (f.tag === 'body') break;
    seen.add(f.tag);
    assert.ok((f.outline !== 'none' && f.width >= 1) || f.shadow !== 'none',
      `focused <${f.tag}> (tab stop ${i + 1}) shows a focus indicator: ${JSON.stringify(f)}`);
  }
  for (const tag of ['a', 'input', 'summary']) assert.ok(seen.has(tag), `tabbing reached a <${tag}>`);
});

test('pages work with JavaScript disabled', async () => {
  const page = await s.page({ javaScriptEnabled: false });
  for (const tag of ['en', 'ur', 'km', 'zh-Hant']) {
    await page.goto(`${s.base}${tag}/${modulePath}`);
    const h1 = page.locator('main h1');
    assert.ok(await h1.isVisible(), `${tag}: heading shown`);
    assert.ok((await page.locator('main .content p').count()) > 3, `${tag}: content shown`);
    assert.ok((await page.locator('main .content p').first().isVisible()), `${tag}: content visible`);
    // The switcher is a plain <details>: it opens and its links work without script.
    await page.locator('nav.switcher summary').click();
    await Promise.all([page.waitForURL(`${s.base}en/${modulePath}`), page.locator('nav.switcher a[hreflang="en"]').click()]);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    // Breadcrumbs lead back to the index.
    await Promise.all([page.waitForURL(`${s.base}en/`), page.locator('nav.breadcrumbs a').first().click()]);
    assert.ok(await page.locator('main ul.modules a').count() >= 10, 'index links shown without script');
  }
  // Scripts really are off (the <noscript> text shows), and the search page
  // says search needs JavaScript instead of showing an empty result list.
  await page.goto(`${s.base}en/search/index.html?q=police`);
  assert.match(await page.locator('main').innerText(), /Search needs JavaScript/, 'the <noscript> note is shown');
  assert.equal(await page.locator('#search-results li').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a missing page answers 404 with the translated, styled "not found" page', async () => {
  const page = await s.page();
  for (const [tag, text] of [['en', /Page not found/], ['zh-Hant', /\p{Script=Han}/u], ['ur', /\p{Script=Arabic}/u]]) {
    const response = await page.goto(`${s.base}${tag}/no-such-module/`);
    assert.equal(response.status(), 404);
    // kitgen serve answers with the site-wide 404.html; the language's own
    // one is what a host configured per folder serves.
    await page.goto(`${s.base}${tag}/404.html`);
    assert.equal(await page.locator('html').getAttribute('lang'), tag);
    assert.match(await page.locator('main h1').innerText(), text);
    // Its stylesheet (linked by the absolute base_url) applies.
    assert.equal(await page.locator('main').evaluate((m) => getComputedStyle(m).maxWidth !== 'none'), true, `${tag}/404.html is styled`);
    await Promise.all([page.waitForURL(/\/$/), page.locator('main a').first().click()]);
    assert.equal(await page.locator('html').getAttribute('lang'), tag, 'its link leads to the language\'s index');
  }
  assert.deepEqual(page.errors.filter((e) => !e.includes('/no-such-module/')), []);
});
