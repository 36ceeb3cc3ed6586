// The embedded widget as partners use it: `<nhs-login-help>` elements on a host page of another
// origin, under the strict Content-Security-Policy the README tells hosts they may keep, next to
// a hostile stylesheet. Checks rendering, style isolation, events, attributes, the JS API, URL
// following, removal, the fallback when the wasm cannot load, and axe-core on the host page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { script, serveDirectory, servePages, strictPolicy } from './server.mjs';
import { SCREENSHOTS, axeViolations, consoleWarnings, describeFocus, launchBrowser, openAllExpanders, watchedPage, widgetShown } from './browser.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';
/** What a tampered CDN adds to a file: harmless, but it marks the page if the file runs. */
const TAMPERED = '\nglobalThis.tampered = true;\n';

const HOSTILE_CSS = `
html { font-size: 5px !important; }
* {
  box-sizing: content-box !important; color: red !important; display: inline !important;
  font-family: "Comic Sans MS", cursive !important; font-size: 40px !important;
  letter-spacing: 4px !important; line-height: 1 !important; margin: 13px !important;
  padding: 0 !important; text-transform: uppercase !important; border: 3px dashed red !important;
}
nhs-login-help { display: none !important; }
h2, p, a, details, summary, .nhs-login-help, .nhsuk-body { all: unset !important; }
`;

/**
 * The host page's first script, before the widget's: records the widget's events and CSP
 * violations from the first moment. A script of the host's own origin, which its CSP allows, so
 * every engine runs it (classic WebDriver has no init scripts).
 */
function record() {
  window.heard = [];
  window.violations = [];
  for (const type of ['nhs-login-help:shown', 'nhs-login-help:toggle', 'nhs-login-help:link', 'nhs-login-help:error']) {
    document.addEventListener(type, (event) => {
      window.heard.push({ type, target: event.target.id, bubbles: event.bubbles, composed: event.composed, detail: event.detail });
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    window.violations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
  // Links are followed in these tests only as far as the click: the help centre is not reachable.
  document.addEventListener('click', (event) => {
    if (event.composedPath().some((node) => node.localName === 'a')) event.preventDefault();
  });
}

/** A partner page with three widgets: by attribute, inline staff help by id, and from the URL. */
function hostPage(widgetOrigin, { hostile = false } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Partner service – login problem</title>
  ${hostile ? '<link rel="stylesheet" href="/hostile.css">' : ''}
  <script src="/record.js"></script>
  <script type="module" src="${widgetOrigin}/nhs-login-help.js"></script>
</head>
<body>
  <main>
    <h1>Sorry, we could not log you in</h1>
    <p class="nhsuk-body nhs-login-help" id="outside">The partner's own text, with the widget's class names.</p>
    <nhs-login-help id="by-error" error="CID7023"><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>
    <section aria-label="Staff login help">
      <nhs-login-help id="inline" variant="inline" article="nhsmail-login" heading-level="3"></nhs-login-help>
    </section>
    <nhs-login-help id="by-url"><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>
  </main>
</body>
</html>`;
}

let widget;
let brokenWidget;
let tamperedWidget;
let tamperedWasm;
let flakyWidget;
let host;
let browser;
const requests = [];

before(async () => {
  widget = await serveDirectory(DIST, { cors: true, requests });
  brokenWidget = await serveDirectory(DIST, { cors: true, missing: (path) => path.endsWith('.wasm.js') });
  // A CDN that serves a changed glue, or a changed wasm module, each of which would mark the page
  // if it ran: the entry's integrity check must refuse it in every engine.
  const changed = (pattern) => (path, body) => (pattern.test(path) ? Buffer.concat([body, Buffer.from(TAMPERED)]) : body);
  tamperedWidget = await serveDirectory(DIST, { cors: true, alter: changed(/nhs-login-help-[0-9a-f]+\.js$/) });
  tamperedWasm = await serveDirectory(DIST, { cors: true, alter: changed(/\.wasm\.js$/) });
  // A CDN that cannot serve the wasm module until `flakyWidget.down` is cleared.
  flakyWidget = await serveDirectory(DIST, { cors: true, missing: (path) => flakyWidget.down && path.endsWith('.wasm.js') });
  flakyWidget.down = true;
  const policy = [widget.origin, brokenWidget.origin, tamperedWidget.origin, tamperedWasm.origin, flakyWidget.origin].join(' ');
  host = await servePages(
    {
      '/plain.html': { body: hostPage(widget.origin) },
      '/hostile.html': { body: hostPage(widget.origin, { hostile: true }) },
      '/broken.html': { body: hostPage(brokenWidget.origin) },
      '/tampered.html': { body: hostPage(tamperedWidget.origin) },
      '/tampered-wasm.html': { body: hostPage(tamperedWasm.origin) },
      '/flaky.html': { body: hostPage(flakyWidget.origin) },
      // As with WebAssembly switched off, or iOS's Lockdown Mode.
      '/no-wasm.html': { body: hostPage(widget.origin).replace('<script src="/record.js"></script>', '<script src="/record.js"></script>\n  <script src="/no-wasm.js"></script>') },
      '/no-wasm.js': script(() => { delete window.WebAssembly; }),
      '/empty.html': { body: hostPage(widget.origin).replace(/<nhs-login-help[^]*<\/nhs-login-help>/, '') },
      '/push.html': { body: hostPage(widget.origin).replace('<nhs-login-help id="by-url">', '<nhs-login-help id="by-url" history="push">') },
      '/hostile.css': { body: HOSTILE_CSS, type: 'text/css' },
      '/record.js': script(record),
      '/favicon.ico': { body: '', type: 'image/x-icon' },
    },
    {
      'content-security-policy': strictPolicy(policy),
    },
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([widget?.close(), brokenWidget?.close(), tamperedWidget?.close(), tamperedWasm?.close(), flakyWidget?.close(), host?.close()]);
});

/**
 * Opens a host page, whose first script records the widget's events and CSP violations, and waits
 * until `ready` widgets show.
 */
async function openHost(path, { ready = 3, viewport } = {}) {
  const watched = await watchedPage(browser, viewport ? { viewport } : {});
  const { page } = watched;
  const warnings = consoleWarnings(page);
  await page.goto(`${host.origin}${path}`);
  if (ready > 0) await widgetShown(page, { elements: ready });
  return { ...watched, warnings };
}

const heard = (page, type) => page.evaluate((t) => window.heard.filter((e) => e.type === t), type);
const titleOf = (page, id) => page.locator(`#${id} article > :is(h2, h3, h4, h5, h6)`).first().textContent();
const articleOf = (page, id) => page.locator(`#${id} article`).getAttribute('data-article');

async function assertClean({ page, problems }) {
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violations');
  assert.deepEqual(problems, []);
}

test('each element on a cross-origin page under a strict CSP shows its own help', async () => {
  const watched = await openHost('/plain.html?error=CID2014');
  const { page } = watched;
  assert.equal(await articleOf(page, 'by-error'), 'cannot-connect-to-gp-system');
  assert.equal(await articleOf(page, 'inline'), 'nhsmail-login');
  assert.equal(await articleOf(page, 'by-url'), 'cannot-use-login');
  assert.equal(await page.locator('#by-error h2').first().textContent(), 'Unable to connect to your GP surgery’s system');
  assert.equal(await page.locator('#inline h3').first().textContent(), 'Problems logging in with NHSmail');
  assert.equal(await page.locator('#inline .nhs-login-help--inline').count(), 1);
  // The fallback children are no longer shown once the widget is there.
  assert.equal(await page.getByRole('link', { name: 'Get help with NHS login' }).first().isVisible(), false);
  await assertClean(watched);
  await watched.context.close();
});

test('a hostile host stylesheet changes nothing inside the widget, and the widget nothing outside', async () => {
  const styles = async (path) => {
    const { page, context, problems } = await openHost(path);
    const measured = await page.evaluate(() => {
      const root = document.querySelector('#by-error').shadowRoot;
      const props = ['color', 'font-family', 'font-size', 'line-height', 'letter-spacing', 'text-transform', 'margin-top',
        'padding-top', 'padding-left', 'border-top-width', 'display', 'box-sizing', 'background-color'];
      const inside = {};
      for (const selector of ['.nhs-login-help', 'h2', '.nhsuk-body', '.nhs-login-help__reference', 'details', 'summary',
        '.nhsuk-details__summary-text', 'a.nhsuk-link']) {
        const style = getComputedStyle(root.querySelector(selector));
        inside[selector] = Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
      }
      const hostElement = document.querySelector('#by-error');
      // The host element's own box (its border, margins) is the host's to style; the widget fills
      // whatever content box that leaves, at the same height.
      const box = getComputedStyle(hostElement);
      const content = hostElement.getBoundingClientRect().width - ['border-left-width', 'border-right-width', 'padding-left', 'padding-right']
        .reduce((sum, p) => sum + parseFloat(box.getPropertyValue(p)), 0);
      const { width, height } = root.querySelector('.nhs-login-help').getBoundingClientRect();
      return { inside, hostDisplay: box.display, fills: Math.abs(width - content) < 0.5, height };
    });
    const outside = await page.evaluate(() => getComputedStyle(document.querySelector('#outside')).fontFamily);
    await context.close();
    assert.deepEqual(problems, []);
    return { ...measured, outside };
  };
  const plain = await styles('/plain.html');
  const hostile = await styles('/hostile.html');
  assert.deepEqual(hostile.inside, plain.inside);
  assert.equal(plain.inside.h2['font-size'], '36px', 'NHS.UK type scale at desktop width');
  assert.equal(hostile.hostDisplay, 'block');
  assert.ok(hostile.fills && plain.fills, 'the widget fills its element');
  assert.equal(hostile.height, plain.height);
  assert.doesNotMatch(plain.outside, /Arial|Frutiger/, 'the widget CSS does not style the host page');
});

test('events bubble out of the shadow root with what was shown, toggled and followed', async () => {
  const watched = await openHost('/plain.html?error=CID2014');
  const { page } = watched;
  await page.waitForFunction(() => window.heard.length >= 3);
  const shown = await heard(page, 'nhs-login-help:shown');
  assert.deepEqual(
    shown.map(({ target, detail, bubbles, composed }) => ({ target, detail, bubbles, composed })).sort((a, b) => a.target.localeCompare(b.target)),
    [
      { target: 'by-error', detail: { reference: 'CID7023', article: 'cannot-connect-to-gp-system' }, bubbles: true, composed: true },
      { target: 'by-url', detail: { reference: 'CID2014', article: 'cannot-use-login' }, bubbles: true, composed: true },
      { target: 'inline', detail: { reference: null, article: 'nhsmail-login' }, bubbles: true, composed: true },
    ],
  );

  await page.locator('#by-error summary', { hasText: 'We have the wrong details for you' }).click();
  await page.locator('#by-error summary', { hasText: 'We have the wrong details for you' }).click();
  await page.waitForFunction(() => window.heard.filter((e) => e.type === 'nhs-login-help:toggle').length === 2);
  assert.deepEqual((await heard(page, 'nhs-login-help:toggle')).map((e) => [e.target, e.detail]), [
    ['by-error', { article: 'cannot-connect-to-gp-system', expander: 'wrong-details', open: true }],
    ['by-error', { article: 'cannot-connect-to-gp-system', expander: 'wrong-details', open: false }],
  ]);

  await page.locator('#by-error summary', { hasText: 'You have already set up an NHS login' }).click();
  await page.locator('#by-error a', { hasText: 'Login and security settings' }).click();
  await page.locator('#by-error a', { hasText: 'Contact us' }).click();
  assert.deepEqual((await heard(page, 'nhs-login-help:link')).map((e) => [e.target, e.detail]), [
    ['by-error', { kind: 'settings', href: 'https://settings.login.nhs.uk/' }],
    ['by-error', { kind: 'contact', href: 'https://help.login.nhs.uk/contact?error=CID7023' }],
  ]);
  await assertClean(watched);
  await watched.context.close();
});

test('changing an attribute re-renders; bad values fall back with a console warning', async () => {
  const watched = await openHost('/plain.html?error=CID2014');
  const { page, warnings } = watched;
  const byError = page.locator('#by-error');
  await byError.evaluate((el) => el.setAttribute('error', 'cid 3002'));
  await page.locator('#by-error article[data-article=phone-cancel-link-expired]').waitFor();
  await byError.evaluate((el) => {
    el.setAttribute('heading-level', '4');
    el.setAttribute('variant', 'inline');
    el.setAttribute('contact-url', '/help/contact');
  });
  await page.locator('#by-error article > h4.nhsuk-heading-s').waitFor();
  assert.equal(await page.locator('#by-error a', { hasText: 'Contact us' }).getAttribute('href'), '/help/contact?error=CID3002');

  await byError.evaluate((el) => {
    el.setAttribute('contact-url', 'javascript:alert(1)');
    el.setAttribute('heading-level', '9');
    el.setAttribute('variant', 'huge');
  });
  await page.locator('#by-error article > h2.nhsuk-heading-l').waitFor();
  assert.equal(await page.locator('#by-error a', { hasText: 'Contact us' }).getAttribute('href'), 'https://help.login.nhs.uk/contact?error=CID3002');
  assert.ok(warnings.some((w) => w.includes('ignored contact-url="javascript:alert(1)"')), warnings.join('\n'));
  assert.ok(warnings.some((w) => w.includes('ignored heading-level="9"')), warnings.join('\n'));

  await byError.evaluate((el) => el.setAttribute('error', '<img src=x onerror=alert(1)>'));
  await page.locator('#by-error .nhs-login-help__given').waitFor();
  assert.equal(await page.locator('#by-error .nhs-login-help__given').textContent(), '<img src=x onerror=alert(1)>');
  assert.equal(await page.locator('#by-error img').count(), 0);

  // The JS API for apps, and back to the URL once the attribute goes.
  await byError.evaluate((el) => el.show('CID1111'));
  await page.locator('#by-error article[data-article=account-already-exists]').waitFor();
  await byError.evaluate((el) => el.removeAttribute('error'));
  await page.locator('#by-error article[data-article=cannot-use-login]').waitFor();
  await assertClean(watched);
  await watched.context.close();
});

test('elements that read the URL follow pushState, back and fragments; the others stay', async () => {
  const watched = await openHost('/plain.html?error=CID2014');
  const { page } = watched;
  await page.evaluate(() => history.pushState(null, '', '?error=CID7029'));
  await page.locator('#by-url article[data-article=cannot-connect-login-to-gp]').waitFor();
  assert.equal(await articleOf(page, 'by-error'), 'cannot-connect-to-gp-system');
  assert.equal(await articleOf(page, 'inline'), 'nhsmail-login');
  await page.goBack();
  await page.locator('#by-url article[data-article=cannot-use-login]').waitFor();
  await page.evaluate(() => { location.hash = '#CID1111'; });
  await page.evaluate(() => history.replaceState(null, '', location.pathname + '#CID1111'));
  await page.locator('#by-url article[data-article=account-already-exists]').waitFor();
  // Two changes in one task (a router redirecting): the help follows both at once, and the host
  // is told both, in order, so the last `shown` it hears is the help on show.
  const before = (await heard(page, 'nhs-login-help:shown')).length;
  await page.evaluate(() => {
    history.pushState(null, '', '?error=CID7023');
    history.replaceState(null, '', '?error=CID3002');
  });
  await page.locator('#by-url article[data-article=phone-cancel-link-expired]').waitFor();
  await page.waitForFunction((n) => window.heard.filter((e) => e.type === 'nhs-login-help:shown').length >= n + 2, before);
  await page.waitForTimeout(100);
  const told = (await heard(page, 'nhs-login-help:shown')).slice(before).map(({ target, detail }) => `${target} ${detail.reference}`);
  assert.deepEqual(told, ['by-url CID7023', 'by-url CID3002']);
  await assertClean(watched);
  await watched.context.close();
});

test('elements added at any time show their help, the wasm loads once for those that need it, and a removed element unmounts', async () => {
  const watched = await openHost('/empty.html', { ready: 0 });
  const { page } = watched;
  const before = requests.length;
  await page.evaluate(() => {
    const codes = ['CID1111', 'CID2011', 'CID2012', 'CID2014', 'CID3002', 'CID3003', 'CID7023', 'CID7029', 'CID9999', 'nonsense', 'cid 1111'];
    for (const [i, code] of codes.entries()) {
      const element = document.createElement('nhs-login-help');
      element.id = `added-${i}`;
      element.setAttribute('error', code);
      document.querySelector('main').append(element);
    }
  });
  await page.waitForFunction(() => [...document.querySelectorAll('nhs-login-help')].every((e) => e.shadowRoot?.querySelector('h2')));
  assert.equal(await articleOf(page, 'added-6'), 'cannot-connect-to-gp-system');
  assert.equal(await articleOf(page, 'added-10'), 'account-already-exists');
  assert.equal(await page.locator('#added-8 h2').first().textContent(), 'Sorry, we could not find that help');
  // Two fallbacks take the wasm when the person reaches for their search fields.
  for (const id of ['added-8', 'added-9']) {
    await page.locator(`#${id}`).getByRole('searchbox', { name: 'Search the help' }).focus();
    await page.waitForFunction((el) => document.getElementById(el).shadowRoot.querySelector('div:not([data-first-paint]):not([hidden]) .nhs-login-help'), id);
  }
  const fetched = requests.slice(before).filter((path) => /\.wasm(\.js)?$/.test(path) || /nhs-login-help-[0-9a-f]+\.js$/.test(path));
  assert.equal(fetched.length, 2, `glue and wasm once each: ${fetched}`);

  const removed = await page.evaluate(async () => {
    const gone = ['#added-6', '#added-8'].map((id) => document.querySelector(id));
    for (const element of gone) element.remove();
    await new Promise((done) => setTimeout(done, 50));
    return { widgets: gone.map((element) => element.shadowRoot.querySelector('.nhs-login-help')), count: document.querySelectorAll('nhs-login-help').length };
  });
  assert.deepEqual(removed, { widgets: [null, null], count: 9 }, 'each removed element let go of its help, first paint or wasm');

  // Moving an element keeps it as it is, an opened expander too, whether the first paint shows it
  // or the wasm took it over.
  await page.locator('#added-9').getByRole('searchbox', { name: 'Search the help' }).fill('CID1111');
  await page.locator('#added-9 .nhs-login-help__results a').click();
  await page.locator('#added-9 article[data-article=account-already-exists]').waitFor();
  for (const id of ['added-0', 'added-9']) {
    await page.locator(`#${id} summary`).first().click();
    await page.evaluate((moved) => document.querySelector('main').prepend(document.querySelector(`#${moved}`)), id);
    await page.waitForTimeout(50);
    assert.equal(await page.locator(`#${id} details`).first().evaluate((details) => details.open), true, `${id} after the move`);
  }
  assert.equal(await articleOf(page, 'added-0'), 'account-already-exists');
  await assertClean(watched);
  await watched.context.close();
});

for (const [page, why] of [
  ['/broken.html', 'the wasm 404s'],
  ['/tampered.html', 'the glue fails its integrity check'],
  ['/tampered-wasm.html', 'the wasm fails its integrity check'],
  ['/no-wasm.html', 'the browser has no WebAssembly'],
]) {
  test(`every element keeps its first paint, usable, when ${why}, and the host hears why`, async () => {
    const watched = await openHost(page, { ready: 3 });
    const { warnings } = watched;
    // Nothing needs the wasm until the person reaches for the search field.
    assert.equal(await articleOf(watched.page, 'by-error'), 'cannot-connect-to-gp-system');
    assert.equal(await watched.page.locator('#inline article[data-article=nhsmail-login] h3').isVisible(), true);
    const search = watched.page.locator('#by-url').getByRole('searchbox', { name: 'Search the help' });
    await search.focus();
    const warned = () => warnings.some((w) => w.includes('could not load the widget'));
    for (let i = 0; i < 100 && !warned(); i += 1) await watched.page.waitForTimeout(50);
    assert.deepEqual(warnings.filter((w) => w.includes('could not load the widget')).map((w) => w.split('.')[0]),
      ['nhs-login-help: could not load the widget, so its first paint stays'], warnings.join('\n'));
    // The topics stay, with their links and the way to contact NHS login.
    assert.equal(await watched.page.locator('#by-url h2', { hasText: 'Error messages and support' }).isVisible(), true);
    assert.equal(await watched.page.locator('#by-url').getByRole('link', { name: 'contact us' }).getAttribute('href'), 'https://help.login.nhs.uk/contact');
    assert.equal(await watched.page.locator('#by-url').getByRole('link', { name: 'Get help with NHS login' }).isVisible(), false);
    // The host hears it from the element the person reached into; a changed file never ran.
    assert.deepEqual((await heard(watched.page, 'nhs-login-help:error')).map((e) => [e.target, e.detail.kind, e.bubbles, e.composed]),
      [['by-url', 'load', true, true]]);
    assert.equal(await watched.page.evaluate(() => window.tampered), undefined, 'the changed file did not run');
    // The failed load itself is what these pages are expected to log.
    assert.deepEqual(watched.problems.filter((p) => !/404|integrity|Failed to fetch|module script|preload|disallowed MIME type|CORS request did not succeed/i.test(p)), []);
    await watched.context.close();
  });
}

test('after a failed load the element tries again the next time the person reaches for it, and the search then works', async () => {
  const watched = await openHost('/flaky.html', { ready: 3 });
  const { page, warnings } = watched;
  const search = page.locator('#by-url').getByRole('searchbox', { name: 'Search the help' });
  await search.focus();
  await page.waitForFunction(() => window.heard.some((e) => e.type === 'nhs-login-help:error'));
  assert.ok(warnings.some((w) => w.includes('could not load the widget')), warnings.join('\n'));
  // The CDN is back; the person reaches for the search again: the module is asked for at a new
  // address (the page keeps the failure of the old one), and loads.
  flakyWidget.down = false;
  await page.locator('#by-url h2').first().click();
  await search.fill('password');
  await page.locator('#by-url .nhs-login-help__results a').first().waitFor();
  assert.deepEqual((await heard(page, 'nhs-login-help:error')).map((e) => e.target), ['by-url'], 'told once, for the failure');
  // The failed load itself is what the browsers log (as in the tests above).
  assert.deepEqual(watched.problems.filter((p) => !/404|integrity|Failed to fetch|module script|preload|disallowed MIME type|CORS request did not succeed/i.test(p)), []);
  await watched.context.close();
});

test('keyboard alone reaches and opens the help inside the shadow root, with a visible focus', async () => {
  const watched = await openHost('/plain.html?error=CID2014');
  const { page } = watched;
  let focus;
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    focus = await describeFocus(page);
    if (focus?.text === 'We have the wrong details for you') break;
  }
  assert.deepEqual(focus, { tag: 'summary', text: 'We have the wrong details for you', insideWidget: true, indicator: true });
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#by-error details[data-expander=wrong-details]').evaluate((d) => d.open), true);
  await watched.context.close();
});

test('axe-core finds no violations on the host page with every widget open', async () => {
  const watched = await openHost('/plain.html?error=CID2014');
  await openAllExpanders(watched.page);
  assert.equal(await watched.page.locator('details[open]').count(), await watched.page.locator('details').count());
  // Checked before axe runs: axe-core itself adds an inline style, which this CSP rightly blocks.
  await assertClean(watched);
  assert.deepEqual(await axeViolations(watched.page), []);
  await watched.context.close();
});

test('the example pages show their help: partner, GP portal with inline staff help, single-page app', async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  const open = async (path) => {
    const watched = await watchedPage(browser, { viewport: { width: 1024, height: 900 } });
    await watched.page.goto(`${widget.origin}/examples/${path}`);
    await widgetShown(watched.page, { elements: 1 });
    return watched;
  };

  const partner = await open('partner.html?error=CID7023');
  assert.equal(await partner.page.locator('nhs-login-help article').getAttribute('data-article'), 'cannot-connect-to-gp-system');
  await partner.page.locator('nhs-login-help summary').first().click();
  assert.deepEqual(await axeViolations(partner.page), []);
  await partner.page.screenshot({ path: `${SCREENSHOTS}/embed-partner.png`, fullPage: true });
  assert.deepEqual(partner.problems, []);
  await partner.context.close();

  const portal = await open('gp-portal.html');
  assert.equal(await portal.page.locator('nhs-login-help article').getAttribute('data-article'), 'nhsmail-login');
  assert.equal(await portal.page.locator('nhs-login-help article > h2.nhsuk-heading-s').count(), 1);
  assert.deepEqual(await axeViolations(portal.page), []);
  await portal.page.screenshot({ path: `${SCREENSHOTS}/embed-gp-portal.png`, fullPage: true });
  assert.deepEqual(portal.problems, []);
  await portal.context.close();

  const spa = await open('spa.html?error=CID2014');
  await spa.page.getByRole('button', { name: 'Go to ?error=CID7023' }).click();
  await spa.page.locator('#url-help article[data-article=cannot-connect-to-gp-system]').waitFor();
  await spa.page.getByRole('button', { name: 'Add a panel for CID3002' }).click();
  await spa.page.locator('#panels article[data-article=phone-cancel-link-expired]').waitFor();
  await spa.page.getByRole('button', { name: 'Remove the last panel' }).click();
  assert.equal(await spa.page.locator('#panels nhs-login-help').count(), 0);
  await spa.page.goBack();
  await spa.page.locator('#url-help article[data-article=cannot-use-login]').waitFor();
  assert.deepEqual(spa.problems, []);
  await spa.context.close();
});

test('choosing an article opens it in place; with history="push" the host URL and back button follow', async () => {
  const watched = await openHost('/plain.html?lang=en');
  const { page } = watched;
  await page.locator('#by-url').getByRole('searchbox', { name: 'Search the help' }).fill('nhsmial');
  await page.locator('#by-url .nhs-login-help__results a').click();
  await page.locator('#by-url article[data-article=nhsmail-login]').waitFor();
  assert.equal(new URL(page.url()).search, '?lang=en', 'without the opt-in the host URL is left alone');
  await watched.context.close();

  const pushing = await openHost('/push.html?lang=en');
  const search = pushing.page.locator('#by-url').getByRole('searchbox', { name: 'Search the help' });
  await search.fill('7023');
  await pushing.page.locator('#by-url .nhs-login-help__results a').first().click();
  await pushing.page.locator('#by-url article[data-article=cannot-connect-to-gp-system]').waitFor();
  assert.equal(new URL(pushing.page.url()).search, '?lang=en&error=CID7023');
  // The heading takes the focus in the frame after the article renders (WebKit's driver can see
  // the article first): wait for a heading to have it, then check which.
  await pushing.page.waitForFunction(() => document.querySelector('#by-url').shadowRoot.activeElement?.matches('article > :is(h2, h3, h4, h5, h6)'), null, { timeout: 5000 }).catch(() => {});
  const focused = await pushing.page.evaluate(() => document.querySelector('#by-url').shadowRoot.activeElement?.textContent);
  assert.equal(focused, 'Unable to connect to your GP surgery’s system', 'focus moves to the article heading');
  await pushing.page.goBack();
  await search.waitFor();
  assert.equal(await search.inputValue(), '7023', 'back returns to the results with the search text kept');
  await assertClean(pushing);
  await pushing.context.close();
});
