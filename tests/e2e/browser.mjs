// The browsers every browser test runs in, and the checks the tests share. `E2E_ENGINE` picks the
// engine: Debian's Chromium through playwright-core; Debian's Firefox ESR through playwright-core
// 1.58 over WebDriver BiDi (later versions send BiDi commands Firefox 153 does not know); WebKitGTK,
// Safari's engine, through a Playwright-shaped shim over classic WebDriver (`engines/webkit.mjs`).
// These machines cannot download Playwright's own browsers, and their closed network makes
// Chromium's background services hang, hence the flags.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

/** The engine this run tests: `chromium`, `firefox` or `webkit`. */
export const ENGINE = process.env.E2E_ENGINE ?? 'chromium';
if (!['chromium', 'firefox', 'webkit'].includes(ENGINE)) throw new Error(`E2E_ENGINE=${ENGINE}: use chromium, firefox or webkit`);

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/lib/firefox-esr/firefox-esr';

/** Where this engine's screenshots go: one folder per engine, so each can be compared. */
export const SCREENSHOTS = `${process.env.SCREENSHOT_DIR ?? 'test-output/screenshots'}/${ENGINE}`;

/** The tag set every accessibility check uses: WCAG 2.0–2.2 A and AA plus best practice. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** What a test may need that an engine's driver cannot do here, and why: for `{ skip: lacks(…) }`. */
const LACKS = {
  chromium: {},
  firefox: {
    contrast: 'Firefox matches prefers-contrast only with forced colours: there is no emulation of it alone',
    offline: 'playwright-core over BiDi does not take Firefox offline (checked: a fetch still succeeds)',
    touch: 'playwright-core over BiDi emulates no touch screen in Firefox',
    heapUsage: 'the JS heap is measured through the DevTools protocol, which Firefox over BiDi does not offer',
  },
  webkit: {
    clock: 'Playwright’s fake clock is Playwright’s own (an init script), and WebDriver reports no responses',
    offline: 'classic WebDriver cannot take the browser offline',
    mediaEmulation: 'WebKitGTK’s WebDriver emulates no media features (forced colours, reduced motion, contrast)',
    contrast: 'WebKitGTK’s WebDriver emulates no media features',
    touch: 'WebKitGTK’s WebDriver emulates no touch screen',
    heapUsage: 'the JS heap is measured through the DevTools protocol, which WebDriver does not offer',
    ariaSnapshot: 'the accessibility snapshot is Playwright’s own, not WebDriver’s',
  },
};

/** `false` where this engine can do `feature`, else why not (a string, which node:test shows as the skip reason). */
export function lacks(feature) {
  return LACKS[ENGINE][feature] ?? false;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A Playwright-shaped browser of this run's engine. `defaultFontSize` (px) is the person's own
 * text-size setting: Chromium's per-page font settings, Firefox's preference, WebKit's setting.
 */
export async function launchBrowser({ defaultFontSize } = {}) {
  if (ENGINE === 'webkit') return (await import('./engines/webkit.mjs')).launchWebKit({ defaultFontSize });
  if (ENGINE === 'firefox') return launchFirefox({ defaultFontSize });
  const browser = await launchChromium();
  if (defaultFontSize === undefined) return browser;
  // Chromium has no switch for it: every page gets the setting before it loads anything.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    const newPage = context.newPage.bind(context);
    context.newPage = async () => {
      const page = await newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: defaultFontSize, fixed: Math.round(defaultFontSize * 13 / 16) } });
      return page;
    };
    return context;
  };
  return browser;
}

/**
 * Firefox, with its media features set by preference where BiDi cannot emulate them: a context
 * asking for forced colours and reduced motion opens in a second Firefox started with them.
 */
async function launchFirefox({ defaultFontSize }) {
  const { firefox } = await import('playwright-core-bidi');
  const prefs = defaultFontSize === undefined ? {} : { 'font.size.variable.x-western': defaultFontSize };
  const launch = (extra) => firefox.launch({ executablePath: FIREFOX, headless: true, channel: 'moz-firefox', firefoxUserPrefs: { ...prefs, ...extra } });
  const browser = await launch({});
  let accessible;
  const newContext = browser.newContext.bind(browser);
  const close = browser.close.bind(browser);
  browser.newContext = async ({ forcedColors, reducedMotion, ...options } = {}) => {
    if (forcedColors === undefined && reducedMotion === undefined) return newContext(options);
    if (forcedColors !== 'active' || reducedMotion !== 'reduce') throw new Error('firefox: forced colours and reduced motion come only together');
    accessible ??= await launch({ 'browser.display.document_color_use': 2, 'ui.prefersReducedMotion': 1 });
    return accessible.newContext(options);
  };
  browser.close = async () => {
    await accessible?.close();
    await close();
  };
  return browser;
}

/** Debian's Chromium through playwright-core: the tests' default, and the benchmark's browser. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A fresh page that records everything that must never happen: uncaught errors, console errors
 * and dialogs (an `alert` from injected script). Tests assert `problems` is empty.
 */
export async function watchedPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return { context, page, problems };
}

/** The page's console warnings from now on (Playwright over BiDi names their type `warn`). */
export function consoleWarnings(page) {
  const warnings = [];
  page.on('console', (message) => {
    if (['warning', 'warn'].includes(message.type())) warnings.push(message.text());
  });
  return warnings;
}

/**
 * Opens a page of the standalone widget and waits until it shows its help: the first paint for
 * a plain article URL (which needs no wasm), else the wasm's render.
 */
export async function openWidget(browser, url, options) {
  const watched = await watchedPage(browser, options);
  await watched.page.goto(url);
  await widgetShown(watched.page);
  return watched;
}

/**
 * Waits until every widget on the page shows its help: on the standalone page, or in at least
 * `elements` `<nhs-login-help>` elements. Either the first paint, which a page or an element keeps
 * for an article the build rendered (neither loads the wasm for it), or the wasm's render. With
 * `wasm`, only the wasm's render on the standalone page (after it has taken over).
 */
export async function widgetShown(page, { elements = 0, wasm = false } = {}) {
  await page.waitForFunction(([n, needsWasm]) => {
    const heading = '.nhs-login-help :is(h1, h2, h3, h4, h5, h6)';
    if (n === 0) {
      const mount = document.getElementById('nhs-login-help-standalone');
      return Boolean(mount && !(needsWasm && mount.hasAttribute('data-first-paint')) && mount.querySelector(heading));
    }
    const ready = [...document.querySelectorAll('nhs-login-help')]
      .filter((e) => e.shadowRoot?.querySelector(`div:not([hidden]) > ${heading}`));
    return ready.length >= n;
  }, [elements, wasm]);
}

/**
 * Waits until the focus, in the element with id `id`, is on what matches `selector`: as a person,
 * who sees the comment box or the thank-you take the focus before moving on. The widget moves
 * the focus a frame after the new stage shows, and that may scroll the page: a driver's click
 * sent sooner lands where the page was, not where it is.
 */
export function focusedIn(page, id, selector) {
  return page.waitForFunction(([elementId, wanted]) => document.getElementById(elementId).shadowRoot.activeElement?.matches(wanted) ?? false, [id, selector]);
}

/**
 * An init script that refuses innerHTML on the first paint's containers, as a page enforcing
 * Trusted Types would, so the wasm renders the help instead: for comparing the two.
 */
export function refuseFirstPaint() {
  const descriptor = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
  Object.defineProperty(Element.prototype, 'innerHTML', {
    ...descriptor,
    set(value) {
      if (this.hasAttribute('data-first-paint') || this.id === 'nhs-login-help-standalone') throw new TypeError('refused');
      descriptor.set.call(this, value);
    },
  });
}

/**
 * In the page: the content of the element `selector` finds (`host >>> inner` for inside an
 * element's shadow root) as canonical markup, to compare two DOMs whatever the order of their
 * attributes, their comments (Leptos's markers) and how their text is split into nodes; `null`
 * where there is no such element.
 */
export function canonicalMarkup(selector) {
  const canonical = (node) => {
    let out = '';
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out += child.data;
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const attributes = [...child.attributes].map(({ name, value }) => `${name}="${value}"`).sort().join(' ');
      out += `<${child.localName}${attributes ? ` ${attributes}` : ''}>${canonical(child)}</${child.localName}>`;
    }
    return out;
  };
  const [host, inner] = selector.split(' >>> ');
  const found = inner === undefined ? document.querySelector(host) : document.querySelector(host)?.shadowRoot?.querySelector(inner);
  return found ? canonical(found) : null;
}

/** axe-core's source, for a test that runs it in a window of its own (a same-origin frame). */
export const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core violations on the page, as short strings that read well in a failed assertion. axe is
 * injected by the driver, not by a script tag, so a page's CSP does not stop it, in every engine.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, AXE_TAGS);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/** Opens every expander on the page by clicking its summary, as a person would. */
export async function openAllExpanders(page) {
  const details = page.locator('details');
  for (let i = 0; i < (await details.count()); i += 1) {
    if (!(await details.nth(i).evaluate((d) => d.open))) await details.nth(i).locator('> summary').click();
  }
}

/**
 * What the focused element looks like: its text, tag and whether a focus indicator is visible —
 * NHS.UK's yellow highlight on the element (or, for a summary, on its text), or an outline.
 */
export function describeFocus(page) {
  return page.evaluate(() => {
    // Focus inside an embedded widget sits in its shadow root, behind the host element.
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    const visible = (el) => {
      const style = getComputedStyle(el);
      const yellow = style.backgroundColor === 'rgb(255, 235, 59)';
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== 'rgba(0, 0, 0, 0)';
      return yellow || outline;
    };
    const text = element.querySelector('.nhsuk-details__summary-text');
    return {
      tag: element.tagName.toLowerCase(),
      text: element.textContent.trim(),
      insideWidget: Boolean(element.closest('.nhs-login-help')),
      indicator: visible(element) || (text !== null && visible(text)),
    };
  });
}

/** Presses Tab until `matches(focus)` holds; fails after `limit` presses. */
export async function tabTo(page, matches, limit = 60) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focus = await describeFocus(page);
    if (focus && matches(focus)) return focus;
  }
  throw new Error('focus never arrived');
}

/** Waits until `condition()` (which may be async) holds, checking every 50 ms; fails after `timeout` ms naming `what`. */
export async function until(condition, what, timeout = 15000) {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}
