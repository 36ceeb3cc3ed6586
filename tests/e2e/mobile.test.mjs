// Phones and WebViews, on the standalone page and in an element on a partner's page of another
// origin: 320 and 390 px wide screens with touch (an article with every expander tapped open, the
// topics with a search, the fallback for an unknown reference), WCAG 2.2's 24 px minimum target
// size with its exceptions as written, `prefers-contrast: more`, and storage that throws on
// access as some WebViews' does, with "Was this helpful?" still delivering every answer.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { partnerPage, refuseStorage, script, serveDirectory, servePages, strictPolicy, withScripts } from './server.mjs';
import { startReceiver } from './receiver.mjs';
import { axeViolations, lacks, launchBrowser, tabTo, until, watchedPage, widgetShown } from './browser.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';
const VIEWPORTS = [{ width: 320, height: 568 }, { width: 390, height: 844 }];
/** Where the engine emulates a touch screen; elsewhere the viewport checks run with a mouse. */
const TOUCH = !lacks('touch');

let widget;
let receiver;
let host;
let browser;

before(async () => {
  receiver = await startReceiver();
  // The standalone page as a help centre would serve it, collecting feedback; under the key
  // `without-storage` (see server.mjs), with storage refused first.
  widget = await serveDirectory(DIST, {
    cors: true,
    pages: { '/refuse-storage.js': script(refuseStorage) },
    alter: (path, body, key) => {
      if (path !== '/' && path !== '/index.html') return body;
      const page = body.toString();
      const mount = /<main\b[^>]*\bid="?nhs-login-help-standalone"?/;
      if (!mount.test(page)) throw new Error('index.html has no mount element');
      const collecting = page.replace(mount, (tag) => `${tag} data-feedback-url="${receiver.url}"`);
      return key === 'without-storage' ? withScripts(collecting, ['/refuse-storage.js']) : collecting;
    },
  });
  host = await servePages(
    {
      '/help.html': { body: partnerPage(widget.origin, `<nhs-login-help feedback-url="${receiver.url}"></nhs-login-help>`) },
      '/help-without-storage.html': {
        body: partnerPage(widget.origin, `<nhs-login-help feedback-url="${receiver.url}"></nhs-login-help>`, { scripts: ['/refuse-storage.js'] }),
      },
      '/refuse-storage.js': script(refuseStorage),
      '/favicon.ico': { body: '', type: 'image/x-icon' },
    },
    {
      'content-security-policy': strictPolicy(widget.origin, { images: true, connect: new URL(receiver.url).origin }),
    },
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([widget?.close(), receiver?.close(), host?.close()]);
});

beforeEach(() => receiver.reset());

/**
 * The two ways a person meets the widget; `url(query)` is the page for that query string, and
 * `withoutStorage(query)` the same page with storage refused.
 */
const PLACEMENTS = [
  {
    name: 'standalone page',
    url: (query) => `${widget.origin}/${query}`,
    withoutStorage: (query) => `${widget.origin}/page/without-storage/${query}`,
    elements: 0,
  },
  {
    name: 'element on a partner page',
    url: (query) => `${host.origin}/help.html${query}`,
    withoutStorage: (query) => `${host.origin}/help-without-storage.html${query}`,
    elements: 1,
  },
];

/** Opens `query` in a fresh context with `options` and waits until the help shows. */
async function open(placement, query, options = {}) {
  const watched = await watchedPage(browser, options);
  await watched.page.goto(placement.url(query));
  await widgetShown(watched.page, { elements: placement.elements });
  return watched;
}

/** A phone of `viewport`'s size, with a touch screen where the engine can emulate one. */
const phone = (viewport) => ({ viewport, ...(TOUCH ? { hasTouch: true, isMobile: true } : {}) });

/** Taps `locator` where there is a touch screen, else clicks it. */
const press = (locator) => (TOUCH ? locator.tap() : locator.click());

/** Opens every expander by pressing its summary, as a person would. */
async function openExpanders(page) {
  const details = page.locator('details');
  const count = await details.count();
  assert.ok(count > 0, 'the article has expanders');
  for (let i = 0; i < count; i += 1) await press(details.nth(i).locator('> summary'));
  assert.deepEqual(await details.evaluateAll((all) => all.map((d) => d.open)), Array(count).fill(true), 'every expander open');
}

/** Searches the topics and waits for the results. */
async function search(page, words) {
  const field = page.getByRole('searchbox', { name: 'Search the help' });
  // Filling focuses the field as a click would (WebKit's WebDriver refuses clicks into a shadow
  // root's field); a touch screen's tap is kept, as the keyboard it brings up changes the layout.
  if (TOUCH) await field.tap();
  await field.fill(words);
  await page.locator('.nhs-login-help__results a').first().waitFor();
}

/**
 * In the page: what scrolls sideways, lies beyond a screen `width` px wide or is clipped, in the
 * widget (the standalone one, or inside elements' shadow roots), one line per problem naming the
 * element. A phone's browser lays a page that is too wide out wider than the screen, so the
 * screen's width is given, not read from the page.
 */
function layoutProblems(width) {
  const name = (el) => `${el.localName}${el.classList[0] ? `.${el.classList[0]}` : ''} “${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 40)}”`;
  const problems = [];
  if (innerWidth !== width) problems.push(`the page is laid out ${innerWidth} px wide on a ${width} px screen`);
  if (document.documentElement.scrollWidth > width) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px of content in ${width} px`);
  }
  const roots = [
    ...document.querySelectorAll('.nhs-login-help'),
    ...[...document.querySelectorAll('nhs-login-help')].flatMap((e) => [...(e.shadowRoot?.querySelectorAll('.nhs-login-help') ?? [])]),
  ];
  for (const el of roots.flatMap((root) => [root, ...root.querySelectorAll('*')])) {
    // Text for screen readers only is clipped to a pixel on purpose.
    if (el.closest('.nhsuk-u-visually-hidden')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.left < -0.5 || box.right > width + 0.5) problems.push(`${name(el)} spans ${box.left.toFixed(1)}–${box.right.toFixed(1)} px, beyond the ${width} px viewport`);
    const style = getComputedStyle(el);
    if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} clips its content: ${el.scrollWidth} px wide in ${el.clientWidth} px`);
    if (style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1) problems.push(`${name(el)} clips its content: ${el.scrollHeight} px tall in ${el.clientHeight} px`);
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0 && (rect.left < -0.5 || rect.right > width + 0.5)) {
          problems.push(`text “${node.data.trim().slice(0, 40)}” in ${name(el)} runs past the viewport (${rect.left.toFixed(1)}–${rect.right.toFixed(1)} px)`);
        }
      }
    }
  }
  return problems;
}

/**
 * That a person can get to `locator` and press it: scrolled into view, it lies within the
 * viewport's width and nothing covers it (what is at its first box's centre is it).
 */
async function assertReachable(locator, what) {
  assert.equal(await locator.isVisible(), true, `${what} is shown`);
  await locator.scrollIntoViewIfNeeded();
  const where = await locator.evaluate((el) => {
    const box = el.getClientRects()[0];
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    let hit = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return { left: box.left, right: box.right, width: document.documentElement.clientWidth, covered: !(hit === el || el.contains(hit)) };
  });
  assert.ok(where.left >= 0 && where.right <= where.width, `${what} lies within the viewport: ${JSON.stringify(where)}`);
  assert.equal(where.covered, false, `${what} is not covered`);
  await (TOUCH ? locator.tap({ trial: true }) : locator.click({ trial: true }));
}

/** The contact links the widget shows; there must be at least one, each reachable. */
async function assertContactReachable(page) {
  const links = page.locator('.nhs-login-help a[href*="/contact"]');
  assert.ok((await links.count()) > 0, 'a contact link is shown');
  for (let i = 0; i < (await links.count()); i += 1) {
    if (await links.nth(i).isVisible()) await assertReachable(links.nth(i), `contact link ${i + 1}`);
  }
}

const heading = (page) => page.locator('.nhs-login-help :is(h1, h2)').first();

for (const placement of PLACEMENTS) {
  for (const viewport of VIEWPORTS) {
    describe(`${placement.name} at ${viewport.width}×${viewport.height} ${TOUCH ? 'with touch' : `with a mouse (${lacks('touch')})`}`, () => {
      test('an article with every expander opened: nothing scrolls sideways or is clipped, help and contact reachable', async () => {
        const { context, page, problems } = await open(placement, '?error=CID7023', phone(viewport));
        if (TOUCH) assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'a touch screen');
        await openExpanders(page);
        assert.deepEqual(await page.evaluate(layoutProblems, viewport.width), []);
        await assertReachable(heading(page), 'the heading');
        await assertContactReachable(page);
        assert.deepEqual(problems, []);
        await context.close();
      });

      test('the topics with a search: nothing scrolls sideways or is clipped, results and contact reachable', async () => {
        const { context, page, problems } = await open(placement, '', phone(viewport));
        assert.deepEqual(await page.evaluate(layoutProblems, viewport.width), [], 'the topics');
        await search(page, 'login');
        assert.deepEqual(await page.evaluate(layoutProblems, viewport.width), [], 'the results');
        await assertReachable(page.locator('.nhs-login-help__results a').last(), 'the last result');
        await assertContactReachable(page);
        assert.deepEqual(problems, []);
        await context.close();
      });

      test('an unknown reference: the fallback fits, with its help and contact reachable', async () => {
        const { context, page, problems } = await open(placement, '?error=CID9999999999999999999999999999', phone(viewport));
        assert.equal(await heading(page).textContent(), 'Sorry, we could not find that help');
        assert.deepEqual(await page.evaluate(layoutProblems, viewport.width), []);
        await assertReachable(heading(page), 'the heading');
        await assertContactReachable(page);
        assert.deepEqual(problems, []);
        await context.close();
      });
    });
  }
}

/**
 * In the page: every target in the widget that fails WCAG 2.2 SC 2.5.8 Target Size (Minimum), and
 * why. A target passes when a 24×24 CSS px square fits in one of its boxes (a link wrapped over
 * two lines has a bounding box taller than 24 px, yet each line of it is only as tall as the
 * text), or under the SC's exceptions as written:
 * - Inline: it is in a sentence, i.e. an inline element whose block also holds text that is not a
 *   target's;
 * - Spacing: a 24 px circle centred on its bounding box intersects no other target and no other
 *   undersized target's circle.
 * The other exceptions (an equivalent control, user-agent control, essential) are not claimed.
 * Targets elsewhere on the page (the partner's) count as neighbours.
 */
function targetSizeFailures() {
  const TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const name = (el) => `${el.localName}${el.classList[0] ? `.${el.classList[0]}` : ''} “${(el.textContent.trim() || el.getAttribute('aria-label') || el.id).replace(/\s+/g, ' ').slice(0, 40)}”`;
  const deep = (root) => [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? deep(el.shadowRoot) : [])]);
  const all = deep(document)
    .filter((el) => el.matches(TARGETS))
    .map((el) => ({ el, boxes: [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0), box: el.getBoundingClientRect() }))
    .filter(({ el, boxes }) => boxes.length > 0 && getComputedStyle(el).visibility === 'visible');
  const big = ({ boxes }) => boxes.some((r) => r.width >= 24 && r.height >= 24);
  const centre = ({ box }) => [box.left + box.width / 2, box.top + box.height / 2];
  const undersized = all.filter((target) => !big(target));
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && ['inline', 'contents'].includes(getComputedStyle(block).display)) block = block.parentElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.data.trim() && !node.parentElement.closest(TARGETS)) return true;
    }
    return false;
  };
  const failures = [];
  for (const target of undersized) {
    if (!target.el.closest('.nhs-login-help') || inSentence(target.el)) continue;
    const [x, y] = centre(target);
    const distanceTo = (r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
    const size = target.boxes.map((r) => `${r.width.toFixed(1)}×${r.height.toFixed(1)}`).join(' + ');
    for (const other of all) {
      if (other.el === target.el || other.el.contains(target.el) || target.el.contains(other.el)) continue;
      if (other.boxes.some((r) => distanceTo(r) < 12)) {
        failures.push(`${name(target.el)} (${size} px, not in a sentence): its 24 px circle intersects ${name(other.el)}`);
      } else if (undersized.includes(other) && Math.hypot(...centre(other).map((c, i) => c - [x, y][i])) < 24) {
        failures.push(`${name(target.el)} (${size} px, not in a sentence): its 24 px circle intersects the circle of ${name(other.el)}`);
      }
    }
  }
  return failures;
}

for (const placement of PLACEMENTS) {
  for (const viewport of VIEWPORTS) {
    test(`${placement.name} at ${viewport.width} px: every target is at least 24×24 px or meets an exception of WCAG 2.2 SC 2.5.8`, async () => {
      const failures = [];
      const check = async (page, state) => {
        failures.push(...(await page.evaluate(targetSizeFailures)).map((failure) => `${state}: ${failure}`));
      };
      const article = await open(placement, '?error=CID7023', phone(viewport));
      await openExpanders(article.page);
      await check(article.page, 'article, expanders open');
      await press(article.page.getByRole('button', { name: 'No' }));
      await article.page.getByRole('textbox', { name: /What was missing/ }).waitFor();
      await check(article.page, 'feedback comment');
      await article.context.close();

      const topics = await open(placement, '', phone(viewport));
      await check(topics.page, 'topics');
      await search(topics.page, 'login');
      await check(topics.page, 'search results');
      await topics.context.close();

      const unknown = await open(placement, '?error=CID9999', phone(viewport));
      await check(unknown.page, 'unknown reference');
      await unknown.context.close();
      assert.deepEqual(failures, [], 'targets under 24×24 px: the fix belongs in style/widget.css');
    });
  }
}

/** The contrast ratio of two `rgb(…)` colours (WCAG's relative luminance). */
function contrastRatio(a, b) {
  const luminance = (colour) => {
    const [r, g, b] = colour.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

for (const placement of PLACEMENTS) {
  test(`${placement.name} with prefers-contrast: more: usable, axe-core clean, focus and field borders visible`, { skip: lacks('contrast') }, async () => {
    const { context, page, problems } = await open(placement, '?error=CID7023', { ...phone(VIEWPORTS[1]), contrast: 'more' });
    assert.equal(await page.evaluate(() => matchMedia('(prefers-contrast: more)').matches), true, 'the preference is set');
    for (const tag of ['summary', 'a', 'button']) {
      const focus = await tabTo(page, (f) => f.tag === tag);
      assert.ok(focus.insideWidget && focus.indicator, `focus on the ${tag} “${focus.text}” shows: ${JSON.stringify(focus)}`);
      // Opening the first expander brings its links into the tab order.
      if (tag === 'summary') await page.keyboard.press('Enter');
    }
    const details = page.locator('details');
    for (let i = 0; i < (await details.count()); i += 1) {
      if (!(await details.nth(i).evaluate((d) => d.open))) await details.nth(i).locator('> summary').click();
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(await axeViolations(page), [], 'the article');

    const topics = await open(placement, '', { ...phone(VIEWPORTS[1]), contrast: 'more' });
    const field = topics.page.getByRole('searchbox', { name: 'Search the help' });
    const border = await field.evaluate((el) => {
      const style = getComputedStyle(el);
      let behind = el.parentElement;
      while (behind && getComputedStyle(behind).backgroundColor === 'rgba(0, 0, 0, 0)') behind = behind.parentElement ?? behind.getRootNode().host;
      return { width: parseFloat(style.borderTopWidth), style: style.borderTopStyle, colour: style.borderTopColor, inside: style.backgroundColor, outside: behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)' };
    });
    assert.ok(border.width >= 1 && border.style !== 'none', `the search field has a border: ${JSON.stringify(border)}`);
    // WCAG 1.4.11: a field's boundary needs 3:1 against what is next to it on either side.
    for (const side of ['inside', 'outside']) {
      assert.ok(contrastRatio(border.colour, border[side]) >= 3, `the field's border against the ${side}: ${JSON.stringify(border)}`);
    }
    await search(topics.page, 'login');
    assert.deepEqual(topics.problems, []);
    assert.deepEqual(await axeViolations(topics.page), [], 'the search results');
    await topics.context.close();
    await context.close();
  });
}

/** Opens CID7023 with storage refused, after `prepare(context)`; checks that storage really throws. */
async function openWithoutStorage(placement, prepare = async () => {}) {
  const watched = await watchedPage(browser, phone(VIEWPORTS[0]));
  await prepare(watched.page);
  await watched.page.goto(placement.withoutStorage('?error=CID7023'));
  await widgetShown(watched.page, { elements: placement.elements });
  const refused = await watched.page.evaluate(() => ['localStorage', 'sessionStorage'].map((name) => {
    try {
      return window[name] && 'usable';
    } catch (error) {
      return error.name;
    }
  }));
  assert.deepEqual(refused, ['SecurityError', 'SecurityError'], 'storage throws on access');
  return watched;
}

for (const placement of PLACEMENTS) {
  describe(`${placement.name} where storage throws on access`, () => {
    test('the help shows with no uncaught error, and an answer is sent', async () => {
      const { context, page, problems } = await openWithoutStorage(placement);
      await assertReachable(heading(page), 'the heading');
      await openExpanders(page);
      await press(page.getByRole('button', { name: 'Yes' }));
      await until(() => receiver.received.length === 1, 'the answer');
      assert.equal(receiver.received[0].body.helpful, true);
      assert.equal(receiver.received[0].body.article, 'cannot-connect-to-gp-system');
      await page.locator('.nhs-login-help__thanks').waitFor();
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('with the receiver down, the answer waits in memory and is sent once it is back, on the same page', { skip: lacks('clock') }, async () => {
      // The page's clock is Playwright's, so the widget's backoff (30 s, then 60 s) passes at once.
      const { context, page, problems } = await openWithoutStorage(placement, (p) => p.clock.install());
      let failed = 0;
      page.on('response', (response) => {
        if (response.url() === receiver.url && response.status() === 503) failed += 1;
      });
      receiver.failNext(2);
      await press(page.getByRole('button', { name: 'No' }));
      await page.getByRole('textbox', { name: /What was missing/ }).fill('It did not say what to do if my surgery has closed.');
      await press(page.getByRole('button', { name: 'Send feedback' }));
      await page.locator('.nhs-login-help__thanks').waitFor();
      await until(() => failed === 1, 'the first attempt, refused');
      await page.clock.fastForward(31_000);
      await until(() => failed === 2, 'the second attempt after 30 s, refused');
      assert.equal(receiver.received.length, 0);
      await page.clock.fastForward(61_000);
      await until(() => receiver.received.length === 1, 'the answer, once the receiver is back');
      assert.equal(receiver.received[0].body.comment, 'It did not say what to do if my surgery has closed.');
      await page.clock.fastForward(2 * 60 * 60 * 1000);
      await page.waitForTimeout(500);
      assert.equal(receiver.received.length, 1, 'sent exactly once');
      // The refused attempts are what the browser reports here, nothing else.
      assert.deepEqual(problems.filter((problem) => !/503|Service Unavailable/.test(problem)), []);
      await context.close();
    });
  });
}
