// The widget's text follows the person's text-size setting (the browser's default font size), on
// the standalone page and in an element on a partner's page of another origin, and never the
// host page's own root font size. At 16, 24 and 32 px: text and headings scale in proportion, and
// at 320 CSS px wide with every expander open nothing clips, overlaps or scrolls sideways; the
// search field's text never drops under 16px (iOS zooms into smaller fields). iOS Dynamic Type
// (style/widget.css) needs WebKit on iOS, which these machines do not have.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { partnerPage, script, serveDirectory, servePages } from './server.mjs';
import { ENGINE, launchBrowser, watchedPage, widgetShown } from './browser.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';
const ARTICLE = '?error=CID7023';
/** The person's default font sizes tried: the usual, one and a half, double. */
const SETTINGS = [16, 24, 32];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 320, height: 640 };

/** NHS.UK's sizes at the default 16px: body text, the article's heading (`nhsuk-heading-l`). */
const SCALE = { desktop: { body: 19, heading: 36 }, phone: { body: 16, heading: 27 } };

const ELEMENTS = `
    <nhs-login-help id="article" error="CID7023"></nhs-login-help>
    <nhs-login-help id="topics"></nhs-login-help>`;

let site;
let widget;
let host;

before(async () => {
  site = await serveDirectory(DIST);
  widget = await serveDirectory(DIST, { cors: true });
  host = await servePages({
    '/plain.html': { body: partnerPage(widget.origin, ELEMENTS) },
    // A page styled for "1rem = 10px": the widget must not shrink with it.
    '/root-62.html': { body: partnerPage(widget.origin, `<style>html { font-size: 62.5%; }</style>${ELEMENTS}`) },
    // A browser that cannot register custom properties, by the page's first script.
    '/unregistered.html': { body: partnerPage(widget.origin, ELEMENTS, { scripts: ['/unregister.js'] }) },
    '/unregister.js': script(() => { delete CSS.registerProperty; }),
  });
});

after(async () => {
  await Promise.all([site?.close(), widget?.close(), host?.close()]);
});

/**
 * In the page: the computed font sizes (px) of the article's body text, heading, expander summary
 * and reference, in the document or in element `id`.
 */
function articleSizes(id) {
  const root = id ? document.getElementById(id).shadowRoot : document;
  const size = (selector) => parseFloat(getComputedStyle(root.querySelector(selector)).fontSize);
  return {
    body: size('article .nhsuk-body'),
    heading: size('article > :is(h1, h2, h3, h4, h5, h6)'),
    summary: size('.nhsuk-details__summary-text'),
    reference: size('.nhs-login-help__reference'),
  };
}

/** In the page: the search field's computed font size (px), in the document or element `id`. */
function searchSize(id) {
  const root = id ? document.getElementById(id).shadowRoot : document;
  return parseFloat(getComputedStyle(root.querySelector('input.nhsuk-input')).fontSize);
}

/**
 * In the page: every computed size inside the widget (not its root), element by element, in the
 * document or element `id`: for comparing two pages' widgets exactly.
 */
function computedSizes(id) {
  const root = id ? document.getElementById(id).shadowRoot : document;
  const props = ['font-size', 'line-height', 'margin-top', 'margin-bottom', 'padding-top', 'padding-left', 'height', 'width'];
  return [...root.querySelector('.nhs-login-help').querySelectorAll('*')].map((el) => {
    const style = getComputedStyle(el);
    return `${el.localName}.${[...el.classList].join('.')} ${props.map((p) => style.getPropertyValue(p)).join(' ')}`;
  });
}

/**
 * In the page, with every expander open: what clips, overlaps or reaches past the viewport's
 * right edge inside the widget (in the document or element `id`), as readable strings.
 */
function layoutProblems(id) {
  const root = id ? document.getElementById(id).shadowRoot : document;
  for (const details of root.querySelectorAll('details')) details.open = true;
  const widgetRoot = root.querySelector('.nhs-login-help');
  const width = document.documentElement.clientWidth;
  const name = (el) => [el.localName, ...el.classList].join('.');
  const px = (value) => parseFloat(value);
  const problems = [];
  if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
  const shown = [...widgetRoot.querySelectorAll('*')].filter((el) => !el.closest('.nhsuk-u-visually-hidden'));
  for (const el of shown) {
    const style = getComputedStyle(el);
    if (el.getBoundingClientRect().right > width + 0.5) problems.push(`${name(el)} reaches past the right edge`);
    const hides = style.overflowX !== 'visible' || style.overflowY !== 'visible';
    if (hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) problems.push(`${name(el)} clips its content`);
    if (px(style.lineHeight) < px(style.fontSize)) problems.push(`${name(el)}: lines closer than the text is tall`);
  }
  for (const field of widgetRoot.querySelectorAll('input, textarea')) {
    const style = getComputedStyle(field);
    const room = field.clientHeight - px(style.paddingTop) - px(style.paddingBottom);
    if (room < px(style.fontSize)) problems.push(`${name(field)}: ${room}px of room for ${style.fontSize} text`);
  }
  // The +/− icon sits in the summary text's left padding, clear of the words.
  for (const text of widgetRoot.querySelectorAll('.nhsuk-details__summary-text')) {
    const icon = getComputedStyle(text, '::before');
    if (px(icon.width) > px(getComputedStyle(text).paddingLeft)) problems.push(`the expander icon (${icon.width}) covers “${text.textContent}”`);
  }
  // No two blocks of text overlap (margins that do not grow with the text could make them).
  const blocks = shown.filter((el) => getComputedStyle(el).display !== 'inline'
    && [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.data.trim()));
  for (const [i, a] of blocks.entries()) {
    for (const b of blocks.slice(i + 1)) {
      if (a.contains(b) || b.contains(a)) continue;
      const ra = a.getBoundingClientRect();
      const rb = b.getBoundingClientRect();
      const across = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const down = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (across > 1 && down > 1) problems.push(`${name(a)} overlaps ${name(b)}`);
    }
  }
  return problems;
}

/** Within rounding: engines keep font sizes to a fraction of a pixel. */
function assertNear(actual, expected, what) {
  assert.ok(Math.abs(actual - expected) <= 0.25, `${what}: ${actual}px, expected ${expected}px`);
}

/** Both sizes of `measured` as the scale at `setting` says, for `width` (`desktop` or `phone`). */
function assertScaled(measured, setting, width, where) {
  const ratio = setting / 16;
  const { body, heading } = SCALE[width];
  assertNear(measured.body, body * ratio, `${where}, ${width}, body text at ${setting}px`);
  assertNear(measured.summary, body * ratio, `${where}, ${width}, expander summary at ${setting}px`);
  assertNear(measured.reference, body * ratio, `${where}, ${width}, reference at ${setting}px`);
  assertNear(measured.heading, heading * ratio, `${where}, ${width}, heading at ${setting}px`);
}

for (const setting of SETTINGS) {
  describe(`default font size ${setting}px (${ENGINE})`, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser({ defaultFontSize: setting });
    });
    after(async () => {
      await browser?.close();
    });

    test('the standalone page scales its text and reflows at 320px', async (t) => {
      const { context, page, problems } = await watchedPage(browser, { viewport: DESKTOP });
      await page.goto(`${site.origin}/${ARTICLE}`);
      await widgetShown(page);
      const desktop = await page.evaluate(articleSizes, null);
      assertScaled(desktop, setting, 'desktop', 'standalone');
      await page.setViewportSize(PHONE);
      const phone = await page.evaluate(articleSizes, null);
      assertScaled(phone, setting, 'phone', 'standalone');
      assert.deepEqual(await page.evaluate(layoutProblems, null), [], 'at 320px with every expander open');

      await page.goto(`${site.origin}/`);
      await widgetShown(page);
      const search = { phone: await page.evaluate(searchSize, null) };
      assert.deepEqual(await page.evaluate(layoutProblems, null), [], 'the topics at 320px');
      await page.setViewportSize(DESKTOP);
      search.desktop = await page.evaluate(searchSize, null);
      assertNear(search.phone, 16 * (setting / 16), `standalone search field, phone, at ${setting}px`);
      assertNear(search.desktop, 19 * (setting / 16), `standalone search field, desktop, at ${setting}px`);
      t.diagnostic(`standalone at ${setting}px: ${JSON.stringify({ desktop, phone, search })}`);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('an element on a partner page scales its text and reflows at 320px, whatever the page’s root font size', async (t) => {
      const { context, page, problems } = await watchedPage(browser, { viewport: DESKTOP });
      await page.goto(`${host.origin}/plain.html`);
      await widgetShown(page, { elements: 2 });
      const desktop = await page.evaluate(articleSizes, 'article');
      assertScaled(desktop, setting, 'desktop', 'embedded');
      const search = { desktop: await page.evaluate(searchSize, 'topics') };
      assertNear(search.desktop, 19 * (setting / 16), `embedded search field, desktop, at ${setting}px`);
      const plain = await page.evaluate(computedSizes, 'article');

      await page.setViewportSize(PHONE);
      const phone = await page.evaluate(articleSizes, 'article');
      assertScaled(phone, setting, 'phone', 'embedded');
      search.phone = await page.evaluate(searchSize, 'topics');
      assertNear(search.phone, 16 * (setting / 16), `embedded search field, phone, at ${setting}px`);
      assert.deepEqual(await page.evaluate(layoutProblems, 'article'), [], 'the article at 320px with every expander open');
      assert.deepEqual(await page.evaluate(layoutProblems, 'topics'), [], 'the topics at 320px');
      t.diagnostic(`embedded at ${setting}px: ${JSON.stringify({ desktop, phone, search })}`);

      await page.setViewportSize(DESKTOP);
      await page.goto(`${host.origin}/root-62.html`);
      await widgetShown(page, { elements: 2 });
      assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), `${setting * 0.625}px`);
      assert.deepEqual(await page.evaluate(computedSizes, 'article'), plain, 'html { font-size: 62.5% } changes nothing inside');
      assert.deepEqual(problems, []);
      await context.close();
    });
  });
}

/** Runs `use(browser)` in a browser at `defaultFontSize`, closing it even when `use` fails. */
async function withBrowser(defaultFontSize, use) {
  const browser = await launchBrowser({ defaultFontSize });
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

describe(`the search field at a small default font size (${ENGINE})`, () => {
  test('keeps its text at 16px, so iOS does not zoom into it', () => withBrowser(12, async (browser) => {
    const { page, problems } = await watchedPage(browser, { viewport: PHONE });
    await page.goto(`${site.origin}/`);
    await widgetShown(page);
    const body = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.nhs-login-help__topics')).fontSize));
    assertNear(body, 12, 'the text around it follows the setting');
    assertNear(await page.evaluate(searchSize, null), 16, 'standalone search field');
    await page.goto(`${host.origin}/plain.html`);
    await widgetShown(page, { elements: 2 });
    assertNear(await page.evaluate(searchSize, 'topics'), 16, 'embedded search field');
    assert.deepEqual(problems, []);
  }));
});

describe(`a browser that cannot register the widget's unit (${ENGINE})`, () => {
  test('gets the fixed px sizes, never compounded ones', async () => {
    const sizes = (defaultFontSize, unregistered) => withBrowser(defaultFontSize, async (browser) => {
      const { page, problems } = await watchedPage(browser, { viewport: DESKTOP });
      await page.goto(`${host.origin}/${unregistered ? 'unregistered' : 'plain'}.html`);
      await widgetShown(page, { elements: 2 });
      assert.equal(await page.evaluate(() => typeof CSS.registerProperty), unregistered ? 'undefined' : 'function');
      const measured = await page.evaluate(computedSizes, 'article');
      assert.deepEqual(problems, []);
      return measured;
    });
    const today = await sizes(16, false);
    assert.deepEqual(await sizes(24, true), today);
  });
});
