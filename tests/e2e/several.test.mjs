// Several widgets on one page, of every kind, as a portal shows them: an article as the page's
// help, inline panels beside it, the topics and the fallback for unknown references. Every
// landmark (each article's feedback question, each topics list, each search) must be named once
// on the page, by its article or the host's `label`, so a screen reader's list of landmarks tells
// them apart; axe-core (its `landmark-unique` among the rest) finds nothing, on the first paint
// and once the wasm has taken over every element.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serveDirectory, servePages, strictPolicy } from './server.mjs';
import { axeViolations, focusedIn, launchBrowser, watchedPage, widgetShown } from './browser.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';

/** Each element on the page: its id, attributes, and the names its landmarks must have. */
const ELEMENTS = [
  ['article', 'error="CID7023" feedback-url="/feedback"',
    ['Was this helpful? Unable to connect to your GP surgery’s system']],
  ['staff', 'variant="inline" article="nhsmail-login" heading-level="3" feedback-url="/feedback"',
    ['Was this helpful? Problems logging in with NHSmail']],
  ['details', 'variant="inline" error="CID2014" heading-level="3" feedback-url="/feedback"',
    ['Was this helpful? You cannot use your NHS login']],
  ['topics', 'label="All help"', ['Search the help All help', 'Error messages and support All help']],
  ['unknown', 'error="CID9999" label="Your reference"', ['Search the help Your reference', 'Help topics Your reference']],
  ['near', 'error="CID7032" label="Similar references"', ['Search the help Similar references', 'Help topics Similar references']],
];

function hostPage(widgetOrigin) {
  const elements = ELEMENTS.map(([id, attributes]) => `    <nhs-login-help id="${id}" ${attributes}><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>`);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Portal – login help</title>
  <script type="module" src="${widgetOrigin}/nhs-login-help.js"></script>
</head>
<body>
  <main>
    <h1>Login help</h1>
${elements.join('\n')}
  </main>
</body>
</html>`;
}

let widget;
let host;
let browser;

before(async () => {
  widget = await serveDirectory(DIST, { cors: true });
  host = await servePages(
    { '/several.html': { body: hostPage(widget.origin) }, '/favicon.ico': { body: '', type: 'image/x-icon' } },
    { 'content-security-policy': strictPolicy(widget.origin) },
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([widget?.close(), host?.close()]);
});

/**
 * Every landmark inside the elements, by element id, with its name as `aria-labelledby` gives it
 * (the text of each element it names, in its own shadow root, joined by spaces).
 */
function landmarkNames(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('nhs-login-help')].map((element) => {
    const root = element.shadowRoot;
    const shown = [...root.querySelectorAll('section[aria-labelledby], nav, [role=search]')].filter((landmark) => !landmark.closest('[hidden]'));
    const name = (landmark) => (landmark.getAttribute('aria-labelledby') ?? '').split(' ')
      .map((id) => root.getElementById(id)?.textContent.trim() ?? '').filter(Boolean).join(' ');
    return [element.id, shown.map(name).sort()];
  })));
}

const expected = Object.fromEntries(ELEMENTS.map(([id, , names]) => [id, [...names].sort()]));

test('several widgets of every kind on one page: each landmark is named once, axe-clean, on the first paint and from the wasm', async () => {
  const { context, page, problems } = await watchedPage(browser, { viewport: { width: 1024, height: 900 } });
  await page.goto(`${host.origin}/several.html`);
  await widgetShown(page, { elements: ELEMENTS.length });
  assert.deepEqual(await landmarkNames(page), expected, 'first paint');
  assert.deepEqual(await axeViolations(page), [], 'first paint');

  // The wasm takes over each element the person reaches into: the searches and the feedback.
  for (const [id, , names] of ELEMENTS) {
    const element = page.locator(`#${id}`);
    if (names[0].startsWith('Search')) {
      await element.getByRole('searchbox', { name: 'Search the help' }).fill('password');
      await element.locator('.nhs-login-help__results a').first().waitFor();
      await element.getByRole('searchbox', { name: 'Search the help' }).fill('');
    } else {
      await element.getByRole('button', { name: 'No' }).click();
      // A search typed before the comment box has the focus would lose it to the box.
      await focusedIn(page, id, 'textarea');
    }
  }
  await page.waitForFunction((count) => [...document.querySelectorAll('nhs-login-help')]
    .filter((element) => !element.shadowRoot.querySelector('[data-first-paint]:not([hidden])')).length === count, ELEMENTS.length);
  assert.deepEqual(await landmarkNames(page), expected, 'the wasm');
  assert.deepEqual(await axeViolations(page), [], 'the wasm');
  assert.deepEqual(problems, []);
  await context.close();
});
