// Live reload in the browser under a base path: a small kit of its own,
// served by `kitgen serve` (with its script) under /live-kit/. An edit
// reloads the open page, a broken build shows the error overlay and its
// fix takes it away, and a new base_url moves the open page to the new
// folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, sourceDir } from './lib.mjs';

const kitgen = process.env.KITGEN || join(sourceDir, 'build', 'kitgen');
const kit = mkdtempSync(join(tmpdir(), 'kitgen-live-'));
const page1 = join(kit, 'content', 'guide', 'first.md');
const yaml = (base) => `title: "Live Kit"\nbase_url: "${base}"\nsource_language: en\nlanguages:\n  - en\n`;

// Starts kitgen serve; resolves to {url, process, stderr()} once it prints
// where it serves.
function serve() {
  return new Promise((resolve, reject) => {
    const child = spawn(kitgen, ['-C', kit, '--no-color', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^kitgen: serving .* at (http:\S+) \(Ctrl-C to stop\)$/m);
      if (m) resolve({ url: m[1], process: child, stderr: () => err });
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => reject(new Error(`kitgen serve exited (${code}): ${err}`)));
  });
}

let server, browser;
before(async () => {
  mkdirSync(join(kit, 'content', 'guide'), { recursive: true });
  cpSync(join(sourceDir, 'templates'), join(kit, 'templates'), { recursive: true });
  writeFileSync(join(kit, 'kit.yaml'), yaml('https://example.org/live-kit/'));
  writeFileSync(join(kit, 'content', '_index.md'), '---\ntitle: "Live kit home"\n---\nWelcome.\n');
  writeFileSync(join(kit, 'content', 'guide', '_index.md'), '---\ntitle: "Guide"\norder: 10\n---\nThe guide.\n');
  writeFileSync(page1, '---\ntitle: "First steps"\norder: 10\nstrategy: education\n---\nBreathe slowly.\n');
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.process.kill('SIGTERM');
  rmSync(kit, { recursive: true, force: true });
});

test('under a base path, pages reload on edits, show build errors and follow a new base_url', async () => {
  const origin = new URL(server.url).origin;
  assert.equal(server.url, `${origin}/live-kit/`, 'served under base_url\'s path');
  const context = await browser.newContext();
  await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  // Each load opens the event stream again: wait for it before changing anything.
  const loaded = async (action) => {
    const events = page.waitForRequest((r) => r.url().endsWith('/__kitgen/events'));
    await action();
    await events;
  };

  await loaded(() => page.goto(`${server.url}en/guide/first/`));
  assert.equal(await page.locator('script[src="/live-kit/__kitgen/live.js"]').count(), 1, 'the script comes from under the base path');
  assert.match(await page.locator('main').innerText(), /Breathe slowly\./);

  // An edit: the page reloads by itself and shows it.
  await loaded(() => writeFileSync(page1, readFileSync(page1, 'utf8').replace('Breathe slowly.', 'Breathe slowly and calmly.')));
  await page.locator('main', { hasText: 'Breathe slowly and calmly.' }).waitFor();
  assert.equal(page.url(), `${server.url}en/guide/first/`);

  // A broken build: the overlay names the file and line; the fix removes it.
  const broken = join(kit, 'content', 'guide', 'broken.md');
  writeFileSync(broken, '---\ntitle: a\nupdated: nope\n---\n');
  const overlay = page.locator('#kitgen-overlay');
  await overlay.waitFor();
  assert.match(await overlay.innerText(), /content\/guide\/broken\.md:3:10: error:/);
  assert.equal(await overlay.getAttribute('role'), 'alert');
  await loaded(() => rmSync(broken));
  await page.locator('main', { hasText: 'Breathe slowly and calmly.' }).waitFor();
  assert.equal(await overlay.count(), 0, 'the overlay is gone after the fix');

  // A new base_url: the open page moves to the same page in the new folder.
  writeFileSync(join(kit, 'kit.yaml'), yaml('https://example.org/moved-kit/'));
  await page.waitForURL(`${origin}/moved-kit/en/guide/first/`);
  await page.locator('main', { hasText: 'Breathe slowly and calmly.' }).waitFor();
  assert.equal(await page.locator('script[src="/moved-kit/__kitgen/live.js"]').count(), 1);
  assert.match(server.stderr(), new RegExp(`^kitgen: base_url changed: now serving at ${origin}/moved-kit/$`, 'm'));
  assert.deepEqual(errors, []);
  await context.close();
});
