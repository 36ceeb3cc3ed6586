// A self-check of the WebKit shim (`webkit.mjs`) against a small page of its own: run it with
// `node tests/e2e/engines/webkit.check.mjs` after changing the shim. Not named *.test.mjs, so the
// browser test suites (which run every *.test.mjs under tests/e2e/) leave it alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servePages } from '../server.mjs';
import { launchWebKit } from './webkit.mjs';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shim check</title></head>
<body>
<h1>Shim <em>check</em></h1>
<p id="medium" style="font-size: medium">medium text</p>
<label for="q">Search the help</label><input id="q" type="search">
<textarea aria-label="Your comment"></textarea>
<a href="#one">Contact us</a>
<section aria-label="Help panel"><div id="host"><a href="https://example.org/">Hidden fallback</a></div></section>
<nav aria-label="Topics"><ul><li><a href="#t1">First topic</a></li><li><a href="#t2">Second topic</a></li></ul></nav>
<div style="height: 3000px"></div>
<script>
  const root = document.getElementById('host').attachShadow({ mode: 'open' });
  root.innerHTML = '<div class="inner"><details><summary>Open me</summary><p>Inside</p></details>'
    + '<button type="button" id="press">Press me</button><span aria-hidden="true"><button>Secret</button></span></div>';
  root.getElementById('press').addEventListener('click', () => { document.title = 'pressed'; });
</script>
</body></html>`;

let server;
let browser;

before(async () => {
  server = await servePages({ '/': { body: PAGE } });
  browser = await launchWebKit({ defaultFontSize: 24 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  return { context, page };
}

test('the viewport is exactly the size asked for, down to 320 px', async () => {
  for (const viewport of [{ width: 320, height: 640 }, { width: 1280, height: 800 }]) {
    const { context, page } = await open({ viewport });
    assert.deepEqual(await page.evaluate(() => ({ width: innerWidth, height: innerHeight })), viewport);
    await context.close();
  }
});

test('defaultFontSize is WebKit’s default font size: the body and `medium` follow it', async () => {
  const { context, page } = await open();
  assert.deepEqual(await page.evaluate(() => [getComputedStyle(document.body).fontSize, getComputedStyle(document.getElementById('medium')).fontSize]),
    ['24px', '24px']);
  await context.close();
});

test('evaluate keeps undefined, awaits promises, takes an argument and runs strings', async () => {
  const { context, page } = await open();
  assert.deepEqual(await page.evaluate(() => ({ missing: window.nothing, list: [1, undefined] })), { missing: undefined, list: [1, undefined] });
  assert.equal(await page.evaluate((ms) => new Promise((done) => setTimeout(() => done(ms * 2), ms)), 20), 40);
  assert.equal(await page.evaluate('document.title'), 'Shim check');
  await page.evaluate('window.ran = 1; window.ran += 1;');
  assert.equal(await page.evaluate(() => window.ran), 2);
  await assert.rejects(page.evaluate(() => { throw new TypeError('boom'); }), /TypeError: boom/);
  assert.equal(await page.waitForFunction((n) => document.querySelectorAll('a').length > n, 1), true);
  assert.equal(page.url(), `${server.origin}/`);
  await context.close();
});

test('CSS locators pierce open shadow roots, across descendant combinators, with hasText and nth', async () => {
  const { context, page } = await open();
  assert.equal(await page.locator('#host summary').textContent(), 'Open me');
  assert.equal(await page.locator('section .inner > details > summary').count(), 1);
  assert.equal(await page.locator('button', { hasText: 'PRESS' }).getAttribute('id'), 'press');
  assert.deepEqual(await page.locator('nav a').allTextContents(), ['First topic', 'Second topic']);
  assert.equal(await page.locator('nav a').nth(1).textContent(), 'Second topic');
  assert.equal(await page.locator('nav').locator('li').first().innerText(), 'First topic');
  assert.equal(await page.locator('details').locator('> summary').count(), 1);
  await assert.rejects(page.locator('a').textContent(), /strict mode violation/);
  await assert.rejects(page.locator('#nothing').waitFor({ timeout: 300 }), /timeout 300 ms exceeded/);
  await context.close();
});

test('getByRole finds by role and accessible name, skipping what assistive technology cannot reach', async () => {
  const { context, page } = await open();
  assert.equal(await page.getByRole('searchbox', { name: 'Search the help' }).count(), 1);
  assert.equal(await page.getByRole('textbox', { name: 'your comment' }).count(), 1);
  assert.equal(await page.getByRole('link', { name: 'contact us' }).getAttribute('href'), '#one');
  assert.equal(await page.getByRole('link', { name: 'contact us', exact: true }).count(), 0);
  assert.equal(await page.getByRole('link', { name: /topic$/ }).count(), 2);
  assert.equal(await page.getByRole('heading', { name: 'Shim check', exact: true }).count(), 1);
  assert.equal(await page.getByRole('navigation', { name: 'Topics' }).getByRole('link').count(), 2);
  assert.equal(await page.getByRole('region', { name: 'Help panel' }).getByRole('button').count(), 1, 'the aria-hidden button is left out');
  assert.equal(await page.getByRole('group').count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Hidden fallback' }).count(), 0, 'an unslotted child is not rendered');
  assert.equal(await page.locator('#host a').isVisible(), false);
  await context.close();
});

test('clicks, keys and fill are native, and reach into the shadow root', async () => {
  const { context, page } = await open();
  await page.getByRole('button', { name: 'Press me' }).click();
  assert.equal(await page.title(), 'pressed');
  await page.locator('#host summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('details').evaluate((d) => d.open), true);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.getElementById('host').shadowRoot.activeElement?.id), 'press');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.getElementById('host').shadowRoot.activeElement?.localName), 'summary');
  const search = page.getByRole('searchbox', { name: 'Search the help' });
  await page.evaluate(() => {
    window.inputs = 0;
    document.getElementById('q').addEventListener('input', () => { window.inputs += 1; });
  });
  await search.fill('nhsmial');
  await search.fill('7023');
  assert.equal(await search.inputValue(), '7023');
  await search.fill('');
  assert.equal(await search.inputValue(), '');
  assert.equal(await page.evaluate(() => window.inputs), 'nhsmial'.length + '7023'.length + 1, 'one input event per key, like a person');
  const box = await page.locator('#host summary').boundingBox();
  assert.ok(box.width > 0 && box.height > 0, JSON.stringify(box));
  await context.close();
});

test('console messages, page errors and dialogs reach the handlers', async () => {
  const { context, page } = await open();
  const heard = [];
  page.on('console', (message) => heard.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => heard.push(`pageerror: ${error.message}`));
  page.on('dialog', async (dialog) => {
    heard.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.evaluate(() => {
    console.error('bad', 1);
    console.warn('careful');
    setTimeout(() => { throw new Error('thrown later'); }, 0);
    Promise.reject(new Error('rejected'));
  });
  await page.waitForTimeout(100);
  await page.evaluate(() => setTimeout(() => alert('hello'), 0));
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => 1), 1);
  assert.deepEqual(heard.sort(), ['dialog: hello', 'error: bad 1', 'pageerror: rejected', 'pageerror: thrown later', 'warning: careful']);
  await context.close();
});

test('a full-page screenshot shows the whole page, then the viewport is as it was', async () => {
  const { context, page } = await open({ viewport: { width: 400, height: 300 } });
  const path = join(await mkdtemp(join(tmpdir(), 'webkit-check-')), 'shots', 'full.png');
  await page.screenshot({ path, fullPage: true });
  const png = readFileSync(path);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [400, height]);
  assert.deepEqual(await page.evaluate(() => [innerWidth, innerHeight]), [400, 300]);
  await context.close();
});

test('what classic WebDriver cannot do is refused by name', async () => {
  await assert.rejects(browser.newContext({ forcedColors: 'active' }), /context option forcedColors is not supported/);
  await assert.rejects(browser.newContext({ hasTouch: true }), /context option hasTouch is not supported/);
  const { context, page } = await open();
  assert.throws(() => context.addInitScript(() => {}), /addInitScript is not supported/);
  assert.throws(() => page.route('**', () => {}), /route is not supported/);
  assert.throws(() => context.setOffline(true), /setOffline is not supported/);
  await context.close();
});

test('close() stops the display and the driver it started', async () => {
  // Live children only, by process id and name: one just killed may linger as a zombie until
  // Node reaps it, and a live one's state letter changes from sample to sample.
  const children = () => spawnSync('ps', ['--ppid', String(process.pid), '-o', 'pid=,stat=,comm='], { encoding: 'utf8' }).stdout.split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, stat, comm]) => /Xvfb|WebKitWebDriver/.test(comm) && !stat.startsWith('Z'))
    .map(([pid, , comm]) => `${pid} ${comm}`)
    .sort();
  const before = children();
  const own = await launchWebKit();
  await (await own.newContext()).newPage();
  assert.equal(children().length, before.length + 2, children().join(', '));
  await own.close();
  await new Promise((done) => setTimeout(done, 300));
  assert.deepEqual(children(), before);
});
