// The widget follows the page URL without a reload (back, forward, fragment links) and says so
// through a polite live region; and its heading level follows the page's setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedWidget } from './fixture.mjs';
import { serveDirectory } from './server.mjs';
import { axeViolations, openWidget, watchedPage } from './browser.mjs';


const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';
const widget = servedWidget();

// The widget's own announcer (the search has another, for its result count).
const liveRegion = (page) => page.locator('.nhs-login-help > [role=status][aria-live=polite]');

/** Waits until the live region says `text`: new help is announced once its region is in the page. */
const announced = (page, text) => page.waitForFunction(
  (expected) => document.querySelector('.nhs-login-help > [role=status][aria-live=polite]')?.textContent.trim() === expected, text,
);

test('back and forward show and announce the article for the new reference', async () => {
  const { context, page, problems } = await openWidget(widget.browser, `${widget.origin}/?error=CID7023`);
  assert.equal(await liveRegion(page).count(), 1, 'one live region, present from the start');
  assert.equal((await liveRegion(page).textContent()).trim(), '', 'the first article is not announced');

  await page.evaluate(() => {
    history.pushState({}, '', '?error=CID2011');
    history.pushState({}, '', '?error=CID3003');
  });
  assert.equal(await page.locator('h1').textContent(), 'Unable to connect to your GP surgery’s system', 'pushState alone fires no event');

  await page.goBack();
  await page.locator('h1', { hasText: 'There may be a problem with your NHS number' }).waitFor();
  await announced(page, 'There may be a problem with your NHS number');
  assert.equal(await page.title(), 'There may be a problem with your NHS number – NHS login help');

  await page.goForward();
  await page.locator('h1', { hasText: 'already been used' }).waitFor();
  await announced(page, 'The link to cancel the update to your phone number has already been used');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a fragment link on the page shows and announces that article', async () => {
  const { context, page, problems } = await openWidget(widget.browser, `${widget.origin}/`);
  await page.evaluate(() => {
    location.hash = '#CID2014';
  });
  await page.locator('h1', { hasText: 'You cannot use your NHS login' }).waitFor();
  await announced(page, 'You cannot use your NHS login');
  await page.evaluate(() => {
    location.hash = '#CID-0000';
  });
  await page.locator('h1', { hasText: 'Sorry, we could not find that help' }).waitFor();
  await announced(page, 'Sorry, we could not find that help');
  assert.deepEqual(problems, []);
  await context.close();
});

test('once the wasm has taken over, it follows a deep link: the expander opens, its summary focused, and is announced', async () => {
  const { context, page, problems } = await openWidget(widget.browser, `${widget.origin}/`);
  // Reaching for the search field brings the wasm, which takes over the page.
  await page.getByRole('searchbox', { name: 'Search the help' }).focus();
  await page.waitForFunction(() => !document.getElementById('nhs-login-help-standalone').hasAttribute('data-first-paint'));
  await page.evaluate(() => { location.hash = '#CID7023/wrong-details'; });
  await page.locator('details[data-expander=wrong-details][open]').waitFor();
  await announced(page, 'Unable to connect to your GP surgery’s system');
  await page.waitForFunction(() => document.activeElement?.textContent.trim() === 'We have the wrong details for you');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the article heading is h1 on the standalone page and follows data-heading-level', async (t) => {
  const standalone = await openWidget(widget.browser, `${widget.origin}/?error=CID2014`);
  assert.deepEqual(await standalone.page.locator('h1').allTextContents(), ['You cannot use your NHS login']);
  assert.deepEqual(await standalone.page.locator('h2').allTextContents(), ['What happens next']);
  await standalone.context.close();

  // A host page that sits the widget under its own h1: the same build, with the setting added.
  const partner = await serveDirectory(DIST, {
    alter: (path, body) => (path === '/' ? body.toString()
      .replace('<main ', '<main data-heading-level="2" ')
      .replace('<body class=nhs-login-help-page>', '<body class=nhs-login-help-page><header><h1>Partner service</h1></header>') : body),
  });
  t.after(() => partner.close());
  const { context, page, problems } = await watchedPage(widget.browser);
  await page.goto(`${partner.origin}/?error=CID2014`);
  await page.locator('.nhs-login-help h2').waitFor();
  assert.equal(await page.locator('main[data-heading-level="2"]').count(), 1, 'the page was rewritten');
  assert.deepEqual(await page.locator('h1').allTextContents(), ['Partner service']);
  assert.deepEqual(await page.locator('.nhs-login-help h2').allTextContents(), ['You cannot use your NHS login']);
  assert.deepEqual(await page.locator('.nhs-login-help h3').allTextContents(), ['What happens next']);
  assert.deepEqual(problems, []);
  await context.close();
});
