// Server-rendered help: the build's `fragments/*.html`, each `<nhs-login-help>` with a
// declarative shadow root holding the entry's first paint, pasted into a host page. Checks that
// a page with a fragment and no script at all shows the help, styled under the CSP the README
// gives (its style allowed by hash), usable by keyboard and pointer and clean for axe-core; that
// the entry, loaded from the widget's origin as from a CDN, adopts the fragment without painting
// it again (the same nodes, what the person opened kept), still tells the host what it shows and
// lets the wasm take over when the person reaches for the search; that a fragment whose host
// attributes were changed is painted again, once; and that every fragment in the build is
// well-formed and is what the entry paints for the same attributes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { partnerPage, script, serveDirectory, servePages, strictPolicy } from './server.mjs';
import { axeViolations, describeFocus, launchBrowser, tabTo, watchedPage } from './browser.mjs';
import { ARTICLES } from './content.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';

const MANIFEST = JSON.parse(await readFile(join(DIST, 'manifest.json'), 'utf8'));
const { styleSrc, files: FRAGMENT_FILES } = MANIFEST.fragments;
/** Each fragment's HTML, by the reference or article id it is named after. */
const FRAGMENTS = Object.fromEntries(await Promise.all(Object.entries(FRAGMENT_FILES)
  .map(async ([name, file]) => [name, await readFile(join(DIST, file), 'utf8')])));
const CID7023 = ARTICLES.find((article) => article.codes.includes('CID7023'));

/**
 * The host page's first script: records the widget's events and CSP violations, and stops links
 * at the click (the help centre is not reachable from these machines).
 */
function record() {
  window.heard = [];
  window.violations = [];
  for (const type of ['nhs-login-help:shown', 'nhs-login-help:toggle', 'nhs-login-help:link']) {
    document.addEventListener(type, (event) => window.heard.push({ type, detail: event.detail }));
  }
  document.addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  document.addEventListener('click', (event) => {
    if (event.composedPath().some((node) => node.localName === 'a')) event.preventDefault();
  });
}

/**
 * Run in the page once a fragment has been parsed and before the entry runs (a classic script
 * after the element, while the entry, a module, waits for the parser; or by the test, before it
 * adds the entry): marks the first paint's nodes and records every change to the element's
 * shadow tree from then on.
 */
function observe() {
  const element = document.querySelector('nhs-login-help');
  const root = element.shadowRoot;
  window.served = { root, paint: root.querySelector('[data-first-paint]'), details: root.querySelector('details'), heading: root.querySelector('h2') };
  // An expando, not an attribute: an attribute would be markup, which the entry compares.
  if (window.served.details) window.served.details.testMark = 'before the entry';
  window.mutations = [];
  new MutationObserver((records) => window.mutations.push(...records.map((r) => ({
    target: r.target === root ? '#shadow-root' : r.target.localName + (r.target.hasAttribute?.('data-first-paint') ? '[data-first-paint]' : ''),
    added: [...r.addedNodes].map((n) => n.nodeName.toLowerCase()),
    removed: [...r.removedNodes].map((n) => n.nodeName.toLowerCase()),
  })))).observe(root, { childList: true, subtree: true });
}

/** What `observe` saw: whether the first paint's nodes are the ones in the shadow tree now, and every change. */
const observed = (page) => page.evaluate(() => {
  const { root, paint, details, heading } = window.served;
  return {
    sameRoot: document.querySelector('nhs-login-help').shadowRoot === root,
    samePaint: root.querySelector('[data-first-paint]') === paint,
    sameDetails: root.querySelector('details') === details,
    sameHeading: root.querySelector('h2') === heading,
    mark: root.querySelector('details')?.testMark ?? null,
    mutations: window.mutations,
  };
});

/** Adds the entry to the page, from the widget's origin, as a host's own script would. */
function addEntry(src) {
  const entry = document.createElement('script');
  entry.type = 'module';
  entry.src = src;
  document.head.append(entry);
}

/** The rule the README gives hosts, so that a fragment follows the person's text size with no script. */
const TEXT_SIZE_RULE = '@property --nhs-login-help-px { syntax: "<length>"; inherits: true; initial-value: 1px; }\n';

let widget;
let host;
let bare;
let browser;

before(async () => {
  widget = await serveDirectory(DIST, { cors: true });
  // A host page with `body` in its main content: with no script, or with `entry` recording what
  // it hears, then loading the entry in its head, as the snippet puts it.
  const hostPage = (body, { head = '', entry = false } = {}) => partnerPage(widget.origin, body, { head, icon: false, script: entry, scripts: entry ? ['/record.js'] : [] });
  const pages = {
    '/record.js': script(record),
    '/favicon.ico': { body: '', type: 'image/x-icon' },
    '/observe.js': script(observe),
    // A fragment and no script at all.
    '/no-script.html': { body: hostPage(FRAGMENTS.CID7023) },
    // The entry in the head, as the snippet puts it: it runs once the page has been parsed.
    '/adopt.html': { body: hostPage(`${FRAGMENTS.CID7023}\n    <script src="/observe.js"></script>`, { entry: true }) },
    '/topics.html': { body: hostPage(`${FRAGMENTS.topics}\n    <script src="/observe.js"></script>`, { entry: true }) },
    // The host changed an attribute of the fragment it pasted.
    '/changed.html': {
      body: hostPage(`${FRAGMENTS.CID7023.replace('<nhs-login-help error="CID7023">', '<nhs-login-help error="CID7023" heading-level="3">')}\n    <script src="/observe.js"></script>`, { entry: true }),
    },
    // Every fragment, no script: the entry is added by the test.
    '/every.html': { body: hostPage(Object.values(FRAGMENTS).join('\n')) },
    // The host's own stylesheet registers the widget's unit, as the README suggests.
    '/host.css': { body: TEXT_SIZE_RULE, type: 'text/css' },
    '/text-size.html': { body: hostPage(FRAGMENTS.CID7023, { head: '<link rel="stylesheet" href="/host.css">' }) },
  };
  // The policy the README gives for fragments: their style allowed by its hash, the widget's
  // origin for its scripts (the pages that load the entry), nothing inline.
  host = await servePages(pages, {
    'content-security-policy': strictPolicy(widget.origin, { styleSrc }),
  });
  // The same page under a policy without the hash.
  bare = await servePages(pages, { 'content-security-policy': "default-src 'self'; style-src 'self'" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([widget?.close(), host?.close(), bare?.close()]);
});

/** The styles a fragment's help has, which only the widget's CSS gives it. */
const widgetStyles = (page) => page.evaluate(() => {
  const root = document.querySelector('nhs-login-help').shadowRoot;
  const style = getComputedStyle(root.querySelector('h2'));
  return { fontFamily: style.fontFamily, fontSize: style.fontSize, summary: getComputedStyle(root.querySelector('summary')).color };
});

test('the manifest names every article state, and the style hash it gives is the hash of the style in every fragment', async () => {
  const names = ARTICLES.flatMap((article) => (article.codes.length ? article.codes : [article.id]));
  assert.deepEqual(Object.keys(FRAGMENT_FILES).sort(), [...names, 'topics'].sort());
  const css = await readFile(join(DIST, Object.keys(MANIFEST.assets).find((file) => /^widget-[0-9a-f]+\.css$/.test(file))), 'utf8');
  assert.equal(styleSrc, `'sha256-${createHash('sha256').update(css).digest('base64')}'`);
  for (const [name, html] of Object.entries(FRAGMENTS)) {
    assert.ok(html.includes(`<style>${css}</style>`), `${name}: the widget's CSS, inline`);
    assert.doesNotMatch(html, /<script/i, name);
  }
});

test('a fragment on a page with no script shows the help, styled under a CSP that allows its style by hash, usable by keyboard and pointer, and passes axe-core', async () => {
  const watched = await watchedPage(browser);
  const { page } = watched;
  await page.goto(`${host.origin}/no-script.html`);
  assert.deepEqual(await page.evaluate(() => ({
    scripts: document.scripts.length,
    defined: Boolean(customElements.get('nhs-login-help')),
    shadow: Boolean(document.querySelector('nhs-login-help').shadowRoot),
  })), { scripts: 0, defined: false, shadow: true });
  assert.equal(await page.locator('nhs-login-help h2').textContent(), CID7023.title);
  assert.equal(await page.getByRole('link', { name: 'Get help with NHS login' }).isVisible(), false, 'the fallback children are not shown');
  // Styles only the widget's CSS gives: the NHS font stack, the desktop type scale, NHS blue summaries.
  const styles = await widgetStyles(page);
  assert.match(styles.fontFamily, /Frutiger W01/);
  assert.equal(styles.fontSize, '36px');
  assert.equal(styles.summary, 'rgb(0, 94, 184)');
  // Native expanders: Enter and Space, then a click.
  const summary = await tabTo(page, (focus) => focus.tag === 'summary');
  assert.ok(summary.indicator, 'a visible focus indicator');
  const details = page.locator('nhs-login-help details', { hasText: summary.text }).first();
  await page.keyboard.press('Enter');
  assert.equal(await details.evaluate((d) => d.open), true, 'Enter opens');
  await page.keyboard.press(' ');
  assert.equal(await details.evaluate((d) => d.open), false, 'Space closes');
  await page.locator('nhs-login-help summary', { hasText: summary.text }).click();
  assert.equal(await details.evaluate((d) => d.open), true, 'a click opens');
  assert.equal(await page.locator('nhs-login-help a', { hasText: 'Contact us' }).getAttribute('href'), 'https://help.login.nhs.uk/contact?error=CID7023');
  assert.deepEqual(await axeViolations(page), [], 'an expander open');
  const all = page.locator('nhs-login-help summary');
  for (let i = 0; i < (await all.count()); i += 1) {
    if (!(await page.locator('nhs-login-help details').nth(i).evaluate((d) => d.open))) await all.nth(i).click();
  }
  assert.deepEqual(await axeViolations(page), [], 'every expander open');
  assert.equal(await page.evaluate(() => Boolean(customElements.get('nhs-login-help'))), false, 'still no script');
  assert.deepEqual(watched.problems, []);
  await watched.context.close();

  // Under a policy without the hash, the style is refused: the hash is what lets it through. The
  // help is still there, unstyled (console errors about the refused style are expected here).
  const refused = await watchedPage(browser);
  await refused.page.goto(`${bare.origin}/no-script.html`);
  assert.equal(await refused.page.locator('nhs-login-help h2').textContent(), CID7023.title);
  assert.doesNotMatch((await widgetStyles(refused.page)).fontFamily, /Frutiger/);
  await refused.context.close();
});

test('the entry, from the widget’s origin, adopts a fragment as it is: the same nodes, no new paint, and it still tells the host what it shows', async () => {
  const watched = await watchedPage(browser);
  const { page } = watched;
  await page.goto(`${host.origin}/adopt.html`);
  await page.waitForFunction(() => window.heard.some((event) => event.type === 'nhs-login-help:shown'));
  assert.deepEqual(await observed(page), {
    sameRoot: true, samePaint: true, sameDetails: true, sameHeading: true, mark: 'before the entry', mutations: [],
  });
  assert.deepEqual(await page.evaluate(() => {
    const root = document.querySelector('nhs-login-help').shadowRoot;
    return { sheets: root.adoptedStyleSheets.length, children: [...root.children].map((child) => child.cloneNode(false).outerHTML) };
  }), { sheets: 1, children: ['<style></style>', '<div data-first-paint=""></div>', '<div hidden=""></div>'] }, 'the shadow tree as served, and the shared sheet');
  assert.equal((await widgetStyles(page)).fontSize, '36px', 'still styled');
  // The adopted help is live: the host hears what the person opens and follows.
  await page.locator('nhs-login-help summary', { hasText: 'We have the wrong details for you' }).click();
  await page.locator('nhs-login-help a', { hasText: 'Contact us' }).click();
  await page.waitForFunction(() => window.heard.length >= 3);
  const article = CID7023.id;
  assert.deepEqual(await page.evaluate(() => window.heard), [
    { type: 'nhs-login-help:shown', detail: { reference: 'CID7023', article } },
    { type: 'nhs-login-help:toggle', detail: { article, expander: 'wrong-details', open: true } },
    { type: 'nhs-login-help:link', detail: { kind: 'contact', href: 'https://help.login.nhs.uk/contact?error=CID7023' } },
  ]);
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violations');
  assert.deepEqual(watched.problems, []);
  await watched.context.close();
});

test('what the person opened before the entry arrived stays open, on the same nodes, when it adopts the fragment', async () => {
  const watched = await watchedPage(browser);
  const { page } = watched;
  await page.goto(`${host.origin}/no-script.html`);
  const summary = page.locator('nhs-login-help summary', { hasText: 'We have the wrong details for you' });
  await summary.click();
  await summary.focus();
  await page.evaluate(observe);
  await page.evaluate(record);
  await page.evaluate(addEntry, `${widget.origin}/nhs-login-help.js`);
  await page.waitForFunction(() => window.heard.some((event) => event.type === 'nhs-login-help:shown'));
  assert.deepEqual(await observed(page), {
    sameRoot: true, samePaint: true, sameDetails: true, sameHeading: true, mark: 'before the entry', mutations: [],
  });
  assert.deepEqual(await page.evaluate(() => {
    const root = document.querySelector('nhs-login-help').shadowRoot;
    return { open: [...root.querySelectorAll('details[open]')].map((details) => details.dataset.expander), focused: root.activeElement?.textContent.trim() };
  }), { open: ['wrong-details'], focused: 'We have the wrong details for you' }, 'still open, its summary still focused');
  // The person goes on where they were: closing it is told to the host.
  await summary.click();
  await page.waitForFunction(() => window.heard.length >= 2);
  assert.deepEqual((await page.evaluate(() => window.heard)).map(({ type, detail }) => [type, detail.open ?? detail.reference]), [
    ['nhs-login-help:shown', 'CID7023'],
    ['nhs-login-help:toggle', false],
  ]);
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violations');
  assert.deepEqual(watched.problems, []);
  await watched.context.close();
});

test('an adopted fragment of the topics lets the wasm take over when the person reaches for the search', async () => {
  const watched = await watchedPage(browser);
  const { page } = watched;
  await page.goto(`${host.origin}/topics.html`);
  await page.waitForFunction(() => window.heard.some((event) => event.type === 'nhs-login-help:shown'));
  assert.deepEqual(await page.evaluate(() => window.heard), [{ type: 'nhs-login-help:shown', detail: { reference: null, article: null } }]);
  const adopted = await observed(page);
  assert.deepEqual([adopted.sameRoot, adopted.samePaint, adopted.mutations], [true, true, []]);
  const search = page.locator('nhs-login-help').getByRole('searchbox', { name: 'Search the help' });
  // Focused as by Tab (a click on a field inside a shadow root is refused by WebKit's driver as covered).
  await search.focus();
  await page.keyboard.type('nhsmial');
  await page.locator('nhs-login-help .nhs-login-help__results a', { hasText: 'Problems logging in with NHSmail' }).waitFor();
  assert.deepEqual(await page.evaluate(() => {
    const root = document.querySelector('nhs-login-help').shadowRoot;
    return { painted: root.querySelector('[data-first-paint]')?.childElementCount ?? 0, wasm: Boolean(root.querySelector('div:not([data-first-paint]):not([hidden]) .nhs-login-help')) };
  }), { painted: 0, wasm: true }, 'the wasm renders the element now');
  assert.equal(await search.inputValue(), 'nhsmial', 'what the person typed is kept');
  assert.deepEqual(await describeFocus(page), { tag: 'input', text: '', insideWidget: true, indicator: true });
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violations');
  assert.deepEqual(watched.problems, []);
  await watched.context.close();
});

test('a fragment whose host changed its attributes is painted again, once, for them', async () => {
  const watched = await watchedPage(browser);
  const { page } = watched;
  await page.goto(`${host.origin}/changed.html`);
  await page.waitForFunction(() => window.heard.some((event) => event.type === 'nhs-login-help:shown'));
  await page.waitForTimeout(200);
  assert.equal(await page.locator('nhs-login-help article > h3').textContent(), CID7023.title);
  assert.equal(await page.locator('nhs-login-help h2').count(), 0);
  const seen = await observed(page);
  assert.deepEqual([seen.sameRoot, seen.samePaint, seen.sameHeading], [true, true, false], 'the same first-paint container, new help in it');
  const repaints = seen.mutations.filter((mutation) => mutation.target === 'div[data-first-paint]');
  assert.equal(repaints.length, 1, `painted once: ${JSON.stringify(seen.mutations)}`);
  assert.deepEqual(await page.evaluate(() => window.heard), [{ type: 'nhs-login-help:shown', detail: { reference: 'CID7023', article: CID7023.id } }]);
  assert.deepEqual(watched.problems, []);
  await watched.context.close();
});

test('every fragment in the build is well-formed, and its shadow tree is what the entry builds and paints for the same attributes', async () => {
  const watched = await watchedPage(browser);
  const { page } = watched;
  await page.goto(`${host.origin}/every.html`);
  // As parsed with no script: one element per fragment, each with its shadow root and nothing
  // else left over (no template the parser did not take, no stray markup).
  const served = await page.evaluate((styles) => [...document.querySelectorAll('nhs-login-help')].map((element) => {
    const root = element.shadowRoot;
    return {
      attributes: [...element.attributes].map(({ name, value }) => [name, value]),
      light: [...element.childNodes].map((node) => node.nodeName.toLowerCase()),
      children: root ? [...root.children].map((child) => child.localName + (child.hasAttribute('data-first-paint') ? '[data-first-paint]' : '') + (child.hidden ? '[hidden]' : '')) : null,
      style: root?.querySelector('style')?.textContent === styles,
      // The shadow tree as the entry would have it: without the inline style.
      markup: root ? [...root.children].filter((child) => child.localName !== 'style').map((child) => child.outerHTML).join('') : null,
    };
  }), await readFile(join(DIST, Object.keys(MANIFEST.assets).find((file) => /^widget-[0-9a-f]+\.css$/.test(file))), 'utf8'));
  assert.equal(served.length, Object.keys(FRAGMENTS).length, 'one element per fragment');
  assert.equal(await page.evaluate(() => document.querySelectorAll('template').length + document.querySelector('main').children.length), Object.keys(FRAGMENTS).length + 1, 'the h1 and the elements, nothing else');
  for (const [i, name] of Object.keys(FRAGMENTS).entries()) {
    const fragment = served[i];
    assert.deepEqual(fragment.light, ['a'], `${name}: the fallback link only`);
    assert.deepEqual(fragment.children, ['style', 'div[data-first-paint]', 'div[hidden]'], name);
    assert.ok(fragment.style, `${name}: the widget's CSS`);
  }

  // The same attributes on elements the entry builds and paints itself.
  await page.evaluate(() => {
    window.twins = document.createElement('div');
    for (const element of document.querySelectorAll('nhs-login-help')) {
      const twin = document.createElement('nhs-login-help');
      for (const { name, value } of element.attributes) twin.setAttribute(name, value);
      twin.innerHTML = '<a href="https://help.login.nhs.uk/">Get help with NHS login</a>';
      window.twins.append(twin);
    }
    document.querySelector('main').append(window.twins);
  });
  // Allowed by the policy: the widget's origin is in script-src (the test adds the tag as a host's script would).
  await page.evaluate(addEntry, `${widget.origin}/nhs-login-help.js`);
  await page.waitForFunction((n) => [...window.twins.children].filter((twin) => twin.shadowRoot?.querySelector('[data-first-paint]:not([hidden]) .nhs-login-help')).length === n, served.length);
  const painted = await page.evaluate(() => [...window.twins.children].map((twin) => twin.shadowRoot.innerHTML));
  for (const [i, name] of Object.keys(FRAGMENTS).entries()) assert.equal(served[i].markup, painted[i], name);
  // And the fragments the entry adopted meanwhile are still as they were served.
  const adopted = await page.evaluate(() => [...document.querySelectorAll('main > nhs-login-help')]
    .map((element) => [...element.shadowRoot.children].filter((child) => child.localName !== 'style').map((child) => child.outerHTML).join('')));
  for (const [i, name] of Object.keys(FRAGMENTS).entries()) assert.equal(adopted[i], served[i].markup, `${name}, adopted`);
  assert.deepEqual(watched.problems, []);
  await watched.context.close();
});

test('with the README’s rule in the host’s CSS, a fragment follows the person’s text size with no script, and nothing changes when the entry arrives', async () => {
  const large = await launchBrowser({ defaultFontSize: 24 });
  try {
    const sizes = (page) => page.evaluate(() => {
      const root = document.querySelector('nhs-login-help').shadowRoot;
      return [getComputedStyle(root.querySelector('h2')).fontSize, getComputedStyle(root.querySelector('article > p')).fontSize];
    });
    const loadEntry = async (page) => {
      await page.evaluate(record);
      await page.evaluate(addEntry, `${widget.origin}/nhs-login-help.js`);
      await page.waitForFunction(() => window.heard.some((event) => event.type === 'nhs-login-help:shown'));
    };
    // At a 24 px default, 36 px headings and 19 px body text become 54 px and 28.5 px.
    const watched = await watchedPage(large);
    await watched.page.goto(`${host.origin}/text-size.html`);
    assert.deepEqual(await sizes(watched.page), ['54px', '28.5px'], 'no script');
    await loadEntry(watched.page);
    assert.deepEqual(await sizes(watched.page), ['54px', '28.5px'], 'adopted');
    assert.deepEqual(watched.problems, []);
    await watched.context.close();

    // Without it: the fixed px sizes until the entry registers the unit.
    const plain = await watchedPage(large);
    await plain.page.goto(`${host.origin}/no-script.html`);
    assert.deepEqual(await sizes(plain.page), ['36px', '19px'], 'no script, no rule');
    await loadEntry(plain.page);
    assert.deepEqual(await sizes(plain.page), ['54px', '28.5px'], 'adopted');
    await plain.context.close();
  } finally {
    await large.close();
  }
});
