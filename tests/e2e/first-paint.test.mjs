// The first paint: every state the widget can show without interaction, prerendered
// from the Leptos components and shown by the embed entry or the standalone page's script before,
// or instead of, the wasm. Checks that for every state it is the markup the wasm renders for the
// same settings (articles at every placement, host links, the feedback question, deep links,
// every spelling of a reference, the fallback with its echo and suggestions, the topics); that an
// element tells the host the same events as the wasm; that without the wasm every state is usable,
// offers a contact link and passes axe-core; and that the wasm takes over when the person reaches
// for what needs it, keeping what they opened, typed and focused, moving nothing, and replaying
// their click.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { partnerPage, script, serveDirectory, servePages, withScripts } from './server.mjs';
import { axeViolations, canonicalMarkup, describeFocus, focusedIn, launchBrowser, refuseFirstPaint, watchedPage, widgetShown } from './browser.mjs';
import { ARTICLES } from './content.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';

/** The wasm-bindgen glue, which both the standalone page and the entry need before the wasm. */
const GLUE = /\/nhs-login-help-[0-9a-f]+\.js$/;

const CODES = ARTICLES.flatMap((article) => article.codes);
const PLACEMENTS = [2, 3, 4, 5, 6].flatMap((level) => ['page', 'inline'].map((variant) => `heading-level="${level}" variant="${variant}"`));
const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Every state an element can show without interaction, as its attributes. */
const ELEMENT_STATES = [
  ...ARTICLES.flatMap(({ id }) => PLACEMENTS.map((placement) => `article="${id}" ${placement}`)),
  ...CODES.map((code) => `error="${code}"`),
  ...['cid 7023', 'CID-7023', '7023', ' cid:7023 ', 'CID_2014'].map((spelling) => `error="${spelling}"`),
  'error="CID7023" contact-url="/help/contact" settings-url="https://example.org/account"',
  'error="CID3002" contact-url="https://example.org/help?lang=cy" settings-url="/account" heading-level="3" variant="inline"',
  ...ARTICLES.map(({ id }) => `article="${id}" feedback-url="/feedback"`),
  'error="CID7023" feedback-url="/feedback" heading-level="4" variant="inline"',
  ...['CID4017', 'CID9999', 'CID7032', 'CID 702', 'CID2013', '3004', '<img src=x onerror=alert(1)>', '\u200b', 'x'.repeat(100), '__proto__']
    .map((given) => `error="${escapeAttribute(given)}"`),
  'error="CID4017" contact-url="https://example.org/help?lang=cy" heading-level="3" variant="inline"',
  'article="no-such-article"',
  '',
  'heading-level="4" variant="inline"',
  'error=" " contact-url="/help/contact"',
];

/** Deep links, which an element reads from the page URL. */
const SECTION_URLS = ['?error=CID7023&section=wrong-details', '#CID1111/delete-account', '?article=nhsmail-login&section=timed-out'];

/** Every state of the standalone page without interaction. */
const STANDALONE_PATHS = [
  ...CODES.map((code) => `/?error=${code}`),
  ...ARTICLES.map(({ id }) => `/?article=${id}`),
  '/?error=cid%207023', '/?error=CID-7023', '/#CID2014', '/?error=access_denied&error_description=Sorry+(CID3002)',
  '/?error=CID7023&section=wrong-details', '/#CID7023/already-set-up',
  '/?error=CID4017', '/?error=CID7032', '/?error=CID%20702', '/?error=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', '/?article=no-such', '/',
];

/** Records every layout shift from the start, whatever caused it. */
function recordShifts() {
  window.shifts = [];
  new PerformanceObserver((list) => window.shifts.push(...list.getEntries().map((entry) => entry.value)))
    .observe({ type: 'layout-shift', buffered: true });
}

/**
 * Records the events an element tells the host, cancelling its settings links as an app opening
 * its own settings screen would; and, last in line, whether the widget stopped a link, then
 * follows it only as far as the click either way (the help centre is not reachable).
 */
function recordEvents() {
  window.heard = [];
  window.stopped = [];
  for (const type of ['nhs-login-help:shown', 'nhs-login-help:toggle', 'nhs-login-help:link']) {
    document.addEventListener(type, (event) => {
      window.heard.push([type, event.detail, event.bubbles, event.composed, event.cancelable]);
      if (event.detail.kind === 'settings') event.preventDefault();
    });
  }
  window.addEventListener('click', (event) => {
    if (!event.composedPath().some((node) => node.localName === 'a')) return;
    window.stopped.push(event.defaultPrevented);
    event.preventDefault();
  });
}

/** Records what each "shown" event told the host. */
function recordShown() {
  window.heard = [];
  document.addEventListener('nhs-login-help:shown', (event) => window.heard.push(event.detail));
}

/** Refuses constructed stylesheets, as some pages' policies and older WebViews do. */
function refuseConstructedSheets() {
  CSSStyleSheet.prototype.replaceSync = () => { throw new DOMException('refused', 'NotAllowedError'); };
}

/** The tests' scripts, which both servers serve from their own origin for a page's `scripts`. */
const SCRIPTS = {
  '/refuse-first-paint.js': script(refuseFirstPaint),
  '/record-shifts.js': script(recordShifts),
  '/record-events.js': script(recordEvents),
  '/record-shown.js': script(recordShown),
  '/refuse-constructed-sheets.js': script(refuseConstructedSheets),
};

/** The host's pages, loading the entry from `widgetBase`, after `scripts`. */
function hostPages(widgetBase, scripts) {
  const elements = ELEMENT_STATES.map((attributes, i) => `<nhs-login-help id="e${i}" ${attributes}><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>`);
  const one = (attributes) => partnerPage(widgetBase,
    `<nhs-login-help id="help" ${attributes}><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>`, { scripts });
  return {
    '/every.html': { body: partnerPage(widgetBase, elements.join('\n'), { h1: 'Every state', scripts }) },
    '/one.html': { body: one('') },
    '/cid7023.html': { body: one('error="CID7023"') },
    '/feedback.html': { body: one('error="CID7023" feedback-url="/feedback"') },
    '/two-feedback.html': {
      body: partnerPage(widgetBase, ['a', 'b'].map((id) => `<nhs-login-help id="${id}" error="CID7023" feedback-url="/feedback"></nhs-login-help>`).join('\n'), { scripts }),
    },
    // A host that starts listening only once its page has been parsed.
    '/late-listener.html': {
      body: one('error="CID7023"').replace('</main>', `</main>
  <script>
    document.addEventListener('DOMContentLoaded', () => {
      document.addEventListener('nhs-login-help:shown', (event) => { window.heardLate = event.detail; });
    });
  </script>`),
    },
  };
}

/**
 * What each keyed page (see `keyedPage`) is to get, by its key: `scripts`, `feedbackUrl` (the
 * standalone page as a help centre asking "Was this helpful?"), and `glue`, what its glue's
 * response waits for (see `serveDirectory`'s `hold`).
 */
const plans = new Map();
/** The host's files: the tests' scripts, its pages, and each keyed page's own under `/page/<key>`. */
const hostFiles = { ...SCRIPTS };

let widget;
let host;
let browser;

before(async () => {
  widget = await serveDirectory(DIST, {
    cors: true,
    pages: SCRIPTS,
    hold: (path, key) => (GLUE.test(path) ? plans.get(key)?.glue ?? true : true),
    alter: (path, body, key) => {
      const plan = plans.get(key);
      if (!plan || !(path === '/' || path === '/index.html')) return body;
      const page = withScripts(body.toString(), plan.scripts);
      return plan.feedbackUrl ? page.replace('<main ', `<main data-feedback-url="${plan.feedbackUrl}" `) : page;
    },
  });
  Object.assign(hostFiles, hostPages(widget.origin, []));
  host = await servePages(hostFiles);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([widget?.close(), host?.close()]);
});

let keys = 0;

/**
 * What the browsers say of a refused glue: Chromium, that the request failed; Firefox, that the
 * cross-origin request failed and that its empty body fails its integrity check. (The WebKit
 * shim sees no message of the browser's own.)
 */
const REFUSED_GLUE = /Failed to load resource: net::ERR_EMPTY_RESPONSE|CORS request did not succeed|integrity attribute match the content/;

/**
 * A page of its own: the URLs it opens with `goto` carry its key (`/page/<key>` first in their
 * path), by which the servers run `scripts` first in it (on the host's pages and the standalone
 * page alike) and treat its glue as asked: refused with `block`, or with `hold` held until
 * `release()`, so the first paint is all there is until then. Console errors from a refused glue
 * are expected.
 */
async function keyedPage({ block = false, hold = false, scripts = [], feedbackUrl, viewport } = {}) {
  const key = String((keys += 1));
  let release;
  const released = new Promise((resolve) => { release = () => resolve(true); });
  plans.set(key, { scripts, feedbackUrl, glue: block ? false : !hold || released });
  Object.assign(hostFiles, Object.fromEntries(Object.entries(hostPages(`${widget.origin}/page/${key}`, scripts))
    .map(([path, file]) => [`/page/${key}${path}`, file])));
  const watched = await watchedPage(browser, viewport ? { viewport } : {});
  const goto = (url, options) => {
    const keyed = new URL(url);
    keyed.pathname = `/page/${key}${keyed.pathname}`;
    return watched.page.goto(keyed.href, options);
  };
  const unexpected = () => watched.problems.filter((p) => !(block && REFUSED_GLUE.test(p)));
  return { ...watched, goto, release, unexpected };
}

/** A page whose glue is held until `release()`. */
const heldPage = (options) => keyedPage({ hold: true, ...options });

/** Each element's first paint (or, with `wasm`, the wasm's render) as canonical markup. */
async function elementMarkup(page, { wasm = false } = {}) {
  const ids = await page.evaluate(() => [...document.querySelectorAll('nhs-login-help')].map((element) => element.id));
  const inner = wasm ? 'div:not([data-first-paint]):not([hidden])' : '[data-first-paint]:not([hidden])';
  return Promise.all(ids.map((id) => page.evaluate(canonicalMarkup, `#${id} >>> ${inner}`)));
}

/** The standalone page's help as canonical markup, and its title. */
const standaloneMarkup = async (page) => ({ html: await page.evaluate(canonicalMarkup, '#nhs-login-help-standalone'), title: await page.title() });

/** Waits until every element shows its help: the first paint, or with `wasm` the wasm's render. */
const everyElementShows = (page, { wasm = false } = {}) => page.waitForFunction((fromWasm) => [...document.querySelectorAll('nhs-login-help')]
  .every((element) => element.shadowRoot?.querySelector(`${fromWasm ? 'div:not([data-first-paint]):not([hidden])' : '[data-first-paint]:not([hidden])'} .nhs-login-help`)), wasm);

test('in an element the first paint is the markup the wasm renders, for every state without interaction', async () => {
  const paths = ['/every.html', ...SECTION_URLS.map((url) => `/one.html${url}`)];
  for (const path of paths) {
    const held = await keyedPage({ block: true });
    await held.goto(`${host.origin}${path}`);
    await everyElementShows(held.page);
    const painted = await elementMarkup(held.page);
    assert.deepEqual(held.unexpected(), [], path);
    await held.context.close();

    const watched = await keyedPage({ scripts: ['/refuse-first-paint.js'] });
    await watched.goto(`${host.origin}${path}`);
    await everyElementShows(watched.page, { wasm: true });
    const rendered = await elementMarkup(watched.page, { wasm: true });
    assert.equal(painted.length, path === '/every.html' ? ELEMENT_STATES.length : 1);
    painted.forEach((markup, i) => assert.equal(markup, rendered[i], `${path} #e${i}: ${ELEMENT_STATES[i]}`));
    // Every state offers a way to contact NHS login.
    painted.forEach((markup, i) => assert.match(markup, />[Cc]ontact us<\/a>/, `${path} #e${i}: ${ELEMENT_STATES[i]}`));
    assert.deepEqual(watched.problems, [], path);
    await watched.context.close();
  }
});

test('the states really differ: placements, links, the question, open expanders, echo, suggestions, topics', async () => {
  const held = await keyedPage({ block: true });
  await held.goto(`${host.origin}/every.html`);
  await everyElementShows(held.page);
  const painted = await elementMarkup(held.page);
  const at = (attributes) => painted[ELEMENT_STATES.indexOf(attributes)];
  assert.match(at('article="nhsmail-login" heading-level="6" variant="inline"'), /nhs-login-help--inline[^]*<h6 class="nhsuk-heading-s" id="nhs-login-help-title">/);
  const hostLinks = at('error="CID7023" contact-url="/help/contact" settings-url="https://example.org/account"');
  assert.match(hostLinks, /href="\/help\/contact\?error=CID7023"/);
  assert.match(hostLinks, /href="https:\/\/example.org\/account"/);
  assert.match(at('error="CID3002" contact-url="https://example.org/help?lang=cy" settings-url="/account" heading-level="3" variant="inline"'), /href="https:\/\/example.org\/help\?lang=cy&error=CID3002"/);
  assert.match(at('article="cannot-use-login" feedback-url="/feedback"'), /Was this helpful\?[^]*<button[^>]*>Yes<\/button>/);
  assert.match(at('error="CID4017"'), /<bdi class="nhs-login-help__given">CID4017<\/bdi>[^]*contact\?error=CID4017/);
  assert.match(at('error="CID7032"'), /Did you mean <a class="nhsuk-link" href="\?error=CID7023">/);
  assert.match(at('error="CID 702"'), /Did you mean one of these\?/);
  // Echoed as text (canonical markup writes text as it is; no element was made of it, see below).
  assert.match(at(`error="${escapeAttribute('<img src=x onerror=alert(1)>')}"`), /<bdi class="nhs-login-help__given"><img src=x onerror=alert\(1\)><\/bdi>/);
  assert.match(at(`error="${'x'.repeat(100)}"`), new RegExp(`${'x'.repeat(39)}…</bdi>`));
  assert.match(at(''), /Error messages and support[^]*type="search"[^]*If you still need help, <a class="nhsuk-link" href="https:\/\/help.login.nhs.uk\/contact">contact us<\/a>/);
  assert.equal(await held.page.evaluate(() => document.querySelectorAll('img').length
    + [...document.querySelectorAll('nhs-login-help')].reduce((n, e) => n + e.shadowRoot.querySelectorAll('img, script').length, 0)), 0);
  await held.context.close();

  const deep = await keyedPage({ block: true });
  await deep.goto(`${host.origin}/one.html?error=CID7023&section=wrong-details`);
  await everyElementShows(deep.page);
  const opened = await deep.page.evaluate(() => {
    const root = document.querySelector('#help').shadowRoot;
    return { open: [...root.querySelectorAll('details[open]')].map((d) => d.dataset.expander), focused: root.activeElement?.textContent.trim() };
  });
  assert.deepEqual(opened, { open: ['wrong-details'], focused: 'We have the wrong details for you' }, 'open, its summary focused');
  await deep.context.close();
});

test('on the standalone page the first paint is the markup the wasm renders, for every state without interaction', async () => {
  for (const path of STANDALONE_PATHS) {
    const held = await keyedPage({ block: true });
    await held.goto(`${widget.origin}${path}`);
    await held.page.locator('[data-first-paint] .nhs-login-help').waitFor();
    const painted = await standaloneMarkup(held.page);
    assert.deepEqual(held.unexpected(), [], path);
    await held.context.close();

    const watched = await keyedPage({ scripts: ['/refuse-first-paint.js'] });
    await watched.goto(`${widget.origin}${path}`);
    await widgetShown(watched.page, { wasm: true });
    const rendered = await standaloneMarkup(watched.page);
    assert.deepEqual(painted, rendered, path);
    assert.deepEqual(watched.problems, [], path);
    await watched.context.close();
  }
});

test('an element with a first paint tells the host what it showed, toggled and followed, and lets it cancel a link, as the wasm does', async () => {
  const session = async (refused) => {
    const watched = await keyedPage({ scripts: refused ? ['/refuse-first-paint.js', '/record-events.js'] : ['/record-events.js'] });
    const { page } = watched;
    await watched.goto(`${host.origin}/cid7023.html`);
    await page.waitForFunction(() => window.heard.length === 1);
    const summary = page.locator('#help summary', { hasText: 'You have already set up an NHS login' });
    await summary.click();
    await page.locator('#help a', { hasText: 'Login and security settings' }).click();
    await summary.click();
    await page.locator('#help a', { hasText: 'Contact us' }).click();
    await page.waitForFunction(() => window.heard.length === 5);
    const result = {
      heard: await page.evaluate(() => window.heard),
      stopped: await page.evaluate(() => window.stopped),
      wasm: await page.evaluate(() => Boolean(document.querySelector('#help').shadowRoot.querySelector('div:not([data-first-paint]):not([hidden]) .nhs-login-help'))),
    };
    assert.deepEqual(watched.problems, []);
    await watched.context.close();
    return result;
  };
  const painted = await session(false);
  const wasm = await session(true);
  assert.deepEqual([painted.wasm, wasm.wasm], [false, true], 'the first paint, then the wasm');
  assert.deepEqual(painted.heard, wasm.heard);
  assert.deepEqual(painted.stopped, [true, false], 'the settings link the host cancelled is not followed, the contact link is');
  assert.deepEqual(wasm.stopped, painted.stopped);
  const article = 'cannot-connect-to-gp-system';
  assert.deepEqual(painted.heard, [
    ['nhs-login-help:shown', { reference: 'CID7023', article }, true, true, false],
    ['nhs-login-help:toggle', { article, expander: 'already-set-up', open: true }, true, true, false],
    ['nhs-login-help:link', { kind: 'settings', href: 'https://settings.login.nhs.uk/' }, true, true, true],
    ['nhs-login-help:toggle', { article, expander: 'already-set-up', open: false }, true, true, false],
    ['nhs-login-help:link', { kind: 'contact', href: 'https://help.login.nhs.uk/contact?error=CID7023' }, true, true, true],
  ]);
});

test('a host that starts listening on DOMContentLoaded still hears what a first paint showed', async () => {
  const watched = await watchedPage(browser);
  await watched.page.goto(`${host.origin}/late-listener.html`);
  await watched.page.waitForFunction(() => window.heardLate);
  assert.deepEqual(await watched.page.evaluate(() => window.heardLate), { reference: 'CID7023', article: 'cannot-connect-to-gp-system' });
  assert.deepEqual(watched.problems, []);
  await watched.context.close();
});

test('with the wasm never arriving, every state is usable, offers a contact link and passes axe-core', async () => {
  const pages = [
    ...['/?error=CID7023&section=wrong-details', '/?error=CID4017', '/?error=CID%20702', '/', '/?article=nhsmail-login']
      .map((path) => ({ url: `${widget.origin}${path}`, root: '#nhs-login-help-standalone' })),
    ...['/one.html', '/one.html?error=CID7032', '/feedback.html', '/one.html?error=%3Cb%3E']
      .map((path) => ({ url: `${host.origin}${path}`, root: '#help' })),
  ];
  for (const { url, root } of pages) {
    const held = await keyedPage({ block: true });
    const { page } = held;
    await held.goto(url);
    await page.locator(`${root} .nhs-login-help :is(h1, h2)`).first().waitFor();
    assert.deepEqual(await axeViolations(page), [], url);
    // A way to contact NHS login in every state: an article's own link, or the widget's "contact us".
    const contact = page.locator(`${root} a[href^="https://help.login.nhs.uk/contact"]`);
    assert.ok(await contact.count() >= 1, url);
    // Keyboard: Tab reaches the first control, with a visible focus; native expanders open.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Tab');
    const focus = await describeFocus(page);
    assert.ok(focus?.insideWidget && focus.indicator, `${url}: ${JSON.stringify(focus)}`);
    const closedOnes = page.locator(`${root} details:not([open])`);
    if (await closedOnes.count()) {
      const closed = await closedOnes.first().getAttribute('data-expander');
      const details = page.locator(`${root} details[data-expander="${closed}"]`);
      await details.locator('summary').focus();
      await page.keyboard.press('Enter');
      assert.equal(await details.evaluate((d) => d.open), true, url);
      assert.deepEqual(await axeViolations(page), [], `${url}, an expander open`);
    }
    assert.deepEqual(held.unexpected(), [], url);
    await held.context.close();
  }
});

const shifted = (page) => page.evaluate(() => window.shifts.reduce((sum, value) => sum + value, 0));

/**
 * Where each element of the help shown is, in document order (inside `host`'s shadow root when
 * given): the takeover must move none. Measured in every engine, where layout-shift entries
 * (Chromium's) are not.
 */
const placed = (page, host) => page.evaluate((hostId) => {
  const root = hostId ? document.getElementById(hostId).shadowRoot : document;
  const help = [...root.querySelectorAll('.nhs-login-help')].find((candidate) => candidate.getClientRects().length > 0);
  return [...help.querySelectorAll('*')].map((element) => {
    const { x, y, width, height } = element.getBoundingClientRect();
    return `${element.localName} ${Math.round(x)},${Math.round(y)} ${Math.round(width)}×${Math.round(height)}`;
  });
}, host);

test('on the standalone page, text typed before the wasm is kept and searched, with the focus, and nothing moves', async () => {
  const held = await heldPage({ scripts: ['/record-shifts.js'] });
  const { page } = held;
  await held.goto(`${widget.origin}/`, { waitUntil: 'commit' });
  const search = page.getByRole('searchbox', { name: 'Search the help' });
  await search.waitFor();
  await search.click();
  await page.keyboard.type('nhsmial');
  assert.equal(await page.locator('[data-first-paint]').count(), 1, 'still the first paint');
  held.release();
  await page.locator('.nhs-login-help__results a', { hasText: 'Problems logging in with NHSmail' }).waitFor();
  assert.equal(await page.locator('[data-first-paint]').count(), 0, 'the wasm has taken over');
  assert.equal(await search.inputValue(), 'nhsmial');
  assert.deepEqual(await describeFocus(page), { tag: 'input', text: '', insideWidget: true, indicator: true });
  await page.keyboard.type(' login');
  assert.equal(await search.inputValue(), 'nhsmial login', 'typing goes on in the same field');
  assert.deepEqual(held.problems, []);
  await held.context.close();

  // The swap alone moves nothing: focus the field, let the wasm take over, type nothing.
  const still = await heldPage({ scripts: ['/record-shifts.js'] });
  await still.goto(`${widget.origin}/`, { waitUntil: 'commit' });
  await still.page.getByRole('searchbox', { name: 'Search the help' }).focus();
  await still.page.waitForTimeout(100);
  const settled = await shifted(still.page);
  const before = await placed(still.page);
  still.release();
  await widgetShown(still.page, { wasm: true });
  await still.page.waitForTimeout(300);
  assert.equal(await shifted(still.page), settled, 'no layout shift at the takeover');
  assert.deepEqual(await placed(still.page), before, 'every element where it was');
  await still.context.close();
});

test('in an element, the takeover keeps the open expander, the focus and the scroll, moves nothing, and replays the click', async () => {
  const held = await heldPage({ scripts: ['/record-shifts.js', '/record-shown.js'], viewport: { width: 390, height: 500 } });
  const { page } = held;
  await held.goto(`${host.origin}/feedback.html`, { waitUntil: 'commit' });
  const summary = page.locator('#help summary', { hasText: 'We have the wrong details for you' });
  await summary.click();
  const yes = page.locator('#help').getByRole('button', { name: 'Yes' });
  await yes.scrollIntoViewIfNeeded();
  await yes.focus();
  const scroll = await page.evaluate(() => scrollY);
  const settled = await shifted(page);
  const before = await placed(page, 'help');
  held.release();
  await page.waitForFunction(() => document.querySelector('#help').shadowRoot.querySelector('div:not([data-first-paint]):not([hidden]) .nhs-login-help'));
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => {
    const root = document.querySelector('#help').shadowRoot;
    return { open: [...root.querySelectorAll('details[open]')].map((d) => d.dataset.expander), focused: root.activeElement?.textContent, scroll: scrollY };
  });
  assert.deepEqual(state, { open: ['wrong-details'], focused: 'Yes', scroll });
  assert.equal(await shifted(page), settled, 'no layout shift at the takeover');
  assert.deepEqual(await placed(page, 'help'), before, 'every element where it was');
  assert.equal((await page.evaluate(() => window.heard)).length, 1, 'the host heard "shown" once, not again at the takeover');
  await held.context.close();

  // A click before the wasm arrives is held, then replayed: the question is answered.
  const clicked = await heldPage();
  await clicked.goto(`${host.origin}/feedback.html`, { waitUntil: 'commit' });
  await clicked.page.locator('#help').getByRole('button', { name: 'Yes' }).click();
  assert.equal(await clicked.page.locator('#help .nhs-login-help__thanks').count(), 0, 'nothing yet without the wasm');
  clicked.release();
  await clicked.page.locator('#help .nhs-login-help__thanks').waitFor();
  // The thanks takes the focus on the frame after it renders (components/feedback.rs).
  await focusedIn(clicked.page, 'help', '.nhs-login-help__thanks');
  await clicked.context.close();
});

/**
 * Sends `types` to the first paint's button `name` in element `id`, as a touch screen does
 * before its click, which the test sends later (`window.pressed.click()`).
 */
const pointer = (page, name, types, id = 'help') => page.evaluate(([elementId, buttonName, eventTypes]) => {
  const button = [...document.getElementById(elementId).shadowRoot.querySelectorAll('[data-first-paint] button')]
    .find((b) => b.textContent === buttonName);
  window.pressed = button;
  for (const type of eventTypes) button.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, pointerType: 'touch' }));
}, [id, name, types]);
const firstPaintShown = (page, id = 'help') => page.evaluate((elementId) => Boolean(document.getElementById(elementId).shadowRoot.querySelector('[data-first-paint]:not([hidden])')), id);
const wasmFetched = (page) => page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('_bg.wasm') && entry.responseEnd > 0));

test('in an element, a press whose click comes late (a tap’s, once the browser has recognised it) is held until it comes, and the takeover scrolls nothing', async () => {
  // Pressed and released before the wasm is here; the wasm arrives; then the click.
  const late = await heldPage({ viewport: { width: 390, height: 500 } });
  await late.goto(`${host.origin}/feedback.html`, { waitUntil: 'commit' });
  await late.page.locator('#help').getByRole('button', { name: 'No' }).waitFor();
  await pointer(late.page, 'No', ['pointerdown', 'pointerup']);
  late.release();
  await wasmFetched(late.page);
  await late.page.waitForTimeout(300);
  assert.equal(await firstPaintShown(late.page), true, 'the takeover waits for the click');
  await late.page.evaluate(() => window.pressed.click());
  await late.page.locator('#help').getByRole('textbox', { name: /What was missing/ }).waitFor();
  assert.deepEqual(late.problems, []);
  await late.context.close();

  // The focus is on an expander out of view when the wasm takes over: it stays there, unscrolled.
  const scrolled = await heldPage({ viewport: { width: 390, height: 500 } });
  const { page } = scrolled;
  await scrolled.goto(`${host.origin}/feedback.html`, { waitUntil: 'commit' });
  const summary = page.locator('#help summary', { hasText: 'We have the wrong details for you' });
  await summary.click();
  await summary.focus();
  await page.locator('#help').getByRole('button', { name: 'No' }).scrollIntoViewIfNeeded();
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  assert.ok((await summary.evaluate((el) => el.getBoundingClientRect().bottom)) < 0, 'the focused expander is out of view');
  const scroll = await page.evaluate(() => scrollY);
  await pointer(page, 'No', ['pointerdown', 'pointercancel']);
  scrolled.release();
  await page.waitForFunction(() => document.querySelector('#help').shadowRoot.querySelector('div:not([data-first-paint]):not([hidden]) .nhs-login-help'));
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => ({ focused: document.querySelector('#help').shadowRoot.activeElement?.textContent.trim(), scroll: scrollY }));
  assert.deepEqual(state, { focused: 'We have the wrong details for you', scroll });
  assert.deepEqual(scrolled.problems, []);
  await scrolled.context.close();
});

test('in an element, the takeover waits for a press in another element to get its click too, so its replayed click moves nothing under it', async () => {
  const two = await heldPage({ viewport: { width: 390, height: 800 } });
  const { page } = two;
  await two.goto(`${host.origin}/two-feedback.html`, { waitUntil: 'commit' });
  // #a asks for the wasm with No (held, to be replayed); then #b is pressed, its click still to come.
  await page.locator('#a').getByRole('button', { name: 'No' }).click();
  await pointer(page, 'No', ['pointerdown', 'pointerup'], 'b');
  two.release();
  await wasmFetched(page);
  await page.waitForTimeout(300);
  assert.equal(await firstPaintShown(page, 'a'), true, 'the takeover in #a waits for the click in #b');
  await page.evaluate(() => window.pressed.click());
  await page.locator('#a').getByRole('textbox', { name: /What was missing/ }).waitFor();
  await page.locator('#b').getByRole('textbox', { name: /What was missing/ }).waitFor();
  assert.deepEqual(two.problems, []);
  await two.context.close();
});

test('on the standalone page, a press on Yes before the wasm arrives is answered once it has', async () => {
  // The page as a help centre that asks "Was this helpful?".
  const held = await heldPage({ feedbackUrl: '/feedback' });
  const { page } = held;
  await held.goto(`${widget.origin}/?error=CID7023`, { waitUntil: 'commit' });
  await page.getByRole('button', { name: 'Yes' }).click();
  assert.equal(await page.locator('.nhs-login-help__thanks').count(), 0, 'nothing yet without the wasm');
  held.release();
  await page.locator('.nhs-login-help__thanks').waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Thank you for your feedback.');
  await held.context.close();
});

test('in an element, a topic chosen before the wasm arrives opens in place once it has', async () => {
  const held = await heldPage();
  await held.goto(`${host.origin}/one.html?lang=en`, { waitUntil: 'commit' });
  await held.page.locator('#help a', { hasText: 'Problems logging in with NHSmail' }).click();
  held.release();
  await held.page.locator('#help article[data-article=nhsmail-login]').waitFor();
  assert.equal(new URL(held.page.url()).search, '?lang=en', 'the host page stayed where it was');
  assert.deepEqual(held.problems, []);
  await held.context.close();
});

test('?gallery needs no wasm (it leads to the gallery page); where innerHTML is refused, the fallback children show until the wasm renders', async () => {
  const gallery = await keyedPage({ block: true });
  await gallery.goto(`${widget.origin}/?gallery`);
  await gallery.page.waitForFunction(() => location.pathname.endsWith('/gallery.html') && document.querySelector('section[data-article]'));
  await gallery.context.close();

  const refused = await heldPage({ scripts: ['/refuse-first-paint.js'] });
  await refused.goto(`${host.origin}/cid7023.html`, { waitUntil: 'commit' });
  const fallback = refused.page.locator('#help').getByRole('link', { name: 'Get help with NHS login' });
  await fallback.waitFor();
  assert.equal(await fallback.isVisible(), true);
  refused.release();
  await refused.page.locator('#help article[data-article=cannot-connect-to-gp-system]').waitFor();
  assert.equal(await fallback.isVisible(), false);
  await refused.context.close();
});

test('where constructed stylesheets are refused, each element links the CSS file and still paints styled', async () => {
  const watched = await keyedPage({ scripts: ['/refuse-constructed-sheets.js'] });
  await watched.goto(`${host.origin}/cid7023.html`);
  await widgetShown(watched.page, { elements: 1 });
  const styled = await watched.page.evaluate(() => {
    const root = document.querySelector('#help').shadowRoot;
    return {
      adopted: root.adoptedStyleSheets.length,
      linked: root.querySelectorAll('link[rel=stylesheet][integrity]').length,
      font: getComputedStyle(root.querySelector('h2')).fontSize,
    };
  });
  assert.deepEqual(styled, { adopted: 0, linked: 1, font: '36px' });
  assert.deepEqual(watched.problems, []);
  await watched.context.close();
});
