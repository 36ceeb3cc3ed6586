// Every article the widget carries, checked in each browser engine the way a patient meets it: content
// and links, axe-core with expanders closed and open, keyboard only, reflow at 320 px, 200 % zoom,
// forced colours with reduced motion, and a screenshot for review.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { servedWidget } from './fixture.mjs';
import { SCREENSHOTS, axeViolations, describeFocus, lacks, openAllExpanders, openWidget } from './browser.mjs';
import { ARTICLES, articlePath } from './content.mjs';

const SHOTS = `${SCREENSHOTS}/articles`;

const widget = servedWidget();

before(async () => {
  await mkdir(SHOTS, { recursive: true });
});

const squash = (text) => text.replace(/\s+/g, ' ').trim();

/** The expanders' open states, in order. */
const openStates = (page) => page.locator('details').evaluateAll((all) => all.map((d) => d.open));

/**
 * Presses Tab until focus leaves the widget, recording each stop; fails if focus cycles inside
 * the widget for longer than it has focusable elements (a trap).
 */
async function tabThrough(page) {
  const stops = [];
  const limit = (await page.locator('.nhs-login-help a, .nhs-login-help summary').count()) + 2;
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focus = await describeFocus(page);
    if (!focus || !focus.insideWidget) return { stops, left: true };
    stops.push(focus);
  }
  return { stops, left: false };
}

/** What Tab should reach, in reading order: summaries, and links that are not in a closed expander. */
const reachable = (page) =>
  page.locator('.nhs-login-help').evaluate((root) =>
    [...root.querySelectorAll('summary, a')]
      .filter((el) => el.tagName === 'SUMMARY' || !el.closest('details:not([open])'))
      .map((el) => el.textContent.trim()),
  );

for (const article of ARTICLES) {
  const path = articlePath(article);
  const url = () => `${widget.origin}${path}`;
  const summaries = article.expanders.map((e) => e.summary);

  describe(`${article.id} (${path})`, () => {
    test('shows its heading, text, closed expanders and exact links', async () => {
      const { context, page, problems } = await openWidget(widget.browser, url());
      assert.deepEqual(await page.locator('h1').allTextContents(), [article.title]);
      const shown = squash(await page.locator('article').innerText());
      for (const text of article.texts) assert.ok(shown.includes(squash(text)), `shows “${text}”`);
      assert.deepEqual((await page.locator('summary').allTextContents()).map(squash), summaries);
      assert.ok((await openStates(page)).every((open) => !open), 'expanders start closed');
      for (const expander of article.expanders) {
        assert.ok(!shown.includes(squash(expander.texts[0])), `“${expander.summary}” hides its text until opened`);
      }

      await openAllExpanders(page);
      const opened = squash(await page.locator('article').innerText());
      for (const text of article.expanders.flatMap((e) => e.texts)) assert.ok(opened.includes(squash(text)), `shows “${text}” when open`);
      const links = await page.locator('article a').evaluateAll((all) => all.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
      assert.deepEqual(links, article.links);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('axe-core finds no violations with expanders closed, then open', async () => {
      const { context, page } = await openWidget(widget.browser, url());
      assert.deepEqual(await axeViolations(page), [], 'closed');
      await openAllExpanders(page);
      assert.deepEqual(await axeViolations(page), [], 'open');
      await page.screenshot({ path: `${SHOTS}/${article.id}.png`, fullPage: true });
      await context.close();
    });

    test('works by keyboard alone, in reading order, with a visible focus indicator and no trap', async () => {
      const { context, page, problems } = await openWidget(widget.browser, url());
      // A link after the widget, as a real page has, so Tab past the widget stays in the page:
      // headless Firefox moves it to its toolbar, and the page then loses key presses.
      await page.evaluate(() => document.body.append(Object.assign(document.createElement('a'), { href: '#after', textContent: 'After the help' })));
      const closed = await tabThrough(page);
      assert.deepEqual(closed.stops.map((s) => s.text), await reachable(page), 'closed: every summary and visible link, in order');
      assert.ok(closed.left, 'Tab leaves the widget after its last control');
      for (const stop of closed.stops) assert.ok(stop.indicator, `visible focus on “${stop.text}”`);

      const summary = page.locator('summary');
      for (let i = 0; i < summaries.length; i += 1) {
        await summary.nth(i).focus();
        for (const [key, open] of [['Enter', true], ['Enter', false], ['Space', true]]) {
          await page.keyboard.press(key);
          assert.equal((await openStates(page))[i], open, `${key} toggles “${summaries[i]}”`);
        }
      }
      await page.locator('h1').click();
      const open = await tabThrough(page);
      assert.deepEqual(open.stops.map((s) => s.text), await reachable(page), 'open: links inside expanders join the order');
      assert.ok(open.left, 'Tab leaves the widget with every expander open');
      for (const stop of open.stops) assert.ok(stop.indicator, `visible focus on “${stop.text}”`);
      await page.keyboard.press('Shift+Tab');
      assert.equal((await describeFocus(page))?.text, open.stops.at(-1)?.text ?? undefined, 'Shift+Tab comes back');
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('reflows at 320 CSS px with nothing scrolling sideways', async () => {
      const { context, page } = await openWidget(widget.browser, url(), { viewport: { width: 320, height: 640 } });
      await openAllExpanders(page);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        wide: [...document.querySelectorAll('.nhs-login-help *')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((el) => el.tagName + '.' + el.className),
      }));
      assert.deepEqual(overflow, { page: 0, wide: [] });
      await context.close();
    });

    test('at 200 % zoom no text is clipped', async () => {
      const { context, page } = await openWidget(widget.browser, url(), { viewport: { width: 1280, height: 800 } });
      await openAllExpanders(page);
      await page.evaluate(() => {
        document.documentElement.style.zoom = '2';
      });
      const clipped = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        clipped: [...document.querySelectorAll('.nhs-login-help *')]
          .filter((el) => {
            const style = getComputedStyle(el);
            const hides = style.overflowX !== 'visible' || style.overflowY !== 'visible' || style.textOverflow === 'ellipsis';
            return hides && !el.classList.contains('nhsuk-u-visually-hidden') && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
          })
          .map((el) => el.tagName + '.' + el.className),
      }));
      assert.deepEqual(clipped, { page: 0, clipped: [] });
      await context.close();
    });

    test('with forced colours and reduced motion the expanders stay usable', { skip: lacks('mediaEmulation') }, async () => {
      const { context, page, problems } = await openWidget(widget.browser, url(), { forcedColors: 'active', reducedMotion: 'reduce' });
      assert.ok(await page.evaluate(() => matchMedia('(forced-colors: active) and (prefers-reduced-motion: reduce)').matches));
      const summary = page.locator('summary');
      for (let i = 0; i < summaries.length; i += 1) {
        await summary.nth(i).focus();
        const focus = await describeFocus(page);
        assert.ok(focus.indicator, `visible focus on “${summaries[i]}”`);
        const icon = await summary.nth(i).locator('.nhsuk-details__summary-text').evaluate((el) => getComputedStyle(el, '::before').borderTopStyle);
        assert.equal(icon, 'solid', 'the +/− icon keeps its circle');
        await page.keyboard.press('Enter');
        const body = page.locator('details').nth(i).locator('.nhsuk-details__text');
        assert.ok((await body.boundingBox())?.height > 0, `“${summaries[i]}” opens and shows its text`);
      }
      const links = page.locator('article a');
      for (let i = 0; i < (await links.count()); i += 1) {
        await links.nth(i).focus();
        assert.ok((await describeFocus(page)).indicator, 'links show focus in forced colours');
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  });
}
