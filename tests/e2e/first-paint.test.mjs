// The first paint (issue 7): the article's static markup, shown by the standalone page's
// first-paint script and by the embed entry in an element, neither of which then needs the wasm. Checks that it is exactly what the widget renders, for every code and article,
// on the page and in an element; that an element tells the host the same events as the wasm;
// that it is a usable, accessible article without the wasm; that on the standalone page the wasm
// takes over without losing what the person did; and that nothing is painted where the first
// paint cannot be sure what the widget would show.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { partnerPage, serveDirectory, servePages } from './server.mjs';
import { axeViolations, launchChromium, watchedPage, widgetShown } from './browser.mjs';
import { ARTICLES } from './content.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';

/** The wasm-bindgen glue, which both the standalone page and the entry need before the wasm. */
const GLUE = /\/nhs-login-help-[0-9a-f]+\.js$/;

const CODES = ARTICLES.flatMap((article) => article.codes.map((code) => ({ code, id: article.id })));

let widget;
let host;
let browser;

/**
 * A host page with one element per code and per article id at each of three placements: the
 * default, an inline panel under an h2 (heading-level 3) and a page-sized one at level 6. With
 * `wasm`, each heading level is written with a leading space: the same placement to the wasm,
 * which trims it, but a spelling the entry does not paint, so the wasm renders every element.
 */
const PLACEMENTS = [[2, 'page'], [3, 'inline'], [6, 'page']];
function everyArticlePage(origin, { wasm = false } = {}) {
  const elements = PLACEMENTS.flatMap(([level, variant]) => {
    const placement = `variant="${variant}" heading-level="${wasm ? ' ' : ''}${level}"`;
    return [
      ...CODES.map(({ code }) => `<nhs-login-help error="${code}" ${placement}></nhs-login-help>`),
      ...ARTICLES.map(({ id }) => `<nhs-login-help article="${id}" ${placement}></nhs-login-help>`),
    ];
  });
  return partnerPage(origin, elements.join('\n'), { h1: 'Every article' });
}

/** A host page with one element and its fallback children. */
function onePage(origin, attributes) {
  return partnerPage(origin,
    `<nhs-login-help id="help" ${attributes}><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>`);
}

before(async () => {
  widget = await serveDirectory(DIST, { cors: true });
  const pages = {
    '/every.html': { body: everyArticlePage(widget.origin) },
    '/every-wasm.html': { body: everyArticlePage(widget.origin, { wasm: true }) },
    '/by-error-wasm.html': { body: onePage(widget.origin, 'error="CID7023" heading-level=" 2"') },
    // A host that starts listening only once its page has been parsed.
    '/late-listener.html': {
      body: onePage(widget.origin, 'error="CID7023"').replace('</main>', `</main>
  <script>
    document.addEventListener('DOMContentLoaded', () => {
      document.addEventListener('nhs-login-help:shown', (event) => { window.heardLate = event.detail; });
    });
  </script>`),
    },
    '/by-error.html': { body: onePage(widget.origin, 'error="CID7023"') },
    '/by-url.html': { body: onePage(widget.origin, '') },
  };
  const uncertain = {
    inline: 'error="CID7023" variant="Inline"',
    level: 'error="CID7023" heading-level=" 3"',
    top: 'error="CID7023" heading-level="1"',
    contact: 'error="CID7023" contact-url="/help/contact"',
    lowercase: 'error="cid7023"',
    markup: 'error="&lt;img src=x onerror=alert(1)&gt;CID7023"',
    unknown: 'error="CID9999"',
    proto: 'error="__proto__"',
  };
  for (const [name, attributes] of Object.entries(uncertain)) pages[`/uncertain-${name}.html`] = { body: onePage(widget.origin, attributes) };
  host = await servePages(pages);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await Promise.all([widget?.close(), host?.close()]);
});

/**
 * A page whose requests for the glue are held until `release()` (or refused, with `block`), so
 * the first paint is all there is until then. Console errors from the refused glue are expected.
 */
async function heldPage({ block = false } = {}) {
  const watched = await watchedPage(browser);
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await watched.page.route(GLUE, async (route) => {
    if (block) return route.abort();
    await released;
    return route.continue();
  });
  await watched.page.addInitScript(() => {
    window.heard = [];
    document.addEventListener('nhs-login-help:toggle', (event) => window.heard.push(event.detail));
  });
  const warnings = [];
  watched.page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const unexpected = () => watched.problems.filter((p) => !(block && /Failed to load|net::ERR_FAILED|module script/i.test(p)));
  const glue = [];
  watched.page.on('request', (request) => { if (GLUE.test(request.url())) glue.push(request.url()); });
  return { ...watched, release, unexpected, warnings, requested: () => [...glue] };
}

/** The first paint on the standalone page, or null when the page shows its own fallback. */
const standaloneFirstPaint = (page) => page.evaluate(() => {
  const mount = document.getElementById('nhs-login-help-standalone');
  return mount.hasAttribute('data-first-paint') ? { html: mount.innerHTML, title: document.title } : null;
});

/** The widget's own markup on the standalone page, without Leptos's comment markers. */
const standaloneWidget = (page) => page.evaluate(() => ({
  html: document.getElementById('nhs-login-help-standalone').innerHTML.replace(/<!--[^]*?-->/g, ''),
  title: document.title,
}));

test('on the standalone page the first paint is the markup the widget renders, for every code and article id', async () => {
  const paths = [...CODES.map(({ code }) => `/?error=${code}`), ...ARTICLES.map(({ id }) => `/?article=${id}`)];
  for (const path of paths) {
    const held = await heldPage({ block: true });
    await held.page.goto(`${widget.origin}${path}`);
    await held.page.locator('[data-first-paint] article h1').waitFor();
    const painted = await standaloneFirstPaint(held.page);
    assert.deepEqual(held.unexpected(), []);
    await held.context.close();

    // The wasm loads on a page with a first paint only when the URL changes without a page load;
    // a popstate with the same URL has it render the same article.
    const watched = await watchedPage(browser);
    await watched.page.goto(`${widget.origin}${path}`);
    await watched.page.locator('[data-first-paint] article h1').waitFor();
    assert.equal(await watched.page.evaluate(() => performance.getEntriesByType('resource').some((r) => /_bg\.wasm/.test(r.name))), false, path);
    await watched.page.evaluate(() => dispatchEvent(new PopStateEvent('popstate')));
    await widgetShown(watched.page, { wasm: true });
    assert.deepEqual(painted, await standaloneWidget(watched.page), path);
    assert.deepEqual(watched.problems, []);
    await watched.context.close();
  }
});

test('in an element the first paint is the markup the widget renders, for every code and article id and placement', async () => {
  const count = (CODES.length + ARTICLES.length) * PLACEMENTS.length;
  const held = await heldPage({ block: true });
  await held.page.goto(`${host.origin}/every.html`);
  await held.page.waitForFunction((n) => [...document.querySelectorAll('nhs-login-help')]
    .filter((e) => e.shadowRoot?.querySelector('[data-first-paint]:not([hidden]) article')).length === n, count);
  const painted = await held.page.evaluate(() => [...document.querySelectorAll('nhs-login-help')]
    .map((e) => e.shadowRoot.querySelector('[data-first-paint]').innerHTML));
  // An element with a first paint never asks for the wasm: the refused glue was never requested.
  assert.deepEqual(held.requested(), []);
  assert.deepEqual(held.unexpected(), []);
  await held.context.close();

  const watched = await watchedPage(browser);
  await watched.page.goto(`${host.origin}/every-wasm.html`);
  await widgetShown(watched.page, { elements: count });
  const rendered = await watched.page.evaluate(() => [...document.querySelectorAll('nhs-login-help')].map((e) => ({
    html: e.shadowRoot.querySelector('div:not([data-first-paint]):not(:empty)').innerHTML.replace(/<!--[^]*?-->/g, ''),
    leftover: e.shadowRoot.querySelector('[data-first-paint]').childElementCount,
  })));
  assert.deepEqual(rendered.map(({ html }) => html), painted);
  // The placements really differ: inline panels with h3 titles, h6 at level 6.
  assert.ok(painted.some((html) => html.includes('nhs-login-help--inline') && html.includes('<h3 class="nhsuk-heading-s">')));
  assert.ok(painted.some((html) => html.includes('<h6 class="nhsuk-heading-l">')));
  assert.ok(rendered.every(({ leftover }) => leftover === 0), 'nothing was painted where the wasm renders');
  assert.deepEqual(watched.problems, []);
  await watched.context.close();
});

test('an element with a first paint tells the host what it showed, toggled and followed, and lets it cancel a link, as the wasm does', async () => {
  const session = async (path) => {
    const watched = await watchedPage(browser);
    const { page } = watched;
    await page.addInitScript(() => {
      window.heard = [];
      window.stopped = [];
      for (const type of ['nhs-login-help:shown', 'nhs-login-help:toggle', 'nhs-login-help:link']) {
        document.addEventListener(type, (event) => {
          window.heard.push([type, event.detail, event.bubbles, event.composed]);
          // An app opening its own settings screen.
          if (event.detail.kind === 'settings') event.preventDefault();
        });
      }
      // Last in line: whether the widget stopped the link, then followed only as far as the
      // click either way (the help centre is not reachable).
      window.addEventListener('click', (event) => {
        if (!event.composedPath().some((node) => node.localName === 'a')) return;
        window.stopped.push(event.defaultPrevented);
        event.preventDefault();
      });
    });
    const glue = [];
    page.on('request', (request) => { if (GLUE.test(request.url())) glue.push(request.url()); });
    await page.goto(`${host.origin}${path}`);
    await page.waitForFunction(() => window.heard.length === 1);
    const summary = page.locator('#help summary', { hasText: 'You have already set up an NHS login' });
    await summary.click();
    await page.locator('#help a', { hasText: 'Login and security settings' }).click();
    await summary.click();
    await page.locator('#help a', { hasText: 'Contact us' }).click();
    await page.waitForFunction(() => window.heard.length === 5);
    const result = { heard: await page.evaluate(() => window.heard), stopped: await page.evaluate(() => window.stopped), glue: glue.length };
    assert.deepEqual(watched.problems, [], path);
    await watched.context.close();
    return result;
  };
  const painted = await session('/by-error.html');
  const wasm = await session('/by-error-wasm.html');
  assert.equal(painted.glue, 0, 'the first paint needs no wasm');
  assert.equal(wasm.glue, 1, 'the other element is the wasm\'s');
  assert.deepEqual(painted.heard, wasm.heard);
  assert.deepEqual(painted.stopped, [true, false], 'the settings link the host cancelled is not followed, the contact link is');
  assert.deepEqual(wasm.stopped, painted.stopped);
  const article = 'cannot-connect-to-gp-system';
  assert.deepEqual(painted.heard, [
    ['nhs-login-help:shown', { reference: 'CID7023', article }, true, true],
    ['nhs-login-help:toggle', { article, expander: painted.heard[1][1].expander, open: true }, true, true],
    ['nhs-login-help:link', { kind: 'settings', href: 'https://settings.login.nhs.uk/' }, true, true],
    ['nhs-login-help:toggle', { article, expander: painted.heard[1][1].expander, open: false }, true, true],
    ['nhs-login-help:link', { kind: 'contact', href: 'https://help.login.nhs.uk/contact?error=CID7023' }, true, true],
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

test('an element that reads the page URL paints the article for a plain ?error= before the wasm', async () => {
  const held = await heldPage({ block: true });
  await held.page.goto(`${host.origin}/by-url.html?error=CID2014`);
  await held.page.locator('#help [data-first-paint] article[data-article=cannot-use-login]').waitFor();
  assert.equal(await held.page.locator('#help').getByRole('link', { name: 'Get help with NHS login' }).isVisible(), false);
  await held.context.close();
});

test('with the wasm never arriving, the first paint is a usable article that passes axe-core', async () => {
  for (const url of [`${widget.origin}/?error=CID7023`, `${host.origin}/by-error.html`]) {
    const held = await heldPage({ block: true });
    const { page } = held;
    await page.goto(url);
    const heading = page.locator('article > :is(h1, h2)');
    await heading.waitFor();
    assert.equal(await heading.textContent(), 'Unable to connect to your GP surgery’s system');
    assert.deepEqual(await axeViolations(page), [], url);
    // Native expanders: the keyboard opens them with no script of ours.
    const summary = page.locator('summary').first();
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('details').first().evaluate((d) => d.open), true, url);
    assert.deepEqual(await axeViolations(page), [], `${url}, an expander open`);
    const contact = page.locator('article a', { hasText: 'Contact us' });
    assert.equal(await contact.count(), 1, url);
    assert.equal(await contact.getAttribute('href'), 'https://help.login.nhs.uk/contact?error=CID7023', url);
    assert.deepEqual(held.unexpected(), [], url);
    await held.context.close();
  }
});

test('on the standalone page the wasm takes over from the first paint keeping the expander opened and the focus', async () => {
  const url = `${widget.origin}/?error=CID7023`;
  const held = await heldPage();
  const { page } = held;
  // Not until "load": the page does not load until the glue is released.
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('[data-first-paint] article').waitFor();
  const summary = page.locator('[data-first-paint] summary').nth(1);
  const text = (await summary.textContent()).trim();
  await summary.focus();
  await page.keyboard.press('Enter');
  // Back or forward to the same article: the wasm loads and takes over.
  await page.evaluate(() => dispatchEvent(new PopStateEvent('popstate')));
  held.release();
  await widgetShown(page, { wasm: true });
  const state = await page.evaluate(() => ({
    open: [...document.querySelectorAll('details')].map((d) => d.open),
    focused: document.activeElement?.textContent.trim(),
    focusedTag: document.activeElement?.localName,
    firstPaint: document.querySelectorAll('[data-first-paint] article').length,
  }));
  assert.ok(state.open.length >= 2);
  assert.deepEqual(state.open, state.open.map((_, i) => i === 1), 'only the expander opened is open');
  assert.equal(state.focused, text);
  assert.equal(state.focusedTag, 'summary');
  assert.equal(state.firstPaint, 0);
  // And the widget's own behaviour is there: the expander closes again from the keyboard.
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.querySelectorAll('details')[1].open), false);
  assert.deepEqual(held.problems, []);
  await held.context.close();
});

test('nothing is painted before the wasm where the first paint cannot be sure what the widget shows', async () => {
  const standalone = [
    '/?error=cid7023', '/?error=CID7023#wrong-details', '/?error=CID7023&section=x', '/?error=CID7023&error=CID2014',
    '/?error=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', '/?error=__proto__', '/?gallery', '/?article=constructor', '/',
  ];
  for (const path of standalone) {
    const held = await heldPage({ block: true });
    await held.page.goto(`${widget.origin}${path}`);
    await held.page.waitForLoadState('load');
    assert.equal(await standaloneFirstPaint(held.page), null, path);
    assert.equal(await held.page.locator('#nhs-login-help-standalone').innerText(), 'Visit the NHS login help centre for help with NHS login.', path);
    assert.equal(await held.page.locator('img').count(), 0, path);
    assert.deepEqual(held.unexpected(), [], path);
    await held.context.close();
  }
  const elements = ['inline', 'level', 'top', 'contact', 'lowercase', 'markup', 'unknown', 'proto'].map((name) => `/uncertain-${name}.html`);
  for (const path of [...elements, '/by-url.html?error=CID7023&section=x', '/by-url.html?error=CID7023#x', '/by-url.html']) {
    const held = await heldPage({ block: true });
    await held.page.goto(`${host.origin}${path}`);
    const fallback = held.page.locator('#help').getByRole('link', { name: 'Get help with NHS login' });
    // The entry says so once it has decided on the first paint and the wasm has failed.
    for (let i = 0; i < 200 && !held.warnings.some((w) => w.includes('could not load the widget')); i += 1) {
      await held.page.waitForTimeout(25);
    }
    assert.ok(held.warnings.some((w) => w.includes('could not load the widget, so the fallback content stays')), `${path}: ${held.warnings}`);
    assert.equal(await fallback.isVisible(), true, path);
    assert.equal(await held.page.locator('#help article').count(), 0, path);
    assert.deepEqual(held.unexpected(), [], path);
    await held.context.close();
  }
});

test('where constructed stylesheets are refused, each element links the CSS file and still paints styled', async () => {
  const watched = await watchedPage(browser);
  await watched.page.addInitScript(() => {
    CSSStyleSheet.prototype.replaceSync = () => { throw new DOMException('refused', 'NotAllowedError'); };
  });
  await watched.page.goto(`${host.origin}/by-error.html`);
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
