// lib.mjs: shared helpers for the browser tests (imported, not run).
//
// The built site ($KITGEN_OUT, set by run.sh; the repository's out/ when run
// by hand) is served by `kitgen serve` under its base_url's path, as it will
// be deployed ($KITGEN_SERVE_URL, e.g. http://127.0.0.1:PORT/safety-kit/,
// started by run.sh); every test file drives Debian's Chromium through
// playwright-core. No browser is ever downloaded: the executable is
// /usr/bin/chromium (or $KITGEN_CHROMIUM).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const here = dirname(fileURLToPath(import.meta.url));
export const sourceDir = process.env.KITGEN_SOURCE_DIR || resolve(here, '..', '..');
export const outDir = resolve(process.env.KITGEN_OUT || join(sourceDir, 'out'));
export const chromiumPath = process.env.KITGEN_CHROMIUM || '/usr/bin/chromium';

if (!existsSync(join(outDir, 'index.html')))
  throw new Error(`no built site in ${outDir} (set KITGEN_OUT, or run kitgen build)`);

/** The languages of the build, in kit.yaml order, from status.json (which
 * kitgen always writes): [{tag, name, dir?}]. The chooser is checked
 * against this list, so a language missing from it is noticed. */
export const languages = JSON.parse(readFileSync(join(outDir, 'status', 'status.json'), 'utf8'))
  .languages.map((l) => ({ tag: l.tag, name: l.name, source: !!l.source }));
export const rtlLanguages = new Set(['ur', 'ar', 'fa', 'he', 'ps', 'sd', 'ug', 'yi', 'dv']);

/** Every HTML file of the site, as paths relative to outDir with '/'. */
export function htmlFiles(dir = outDir, prefix = '') {
  const list = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) list.push(...htmlFiles(join(dir, entry.name), rel + '/'));
    else if (entry.name.endsWith('.html')) list.push(rel);
  }
  return list.sort();
}

/** Where `kitgen serve` serves the site ({url, origin, path}): under the
 * path of base_url, which run.sh makes a folder (/safety-kit/). */
export function served() {
  const url = process.env.KITGEN_SERVE_URL;
  if (!url) throw new Error('no server: set KITGEN_SERVE_URL (run.sh starts kitgen serve)');
  const { origin, pathname } = new URL(url);
  if (pathname !== new URL(baseUrl).pathname)
    throw new Error(`${url} is not served under base_url's path (${baseUrl})`);
  return { url, origin, path: pathname };
}

/** Debian's Chromium, headless, with a fresh temporary profile (Playwright
 * makes one per launch and removes it on close). */
export function launch() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Start the browser for a test file; returns {base, origin, path, browser,
 * page(opts), close()}: base is the site's address on the server
 * (http://127.0.0.1:PORT/safety-kit/), path its path (/safety-kit/).
 * page() opens a page in a new context and fails the test on any uncaught
 * script error or failed request to our server. */
export async function setup() {
  const server = served();
  const browser = await launch();
  const contexts = [];
  return {
    base: server.url,
    origin: server.origin,
    path: server.path,
    browser,
    async page(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      contexts.push(context);
      // Nothing leaves this machine. The site's own absolute address
      // (base_url, used by 404 pages) is answered by the local server, as
      // it would be when deployed; anything else is refused.
      await context.route((url) => !url.href.startsWith(`${server.origin}/`), async (route) => {
        const url = route.request().url();
        if (!url.startsWith(baseUrl)) return route.abort('blockedbyclient');
        const response = await route.fetch({ url: server.url + url.slice(baseUrl.length) });
        return route.fulfill({ response });
      });
      const page = await context.newPage();
      page.errors = [];
      page.on('pageerror', (err) => page.errors.push(err.message));
      // A lazy image still loading when a test clicks away is aborted: not an error.
      page.on('requestfailed', (r) => {
        if (r.failure()?.errorText !== 'net::ERR_ABORTED') page.errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
      });
      page.on('response', (r) => { if (r.status() >= 400) page.errors.push(`HTTP ${r.status()}: ${r.url()}`); });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
    },
  };
}

/** The site's base_url from kit.yaml (as the chooser's x-default link gives it). */
export const baseUrl = readFileSync(join(outDir, 'index.html'), 'utf8').match(/hreflang="x-default" href="([^"]+)"/)[1];

/** A page of the site whose module exists in every language. */
export const modulePath = 'education/five-responses/';
