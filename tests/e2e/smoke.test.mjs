// End-to-end smoke test: the release build, served on 127.0.0.1, in a real browser (each engine in turn). It checks
// what a patient arriving from NHS login sees, that hostile input stays text, and axe-core.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { servedWidget } from './fixture.mjs';
import { SCREENSHOTS, axeViolations, openWidget, watchedPage } from './browser.mjs';

const widget = servedWidget();

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

/** Opens a path of the standalone page once the widget has replaced its fallback. */
const open = (path, options) => openWidget(widget.browser, `${widget.origin}${path}`, options);

describe('a patient sent back by NHS login sees the right article', () => {
  const cases = [
    ['/?error=CID7023', 'Unable to connect to your GP surgery’s system', 'CID7023'],
    ['/?error=cid%207023', 'Unable to connect to your GP surgery’s system', 'CID7023'],
    ['/#CID2014', 'You cannot use your NHS login', 'CID2014'],
    ['/?error=access_denied&error_description=Sorry%2C+something+went+wrong+(CID3002)', 'The link to cancel the update to your phone number has expired', 'CID3002'],
  ];
  for (const [path, title, code] of cases) {
    test(`${path} shows “${title}”`, async () => {
      const { context, page, problems } = await open(path);
      assert.deepEqual(await page.locator('h1').allTextContents(), [title]);
      assert.equal(await page.title(), `${title} – NHS login help`);
      assert.equal(await page.locator('.nhs-login-help__reference strong').textContent(), code);
      const contact = page.getByRole('link', { name: /contact us/i });
      assert.equal(await contact.getAttribute('href'), `https://help.login.nhs.uk/contact?error=${code}`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});

test('CID7023 expanders start closed, open from the keyboard, and pass axe-core both ways', async () => {
  const { context, page, problems } = await open('/?error=CID7023', { viewport: { width: 800, height: 900 } });
  const summaries = page.locator('details.nhsuk-expander > summary');
  assert.deepEqual(await summaries.allTextContents().then((t) => t.map((s) => s.trim())), [
    'You have already set up an NHS login',
    'We have the wrong details for you',
  ]);
  assert.deepEqual(await page.locator('details').evaluateAll((all) => all.map((d) => d.open)), [false, false]);
  assert.deepEqual(await axeViolations(page), [], 'axe-core, expanders closed');
  await page.screenshot({ path: `${SCREENSHOTS}/cid7023-closed.png`, fullPage: true });

  const focused = () => page.evaluate(() => document.activeElement.textContent.trim());
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'You have already set up an NHS login');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Login and security settings', 'the opened expander’s link comes next');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'We have the wrong details for you');
  await page.keyboard.press('Space');
  assert.deepEqual(await page.locator('details').evaluateAll((all) => all.map((d) => d.open)), [true, true]);
  assert.deepEqual(await axeViolations(page), [], 'axe-core, expanders open');
  await page.screenshot({ path: `${SCREENSHOTS}/cid7023-open.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('injected markup in the reference is shown as text and never runs', async () => {
  const { context, page, problems } = await open('/?error=<img src=x onerror="window.__injected=1;alert(1)">');
  assert.equal(await page.locator('h1').textContent(), 'Sorry, we could not find that help');
  assert.equal(await page.locator('.nhs-login-help__given').textContent(), '<img src=x onerror="window.__injected=1;…', 'shown as text, shortened');
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.__injected), undefined);
  assert.equal(await page.getByRole('link', { name: 'contact us' }).getAttribute('href'), 'https://help.login.nhs.uk/contact');
  assert.equal(await page.locator('nav a').count(), 11);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: `${SCREENSHOTS}/unknown-reference.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('with no reference the topics are listed, and ?gallery leads to the gallery of every article', async () => {
  const topics = await open('/');
  assert.equal(await topics.page.locator('h1').textContent(), 'Error messages and support');
  assert.equal(await topics.page.locator('nav a').count(), 11);
  assert.deepEqual(await axeViolations(topics.page), []);
  await topics.page.screenshot({ path: `${SCREENSHOTS}/topics.png`, fullPage: true });
  await topics.context.close();

  // A page of its own, with no wasm; gallery.test.mjs checks what it shows, axe-core included.
  const gallery = await watchedPage(widget.browser);
  await gallery.page.goto(`${widget.origin}/?gallery`);
  await gallery.page.waitForFunction(() => location.pathname === '/gallery.html' && document.readyState === 'complete');
  assert.equal(await gallery.page.locator('section[data-article] > h2').count(), 11);
  assert.deepEqual(gallery.problems, []);
  await gallery.context.close();
});
