// Debian's Chromium driven by playwright-core, and the checks every browser test shares. These
// machines cannot download Playwright's own browser, and their closed network makes Chromium's
// background services hang, hence the flags.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The tag set every accessibility check uses: WCAG 2.0–2.2 A and AA plus best practice. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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

/** axe-core violations on the page, as short strings that read well in a failed assertion. */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
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
