// What the benchmark (scripts/bench.mjs) runs inside its pages: the first three as init scripts
// (before any of the page's own script), the rest by `page.evaluate`. Each is sent as its source,
// so none may use anything from this module's scope.

/**
 * `window.helpPainted`: the time, in ms since navigation start, at which the widget's top heading
 * (an article's, the fallback's or the topics') had been painted, whether on the page or in an
 * element's shadow root. A requestAnimationFrame loop looks for the heading, laid out and visible,
 * before each frame; the first frame that finds it paints it, and a message posted from that
 * callback runs right after that frame's rendering update. So this is when the main thread had
 * painted the heading; raster and display follow on other threads, alike for every page.
 * `window.headingPainted(text)` does the same for a heading with that text (after a change).
 * `window.shifts`: every layout shift's value, as cumulative layout shift counts them.
 */
export function watchHelp() {
  const selector = '.nhs-login-help :is(article, .nhs-login-help__topics, .nhs-login-help__not-found) > :is(h1, h2, h3, h4, h5, h6)';
  const headings = () => [...document.querySelectorAll(selector),
    ...[...document.querySelectorAll('nhs-login-help')].flatMap((element) => [...(element.shadowRoot?.querySelectorAll(selector) ?? [])])];
  window.headingPainted = (text) => new Promise((resolve) => {
    const afterPaint = new MessageChannel();
    afterPaint.port1.onmessage = () => resolve(performance.now());
    const look = () => {
      if (headings().some((heading) => heading.checkVisibility() && (text === undefined || heading.textContent === text))) afterPaint.port2.postMessage(null);
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  window.helpPainted = window.headingPainted();
  window.shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.shifts.push(entry.value);
  }).observe({ type: 'layout-shift', buffered: true });
}

/**
 * Records when the person first pressed a key or a pointer (in any shadow root too) and, from
 * then on, the frame in which each answer first shows: search results, the thanks for an answer,
 * an article opened from the topics; with the bytes the widget's origin (`origin`) had sent
 * beyond the entry by then: `window.interaction`.
 */
export function watchInteraction(origin) {
  const interaction = { start: null, results: null, thanks: null, article: null, bytes: {} };
  window.interaction = interaction;
  const started = () => { interaction.start ??= performance.now(); };
  addEventListener('keydown', started, true);
  addEventListener('pointerdown', started, true);
  const shows = (selector, text) => [...document.querySelectorAll('nhs-login-help')]
    .some((element) => [...(element.shadowRoot?.querySelectorAll(selector) ?? [])].some((found) => !text || found.textContent.includes(text)));
  const answers = { results: () => shows('.nhs-login-help__result-count', 'match'), thanks: () => shows('.nhs-login-help__thanks'), article: () => shows('article[data-article]') };
  const beyondEntry = (at) => performance.getEntriesByType('resource')
    .filter((r) => r.name.startsWith(origin) && !r.name.endsWith('/nhs-login-help.js') && r.responseEnd <= at)
    .reduce((sum, r) => sum + r.encodedBodySize, 0);
  const look = () => {
    if (interaction.start !== null) {
      for (const [answer, shown] of Object.entries(answers)) {
        if (interaction[answer] === null && shown()) {
          interaction[answer] = performance.now();
          interaction.bytes[answer] = beyondEntry(interaction[answer]);
        }
      }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/** Records long tasks (over 50 ms) and `nhs-login-help:shown` events; `allShown(n)` waits for n of them. */
export function watchMainThread() {
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  let shown = 0;
  const waiting = new Set();
  document.addEventListener('nhs-login-help:shown', () => {
    shown += 1;
    for (const check of waiting) check();
  });
  window.allShown = (n) => new Promise((resolve) => {
    const check = () => {
      if (shown < n) return;
      waiting.delete(check);
      resolve();
    };
    waiting.add(check);
    check();
  });
}

/** Adds an element with `attributes`, waits until it has shown its help, removes it; `cycles` times. */
export async function mountCycles({ cycles, attributes }) {
  const main = document.querySelector('main');
  for (let i = 0; i < cycles; i += 1) {
    const element = document.createElement('nhs-login-help');
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    const shown = new Promise((resolve) => element.addEventListener('nhs-login-help:shown', resolve, { once: true }));
    main.append(element);
    await shown;
    element.remove();
    // The element unmounts in a microtask after it leaves the page.
    await new Promise((resolve) => setTimeout(resolve));
  }
}

/**
 * `el.show(reference)` on the page's first element, alternating two references, until the new
 * article is in its shadow root (a MutationObserver sees it): lookup and re-render in the
 * browser, before paint. Milliseconds per change.
 */
export async function referenceChanges(rounds) {
  const element = document.querySelector('nhs-login-help');
  const root = element.shadowRoot;
  const times = [];
  for (let i = 0; i < rounds; i += 1) {
    const before = root.querySelector('article')?.dataset.article;
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const now = root.querySelector('article')?.dataset.article;
        if (now && now !== before) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(root, { childList: true, subtree: true, attributes: true });
    });
    const start = performance.now();
    element.show(i % 2 ? 'CID7023' : 'CID2014');
    times.push((await changed) - start);
    // Let the change paint before the next one.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  }
  return times;
}

/**
 * Run in the page: times a search as typed in the wasm, `rounds` times — from the `input` event
 * (search over every article) until the results are in the DOM — alternating two queries.
 */
export async function typedSearches(rounds) {
  const element = document.querySelector('nhs-login-help');
  const root = element.shadowRoot;
  element.show('no such reference');
  const input = await new Promise((resolve) => {
    const poll = () => (root.querySelector('input[type=search]') ? resolve(root.querySelector('input[type=search]')) : requestAnimationFrame(poll));
    poll();
  });
  const times = [];
  for (let i = 0; i < rounds; i += 1) {
    const query = i % 2 ? 'gp surgery' : 'nhsmial';
    const shown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (root.querySelector('.nhs-login-help__result-count')?.textContent.includes(query)) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(root, { childList: true, subtree: true, characterData: true });
    });
    const start = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    times.push((await shown) - start);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  }
  return times;
}
