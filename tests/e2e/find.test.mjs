// Finding help without a reference: the search field, near-miss suggestions, deep links to one
// expander, and back/forward between the list and an article — by keyboard alone, with what a
// screen reader would hear, and axe-core on each state of the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedWidget } from './fixture.mjs';
import { axeViolations, describeFocus, openWidget, tabTo } from './browser.mjs';

const widget = servedWidget();

const resultCount = (page) => page.locator('.nhs-login-help__result-count[role=status][aria-live=polite]');
const search = (page) => page.getByRole('searchbox', { name: 'Search the help' });

test('keyboard only: search, open a result, go back to the results and forward again', async () => {
  const { context, page, problems } = await openWidget(widget.browser, `${widget.origin}/`);
  await tabTo(page, (focus) => focus.tag === 'input');
  await page.keyboard.type('nhsmial');
  await page.locator('.nhs-login-help__results').waitFor();
  assert.equal(await resultCount(page).textContent(), '1 article matches “nhsmial”.');

  const focus = await tabTo(page, (f) => f.tag === 'a');
  assert.deepEqual(focus, { tag: 'a', text: 'Problems logging in with NHSmail', insideWidget: true, indicator: true });
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: 'Problems logging in with NHSmail' }).waitFor();
  assert.equal(new URL(page.url()).search, '?article=nhsmail-login', 'a history entry for the article');
  // The heading takes the focus in the frame after it renders.
  await page.waitForFunction(() => document.activeElement?.localName === 'h1', null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Problems logging in with NHSmail', 'focus on the new heading');
  assert.equal(await page.title(), 'Problems logging in with NHSmail – NHS login help');

  await page.goBack();
  await search(page).waitFor();
  assert.equal(await search(page).inputValue(), 'nhsmial', 'the search text is kept');
  assert.deepEqual(await page.locator('.nhs-login-help__results a').allTextContents(), ['Problems logging in with NHSmail']);
  await page.goForward();
  await page.locator('h1', { hasText: 'Problems logging in with NHSmail' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('search finds references, tolerates a typo, and says so when nothing matches', async () => {
  const { context, page, problems } = await openWidget(widget.browser, `${widget.origin}/`);
  await search(page).fill('cid 7029');
  assert.equal(await page.locator('.nhs-login-help__results a').first().textContent(), 'CID7029: We cannot connect your NHS login to your GP surgery');
  await search(page).fill('disbaled');
  assert.equal(await page.locator('.nhs-login-help__results a').first().textContent(), 'CID2012: Your NHS login may have been disabled');
  assert.deepEqual(await axeViolations(page), [], 'results state');

  await search(page).fill('xylophone');
  assert.equal(await resultCount(page).textContent(), 'No articles match “xylophone”.');
  assert.equal(await page.getByRole('link', { name: 'contact us' }).getAttribute('href'), 'https://help.login.nhs.uk/contact');
  assert.deepEqual(await axeViolations(page), [], 'empty state');

  await search(page).fill('');
  assert.equal(await page.locator('nav a').count(), 11);
  assert.deepEqual(await axeViolations(page), [], 'the list');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const url of ['/?error=CID7023&section=wrong-details', '/#CID7023/wrong-details']) {
  test(`deep link ${url} opens that expander, scrolled into view, its summary focused`, async () => {
    const viewport = { width: 375, height: 500 };
    const { context, page, problems } = await openWidget(widget.browser, `${widget.origin}${url}`, { viewport });
    const expander = page.locator('details[data-expander=wrong-details]');
    await page.waitForFunction(() => document.activeElement?.localName === 'summary');
    assert.deepEqual(await page.locator('details[open]').evaluateAll((all) => all.map((d) => d.dataset.expander)), ['wrong-details']);
    assert.equal((await describeFocus(page)).text, 'We have the wrong details for you');
    const box = await expander.locator('summary').boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `summary in view: ${JSON.stringify(box)}`);
    assert.ok(await page.evaluate(() => scrollY > 0), 'the page scrolled to it');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a deep link to a section the article does not have shows the article as usual', async () => {
  const { context, page, problems } = await openWidget(widget.browser, `${widget.origin}/?error=CID7023&section=%3Cscript%3E`);
  assert.equal(await page.locator('details[open]').count(), 0);
  assert.equal(await page.locator('h1').textContent(), 'Unable to connect to your GP surgery’s system');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a near-miss reference suggests the closest, and the suggestion opens it', async () => {
  const { context, page, problems } = await openWidget(widget.browser, `${widget.origin}/?error=CID7032`);
  assert.equal(await page.locator('.nhs-login-help__suggestion').textContent(), 'Did you mean CID7023: Unable to connect to your GP surgery’s system?');
  await page.locator('.nhs-login-help__suggestion a').click();
  await page.locator('h1', { hasText: 'Unable to connect to your GP surgery’s system' }).waitFor();
  assert.equal(new URL(page.url()).search, '?error=CID7023');
  assert.deepEqual(await axeViolations(page), []);
  await page.goBack();
  await page.locator('h1', { hasText: 'Sorry, we could not find that help' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
