// Old addresses after `kitgen mv`, in Chromium: a copy of the bundled kit
// (handouts off, to build faster) whose advocacy/ section is moved to
// community-action/ with kitgen mv, built, and served by `kitgen serve`
// under its base path. An old address of every language lands on the
// new page in that language; from a language's zip opened from disk, an
// old address lands on the new page's file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, sourceDir } from './lib.mjs';

const kitgen = process.env.KITGEN || join(sourceDir, 'build', 'kitgen');
const work = mkdtempSync(join(tmpdir(), 'kitgen-redirects-'));
const kit = join(work, 'kit');

function run(...args) {
  const r = spawnSync(kitgen, ['-C', kit, '--no-color', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `kitgen ${args.join(' ')}: ${r.stderr}`);
}

// Every redirect page the build wrote: "<lang>/advocacy[/<page>]".
function oldAddresses() {
  const list = [];
  const out = join(kit, 'out');
  for (const lang of readdirSync(out)) {
    const section = join(out, lang, 'advocacy');
    if (!existsSync(join(section, 'index.html'))) continue;
    list.push(`${lang}/advocacy`);
    for (const page of readdirSync(section, { withFileTypes: true }))
      if (page.isDirectory()) list.push(`${lang}/advocacy/${page.name}`);
  }
  return list.sort();
}

function serve() {
  return new Promise((resolve, reject) => {
    const child = spawn(kitgen, ['-C', kit, '--no-color', 'serve', '--port', '0', '--no-live-reload'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^kitgen: serving .* at (http:\S+) \(Ctrl-C to stop\)$/m);
      if (m) resolve({ url: m[1], process: child });
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => reject(new Error(`kitgen serve exited (${code}): ${err}`)));
  });
}

let server, browser;
before(async () => {
  mkdirSync(kit);
  for (const part of ['kit.yaml', 'content', 'locales', 'templates'])
    cpSync(join(sourceDir, part), join(kit, part), { recursive: true });
  appendFileSync(join(kit, 'kit.yaml'), '\nhandouts: false\n');
  run('mv', 'content/advocacy', 'content/community-action');
  run('build', '--quiet');
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.process.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

// Chromium follows one old page address of every language and English's old
// section address (every old address of every language is followed with
// curl by tests/cli/mv/mv_keeps_translations.sh; they are the same page).
test('an old address of every language lands on the moved page, in that language', async () => {
  const all = oldAddresses();
  assert.ok(all.length >= 50, `old addresses in many languages (${all.length})`);
  const addresses = all.filter((a, i) => a === 'en/advocacy' ||
    (a.split('/').length === 3 && !all.slice(0, i).some((b) => b.split('/').length === 3 && b.split('/')[0] === a.split('/')[0])));
  const languages = new Set(all.map((a) => a.split('/')[0]));
  assert.ok(languages.size >= 10, `old addresses in many languages (${languages.size})`);
  assert.equal(addresses.length, languages.size + 1, 'one page of each language, and a section');
  const origin = new URL(server.url).origin;
  const context = await browser.newContext();
  await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  for (const old of addresses) {
    const lang = old.split('/')[0];
    const target = `${server.url}${old.replace('/advocacy', '/community-action')}/`;
    await page.goto(`${server.url}${old}/`);
    await page.waitForURL(target, { timeout: 15000 });
    assert.equal(await page.locator('html').getAttribute('lang'), lang, `${old}: the page is in ${lang}`);
    await page.locator('main h1').first().waitFor();
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0, `${old}: landed on the page itself`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('from a language\'s zip opened from disk, an old address lands on the page\'s file', async () => {
  const zips = readdirSync(join(kit, 'out', 'downloads')).filter((f) => f.endsWith('-vi.zip'));
  assert.equal(zips.length, 1);
  const unzipped = join(work, 'zip');
  mkdirSync(unzipped);
  const r = spawnSync('unzip', ['-q', join(kit, 'out', 'downloads', zips[0]), '-d', unzipped], { encoding: 'utf8' });
  assert.equal(r.status, 0, `unzip: ${r.stderr}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(unzipped, 'vi', 'advocacy', 'safety-walks', 'index.html')).href);
  await page.waitForURL(/\/vi\/community-action\/safety-walks\/index\.html$/, { timeout: 15000 });
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
  await page.locator('main h1').first().waitFor();
  await context.close();
});
