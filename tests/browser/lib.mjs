// lib.mjs: shared helpers for the browser tests (imported, not run).
//
// Every test file serves the built site ($KITGEN_OUT, set by run.sh; the
// repository's out/ when run by hand) from a static server on 127.0.0.1 on
// a free port, and drives Debian's Chromium through playwright-core. No
// browser is ever downloaded: the executable is /usr/bin/chromium (or
// $KITGEN_CHROMIUM).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, extname, resolve, dirname, sep } from 'node:path';
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

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serve outDir on 127.0.0.1 on a free port, like a plain static host:
 * directory URLs serve their index.html (a directory without the final
 * slash is redirected, as Apache and nginx do), unknown paths get 404 with
 * the site's 404.html. Resolves to {url, close()}. */
export async function serve(root = outDir) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = resolve(root, '.' + path);
      if (file !== root && !file.startsWith(root + sep)) throw Object.assign(new Error(), { code: 'ENOENT' });
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!path.endsWith('/')) { res.writeHead(301, { Location: path + '/' }); res.end(); return; }
        file = join(file, 'index.html');
        info = await stat(file);
      }
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(err.code === 'ENOENT' || err.code === 'ENOTDIR' ? 404 : 500, { 'Content-Type': types['.html'] });
      res.end(req.method === 'HEAD' ? undefined : notFound);
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
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

/** Start the server and the browser for a test file; returns {base, browser,
 * page(opts), close()}. page() opens a page in a new context and fails the
 * test on any uncaught script error or failed request to our server. */
export async function setup() {
  const server = await serve();
  const browser = await launch();
  const contexts = [];
  return {
    base: server.url,
    browser,
    async page(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      contexts.push(context);
      // Nothing leaves this machine. The site's own absolute address
      // (base_url, used by 404 pages) is answered by the local server, as
      // it would be when deployed; anything else is refused.
      await context.route((url) => !url.href.startsWith(server.url), async (route) => {
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
      await server.close();
    },
  };
}

/** The site's base_url from kit.yaml (as the chooser's x-default link gives it). */
export const baseUrl = readFileSync(join(outDir, 'index.html'), 'utf8').match(/hreflang="x-default" href="([^"]+)"/)[1];

/** A page of the site whose module exists in every language. */
export const modulePath = 'education/five-responses/';
