// The content designers' gallery (`gallery.html`, written by the build from the tools crate, with
// no wasm): every article as partners show it, the page variant under an h1 and the inline variant
// under an h2, in frames 320 px and 1024 px wide, each showing the first paint; the style checks'
// warnings beside each article, as the build found them (the content manifest carries them); no
// sideways scrolling at 320 px; axe-core clean, on the gallery and in each frame. Frames are same-origin, so
// the checks read them through `contentDocument`, which every engine's driver allows.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { servedWidget } from './fixture.mjs';
import { AXE_SOURCE, AXE_TAGS, SCREENSHOTS, watchedPage } from './browser.mjs';
import { ARTICLES, articlePath } from './content.mjs';

const widget = servedWidget();
const WIDTHS = [320, 1024];

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

/**
 * In the page: every frame of the gallery, once each shows its help's first paint and has been
 * fitted to its height, or `null` while any is not there yet.
 */
function framesReady() {
  const frames = [...document.querySelectorAll('.gallery__frame')];
  const painted = frames.every((figure) => {
    const frame = figure.querySelector('iframe');
    const doc = frame.contentDocument;
    if (doc?.readyState !== 'complete') return false;
    const help = figure.dataset.variant === 'page'
      ? doc.querySelector('#nhs-login-help-standalone[data-first-paint] .nhs-login-help')
      : doc.querySelector('nhs-login-help')?.shadowRoot?.querySelector('[data-first-paint]:not([hidden]) .nhs-login-help');
    return help !== null && help !== undefined && Math.abs(frame.clientHeight - doc.documentElement.scrollHeight) <= 1;
  });
  return frames.length > 0 && painted;
}

/** In the page: what each article's section shows, its frames measured from inside. */
function gallerySections() {
  return [...document.querySelectorAll('.gallery__article')].map((section) => ({
    id: section.dataset.article,
    heading: section.querySelector('h2').textContent,
    permalinks: [...section.querySelectorAll('.gallery__permalinks a')].map((a) => a.getAttribute('href')),
    warnings: [...section.querySelectorAll('.gallery__warnings li')].map((li) => li.textContent),
    count: Number(section.querySelector('.gallery__warnings').dataset.warnings),
    reading: section.querySelector('.gallery__reading')?.textContent ?? '',
    frames: [...section.querySelectorAll('.gallery__frame')].map((figure) => {
      const frame = figure.querySelector('iframe');
      const doc = frame.contentDocument;
      const root = figure.dataset.variant === 'page'
        ? doc.getElementById('nhs-login-help-standalone')
        : doc.querySelector('nhs-login-help').shadowRoot;
      const help = root.querySelector('[data-first-paint]:not([hidden]) .nhs-login-help, .nhs-login-help');
      const title = help.querySelector('article > :is(h1, h2, h3, h4, h5, h6)');
      const viewport = doc.documentElement.clientWidth;
      return {
        variant: figure.dataset.variant,
        width: frame.contentWindow.innerWidth,
        firstPaint: figure.dataset.variant === 'page' ? root.hasAttribute('data-first-paint') : root.querySelector('[data-first-paint]:not([hidden])') !== null,
        inline: help.classList.contains('nhs-login-help--inline'),
        heading: `${title.localName}: ${title.textContent}`,
        sideways: doc.documentElement.scrollWidth - viewport,
        wide: [...help.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > viewport + 0.5).map((el) => el.localName),
        wasm: frame.contentWindow.performance.getEntriesByType('resource').some((entry) => /_bg\.wasm/.test(entry.name)),
      };
    }),
  }));
}

async function openGallery(viewport = { width: 1440, height: 900 }) {
  const watched = await watchedPage(widget.browser, { viewport });
  await watched.page.goto(`${widget.origin}/gallery.html`);
  await watched.page.waitForFunction(framesReady, undefined, { timeout: 60_000 });
  return watched;
}

test('every article, page variant under an h1 and inline under an h2, at 320 px and 1024 px, as the first paint', async () => {
  const { context, page, problems } = await openGallery();
  const sections = await page.evaluate(gallerySections);
  assert.deepEqual(sections.map((s) => s.id), ARTICLES.map((a) => a.id), 'every article, in topic order');
  for (const article of ARTICLES) {
    const section = sections.find((s) => s.id === article.id);
    assert.equal(section.heading, article.title);
    const shown = section.frames.map(({ variant, width, firstPaint, inline, heading }) => ({ variant, width, firstPaint, inline, heading }));
    assert.deepEqual(shown, ['page', 'inline'].flatMap((variant) => WIDTHS.map((width) => ({
      variant,
      width,
      firstPaint: true,
      inline: variant === 'inline',
      heading: `${variant === 'page' ? 'h1' : 'h2'}: ${article.title}`,
    }))), article.id);
    for (const frame of section.frames.filter((f) => f.width === 320)) {
      assert.deepEqual({ sideways: frame.sideways, wide: frame.wide }, { sideways: 0, wide: [] }, `${article.id}, ${frame.variant} at 320 px`);
    }
    assert.ok(section.frames.every((f) => !f.wasm), `${article.id}: no frame loads the wasm`);
    // Permalinks as before: the article and each of its expanders.
    const path = articlePath(article);
    assert.deepEqual(section.permalinks, [path, ...article.expanders.map((e) => `${path}&section=${e.id}`)], article.id);
  }
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => /_bg\.wasm/.test(entry.name)).length);
  assert.equal(wasm, 0, 'the gallery itself loads no wasm');
  await page.screenshot({ path: `${SCREENSHOTS}/gallery.png` });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the style checks are shown beside each article, as the build found them, with its reading level', async () => {
  const { context, page } = await openGallery();
  const sections = await page.evaluate(gallerySections);
  for (const article of ARTICLES) {
    const section = sections.find((s) => s.id === article.id);
    assert.deepEqual(section.warnings, article.warnings.map((w) => `Line ${w.line}: ${w.message}`), article.id);
    assert.equal(section.count, article.warnings.length, article.id);
    assert.match(section.reading, /^Reading level: Flesch reading ease \d+ \([^)]+\), Flesch–Kincaid grade \d+\.\d/, article.id);
  }
  // The seed articles do warn, so the check above compares something.
  assert.ok(ARTICLES.some((a) => a.warnings.some((w) => w.rule === 'long-sentence')), 'some long sentences');
  await context.close();
});

test('at a 320 px window the gallery never scrolls sideways: a wide frame scrolls in its own box', async () => {
  const { context, page } = await openGallery({ width: 320, height: 640 });
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(sideways, 0);
  await context.close();
});

test('axe-core finds no violations on the gallery, nor in any of its frames', async () => {
  const { context, page } = await openGallery();
  // Each frame is checked as the page it is (a partner would show one, not four copies side by
  // side), and the gallery on its own.
  const violations = await page.evaluate(async ([source, tags]) => {
    const found = [];
    const windows = [[window, 'gallery'], ...[...document.querySelectorAll('iframe')].map((f) => [f.contentWindow, f.title])];
    for (const [win, name] of windows) {
      win.eval(source);
      const results = await win.axe.run(win.document, { runOnly: { type: 'tag', values: tags }, iframes: false });
      for (const v of results.violations) found.push(`${name}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    return found;
  }, [await AXE_SOURCE, AXE_TAGS]);
  assert.deepEqual(violations, []);
  await context.close();
});

test('?gallery on the standalone page leads to the gallery', async () => {
  const { context, page, problems } = await watchedPage(widget.browser);
  await page.goto(`${widget.origin}/?gallery`);
  await page.waitForFunction(() => location.pathname.endsWith('/gallery.html') && document.querySelector('.gallery__article'));
  assert.equal(await page.locator('h1').first().textContent(), 'All help articles');
  assert.deepEqual(problems, []);
  await context.close();
});
