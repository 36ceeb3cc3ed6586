// The benchmark of issue 7, run by `bash scripts/bench.sh` (which builds what it needs first):
// bytes on the wire, time to article against a static page of the same article, main-thread
// cost on a host page, memory and a leak check, and search and lookup times, printed beside the
// targets, with one line appended to bench/history.tsv so a change that costs bytes or time
// shows in review. Times depend on the machine, so the ✓/✗ are information only: the exit code
// is non-zero only when something broke (a page that never shows its article, a page error, a
// missing file).
//
//   node scripts/bench.mjs --dist <release build> --static <static pages dir> [--search <tsv>]
//                          [--loads 20] [--reps 5] [--cycles 100] [--no-history]
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/e2e/browser.mjs';
import { partnerPage } from '../tests/e2e/server.mjs';

const { values: options } = parseArgs({
  options: {
    dist: { type: 'string', default: 'target/dist-release' },
    static: { type: 'string', default: 'target/bench/static' },
    search: { type: 'string' },
    loads: { type: 'string', default: '20' },
    reps: { type: 'string', default: '5' },
    cycles: { type: 'string', default: '100' },
    'no-history': { type: 'boolean', default: false },
  },
});
const [LOADS, REPS, CYCLES] = ['loads', 'reps', 'cycles'].map((name) => {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return value;
});
const HISTORY = fileURLToPath(new URL('../bench/history.tsv', import.meta.url));

/** The reference every timed page shows. */
const REFERENCE = 'CID7023';

/**
 * DevTools' "Slow 4G" as issue 7 gives it: 150 ms added to each request's response, 1.6 Mbit/s
 * down and 750 kbit/s up (CDP wants bytes per second), and the CPU slowed four times.
 */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const SLOW_4G_CPU = 4;

/** How long a page is left after it has shown its help, so trailing work and requests count too. */
const SETTLE_MS = 500;

const TARGETS = { brotliKB: 45, ratioFast: 1.3, ratioSlow: 1.5, mainThreadMs: 10, memory1MB: 2, memory10MB: 3, leakKB: 100 };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

// ---------------------------------------------------------------------------------------------
// Servers. Every body is compressed once at start (brotli q11 and gzip -9, as sizes.mjs counts
// them) and the encoding is chosen per request from Accept-Encoding, as a CDN would.

/** `{ type, identity, gzip, br }`: one response body in each encoding. */
function compressed(body, type) {
  return {
    type,
    identity: body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  };
}

/** Every file under `dir` by its URL path under `prefix`; an `index.html` also as its folder. */
function filesUnder(dir, prefix = '/') {
  const files = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const path = prefix + relative(dir, file).split('\\').join('/');
    const body = compressed(readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
    files.set(path, body);
    if (entry.name === 'index.html') files.set(path.slice(0, -'index.html'.length), body);
  }
  return files;
}

/** br if the request accepts it, else gzip, else none (`;q=0` refuses). */
function encodingFor(acceptEncoding = '') {
  const accepted = acceptEncoding.split(',').map((part) => part.trim().split(/\s*;\s*/))
    .filter(([, q]) => q !== 'q=0').map(([name]) => name);
  return ['br', 'gzip'].find((encoding) => accepted.includes(encoding)) ?? 'identity';
}

/**
 * Serves `files` on 127.0.0.1 with `headers`. `sent` records `{ path, encoding, bytes }` for
 * each response and `missing` each path that got a 404 (none should: each is a broken page).
 */
async function serve(files, headers = {}) {
  const sent = [];
  const missing = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://127.0.0.1').pathname;
    const file = files.get(path);
    if (!file) {
      missing.push(path);
      response.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    const encoding = encodingFor(request.headers['accept-encoding']);
    const body = file[encoding];
    sent.push({ path, encoding, bytes: body.length });
    response.writeHead(200, {
      ...headers,
      'content-type': file.type,
      'content-length': body.length,
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
      vary: 'accept-encoding',
      'cache-control': 'no-store',
    });
    response.end(body);
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    pages: files,
    sent,
    missing,
    close: () => new Promise((done) => {
      server.close(done);
      server.closeAllConnections();
    }),
  };
}

/**
 * A partner's setting that only the wasm reads: its own contact page. The same article, rendered
 * by the wasm instead of shown from the build's first paint; the cost of everything the first
 * paint does not cover (unknown references, the topics and search, link and feedback settings).
 */
const WASM_SETTING = 'contact-url="/contact"';

/**
 * A partner's page with `count` elements, as in the embed tests; `script: false` leaves the
 * widget out, `wasm: true` gives each element WASM_SETTING.
 */
function hostPage(widgetOrigin, count, { script = true, wasm = false } = {}) {
  const element = `<nhs-login-help error="${REFERENCE}"${wasm ? ` ${WASM_SETTING}` : ''}><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>`;
  return partnerPage(widgetOrigin, element.repeat(count), { script });
}

// ---------------------------------------------------------------------------------------------
// Run inside pages: the first two as init scripts (before any of the page's own script).

/**
 * `window.articlePainted`: the time, in ms since navigation start, at which the article heading
 * had been painted, whether on the page or in an element's shadow root. A requestAnimationFrame
 * loop looks for the heading, laid out and visible, before each frame; the first frame that
 * finds it paints it, and a message posted from that callback runs right after that frame's
 * rendering update. So this is when the main thread had painted the heading; raster and display
 * follow on other threads, alike for every page. (Widget markup cannot carry `elementtiming`,
 * which Chromium ignores in shadow roots anyway, and Largest Contentful Paint would time
 * whichever block is largest.) `window.firstContentfulPaint`: Chromium's FCP.
 */
function watchHeading() {
  const selector = 'article.nhs-login-help__article > :is(h1, h2, h3, h4, h5, h6)';
  const heading = () => document.querySelector(selector)
    ?? [...document.querySelectorAll('nhs-login-help')].map((element) => element.shadowRoot?.querySelector(selector)).find(Boolean);
  window.articlePainted = new Promise((resolve) => {
    const afterPaint = new MessageChannel();
    afterPaint.port1.onmessage = () => resolve(performance.now());
    const look = () => {
      if (heading()?.checkVisibility()) afterPaint.port2.postMessage(null);
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  // When the wasm has rendered the article: its heading outside any first paint (the static
  // markup the embed entry or the standalone page's script shows without the wasm).
  const widgetHeading = () => {
    const mount = document.getElementById('nhs-login-help-standalone');
    if (mount && !mount.hasAttribute('data-first-paint') && mount.querySelector(selector)) return true;
    return [...document.querySelectorAll('nhs-login-help')]
      .some((element) => element.shadowRoot?.querySelector(`div:not([data-first-paint]) > .nhs-login-help > ${selector}`));
  };
  window.widgetReady = new Promise((resolve) => {
    const look = () => (widgetHeading() ? resolve(performance.now()) : requestAnimationFrame(look));
    requestAnimationFrame(look);
  });
  window.firstContentfulPaint = new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (entry) resolve(entry.startTime);
    }).observe({ type: 'paint', buffered: true });
  });
}

/** Records long tasks (over 50 ms) and `nhs-login-help:shown` events; `allShown(n)` waits for n of them. */
function watchMainThread() {
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
async function mountCycles({ cycles, attributes }) {
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
async function referenceChanges(rounds) {
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
async function typedSearches(rounds) {
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

// ---------------------------------------------------------------------------------------------
// Figures and printing.

/** Nearest-rank quantile. */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}
const median = (values) => quantile(values, 0.5);
const sum = (values) => values.reduce((total, value) => total + value, 0);
const kB = (bytes) => (bytes / 1000).toFixed(1);
const MB = (bytes) => (bytes / 1e6).toFixed(2);
const ms = (value, digits = 0) => value.toFixed(digits);
const times = (value) => `${value.toFixed(2)}×`;
const signed = (text) => (text.startsWith('-') ? text : `+${text}`);
const mark = (ok) => (ok ? '✓' : '✗');

/** Prints rows under a title; `align` has `l` or `r` per column (default: first left, rest right). */
function printTable(title, header, rows, align = `l${'r'.repeat(header.length - 1)}`) {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const pad = (text, i) => (align[i] === 'l' ? text.padEnd(widths[i]) : text.padStart(widths[i]));
  console.log(`\n${title}`);
  for (const row of cells) console.log(row.map(pad).join('  ').trimEnd());
}

const progress = (text) => process.stderr.write(`  … ${text}\n`);

/** `git rev-parse --short HEAD`, plus `+dirty` when the tree has changes besides the history file. */
function commit() {
  try {
    const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', '.', ':(exclude)bench/history.tsv') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? '+dirty' : ''}`;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// Page loads.

/** A fresh browser context (empty cache and storage) with one page and its CDP session; page errors are problems. */
async function freshPage(browser, problems, { throttled = false } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  if (throttled) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G_CPU });
  }
  return { context, page, cdp };
}

/** `promise`, or a failure after `seconds` (a page that never shows its help). */
function within(seconds, promise, what) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: nothing after ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One fresh load of `url`: when its article heading was painted and its first contentful paint
 * (ms since navigation start), with `wasm`, when the wasm had rendered it, and with `markup`, the
 * article's HTML without Leptos's comment markers. The page stays open `settle` ms more, for
 * anything it fetches late.
 */
async function loadOnce(browser, url, problems, { throttled = false, settle = 0, markup = false, wasm = false } = {}) {
  const { context, page } = await freshPage(browser, problems, { throttled });
  try {
    await page.addInitScript(watchHeading);
    await page.goto(url);
    const painted = await within(60, page.evaluate(() => window.articlePainted), `the article on ${url}`);
    const fcp = await within(10, page.evaluate(() => window.firstContentfulPaint), `first contentful paint on ${url}`);
    const ready = wasm ? await within(60, page.evaluate(() => window.widgetReady), `the wasm on ${url}`) : undefined;
    const article = markup ? await page.evaluate(() => {
      const element = document.querySelector('article') ?? document.querySelector('nhs-login-help').shadowRoot.querySelector('article');
      return { id: element.dataset.article, html: element.outerHTML.replace(/<!--[^]*?-->/g, '') };
    }) : undefined;
    if (settle) await page.waitForTimeout(settle);
    return { painted, fcp, ready, article };
  } finally {
    await context.close();
  }
}

/**
 * Main-thread time of one fresh load of a host page, from navigation until it has shown `count`
 * widgets and `SETTLE_MS` more. `cpu`: the thread time of every top-level task on the page's
 * renderer main thread, from a Chromium trace (script, wasm, parsing, style, layout, paint, GC):
 * CPU time, so it holds on a busy machine. `wall`: CDP's TaskDuration, the same tasks in wall
 * time. `script`: CDP's ScriptDuration, V8's own count of script time (less than the trace shows
 * for the same work). Plus the long tasks a PerformanceObserver saw.
 */
async function mainThreadOnce(browser, url, count, problems) {
  const { context, page, cdp } = await freshPage(browser, problems);
  try {
    await cdp.send('Performance.enable');
    await page.addInitScript(watchMainThread);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await page.goto(url);
    if (count > 0) await within(60, page.evaluate((n) => window.allShown(n), count), `${count} widgets on ${url}`);
    await page.waitForTimeout(SETTLE_MS);
    const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(({ name, value }) => [name, value]));
    const longTasks = await page.evaluate(() => window.longTasks);
    return { cpu: mainThreadCpu(trace, url), wall: metrics.TaskDuration * 1000, script: metrics.ScriptDuration * 1000, longTasks };
  } finally {
    await context.close();
  }
}

/** Thread time (ms) of the top-level tasks on the main thread that parsed `url`'s document. */
function mainThreadCpu(trace, url) {
  const parse = trace.find((event) => event.name === 'ParseHTML' && event.args?.beginData?.url === url);
  if (!parse) throw new Error(`no renderer main thread for ${url} in the trace`);
  const events = trace
    .filter((event) => event.pid === parse.pid && event.tid === parse.tid && event.ph === 'X' && event.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  let end = -Infinity;
  let cpu = 0;
  for (const event of events) {
    if (event.ts < end) continue; // nested in the task before it
    end = event.ts + event.dur;
    cpu += event.tdur ?? 0;
  }
  return cpu / 1000;
}

/**
 * The page's memory after two full garbage collections: V8's heap in use and Blink's DOM heap
 * (`Runtime.getHeapUsage`), live DOM nodes and listeners (`Memory.getDOMCounters`), and the wasm
 * linear memory: the byte length of the widget's `WebAssembly.Memory`, read from the wasm-bindgen
 * glue if the page loaded it (importing the same URL gives the same module instance, and its
 * `initSync()` returns the initialised exports without loading anything), else none.
 */
async function memoryOf(page, cdp, glueUrl) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  const wasm = await page.evaluate(async (url) => (performance.getEntriesByName(url).length
    ? (await import(url)).initSync().memory.buffer.byteLength : 0), glueUrl);
  return { js: heap.usedSize, dom: heap.embedderHeapUsedSize, wasm, nodes, listeners: jsEventListeners };
}

// ---------------------------------------------------------------------------------------------
// The sections of the report; each prints its table and returns its headline figures.

/** What Chromium fetched for one load of each page, as the server sent it. */
async function bytesOnTheWire(browser, pages, servers, problems) {
  const rows = [];
  const totals = {};
  for (const page of pages) {
    for (const server of Object.values(servers)) server.sent.length = 0;
    await loadOnce(browser, page.url, problems, { settle: SETTLE_MS });
    // A partner's own page is not the widget's to count; the standalone and static pages' HTML is.
    const requests = [
      ...servers.host.sent.map((request) => ({ ...request, counted: false })),
      ...servers.widget.sent.map((request) => ({ ...request, counted: true })),
    ];
    const counted = requests.filter((request) => request.counted);
    totals[page.name] = sum(counted.map((request) => request.bytes));
    for (const r of requests) rows.push([page.name, r.path, r.encoding, kB(r.bytes), r.counted ? '' : '(host page, not counted)']);
    rows.push([page.name, `total, ${counted.length} requests`, '', kB(totals[page.name]), '']);
  }
  printTable('Bytes on the wire: what Chromium fetched for one load (kB of response bodies as sent)',
    ['page', 'request', 'encoding', 'kB', ''], rows, 'lllrl');
  return totals;
}

/** Median and p90 time to article over `LOADS` fresh loads per page, unthrottled and at Slow 4G. */
async function timeToArticle(browser, pages, problems) {
  const modes = [
    { key: 'fast', name: 'unthrottled', throttled: false, target: TARGETS.ratioFast },
    { key: 'slow', name: `Slow 4G, ${SLOW_4G_CPU}× CPU`, throttled: true, target: TARGETS.ratioSlow },
  ];
  const rows = [];
  const results = {};
  for (const mode of modes) {
    progress(`time to article, ${mode.name}: ${LOADS} loads × ${pages.length} pages`);
    const loads = Object.fromEntries(pages.map((page) => [page.name, []]));
    // Pages in turn, so a change in the machine's load hits each of them alike.
    for (let i = 0; i < LOADS; i += 1) {
      for (const page of pages) loads[page.name].push(await loadOnce(browser, page.url, problems, { throttled: mode.throttled, wasm: page.wasm }));
    }
    const staticMedian = median(loads.static.map((load) => load.painted));
    results[mode.key] = {};
    for (const page of pages) {
      const painted = loads[page.name].map((load) => load.painted);
      const result = { median: median(painted), p90: quantile(painted, 0.9), ratio: median(painted) / staticMedian };
      results[mode.key][page.name] = result;
      const compared = page.name === 'static' ? ['', ''] : [times(result.ratio), `≤ ${mode.target}× ${mark(result.ratio <= mode.target)}`];
      const ready = page.wasm ? ms(median(loads[page.name].map((load) => load.ready))) : '';
      result.ready = ready;
      rows.push([`${mode.name}: ${page.name}`, ms(result.median), ms(result.p90), ...compared, ms(median(loads[page.name].map((load) => load.fcp))), ready]);
    }
  }
  printTable(`Time to article: navigation start until the ${REFERENCE} heading is painted (ms, ${LOADS} fresh loads each; FCP: anything first shown; `
    + 'wasm: median until the wasm had rendered it; a page or element with a first paint never loads the wasm; -wasm: the same article where only the wasm '
    + `renders it, standalone for ?error=${REFERENCE.toLowerCase()}, embedded with ${WASM_SETTING})`,
    ['page', 'median', 'p90', '÷ static', 'target', 'FCP', 'wasm'], rows);
  return results;
}

/**
 * Main-thread time a host page pays for 1 and for 10 elements, with the first paint and with the
 * wasm (WASM_SETTING): with the widget minus without it.
 */
async function mainThreadCost(browser, host, problems) {
  const rows = [];
  const added = {};
  // The physical limit: the host page showing the same article as static markup with the widget's
  // stylesheet, no script at all.
  progress(`main thread, the article as static markup: ${REPS} loads with it and ${REPS} without`);
  const staticRuns = [];
  const bareRuns = [];
  for (let i = 0; i < REPS; i += 1) {
    staticRuns.push(await mainThreadOnce(browser, `${host.origin}/static-1.html`, 0, problems));
    bareRuns.push(await mainThreadOnce(browser, `${host.origin}/bare-1.html`, 0, problems));
  }
  const staticCpu = median(staticRuns.map((run) => run.cpu)) - median(bareRuns.map((run) => run.cpu));
  added.static = staticCpu;
  for (const [key, page, count, name] of [
    [1, 'host', 1, '1 element'],
    [10, 'host', 10, '10 elements'],
    ['wasm1', 'wasm', 1, '1 element, wasm'],
    ['wasm10', 'wasm', 10, '10 elements, wasm'],
  ]) {
    progress(`main thread, ${name}: ${REPS} loads with the widget and ${REPS} without`);
    const withWidget = [];
    const without = [];
    for (let i = 0; i < REPS; i += 1) {
      withWidget.push(await mainThreadOnce(browser, `${host.origin}/${page}-${count}.html`, count, problems));
      without.push(await mainThreadOnce(browser, `${host.origin}/bare-${count}.html`, 0, problems));
    }
    const extra = (field) => median(withWidget.map((run) => run[field])) - median(without.map((run) => run[field]));
    const cpu = extra('cpu');
    added[key] = cpu;
    const long = withWidget.map((run) => run.longTasks);
    rows.push([
      name, ms(cpu, 1), ms(extra('wall'), 1), ms(extra('script'), 1),
      String(median(long.map((tasks) => tasks.length))), ms(median(long.map(sum))),
      ms(median(long.map((tasks) => sum(tasks.map((duration) => Math.max(0, duration - 50)))))),
      count === 1 ? `≤ ${TARGETS.mainThreadMs} ms ${mark(cpu <= TARGETS.mainThreadMs)}` : '',
    ]);
  }
  rows.push(['static markup, no script', ms(staticCpu, 1), '', '', '', '', '', '(the physical limit)']);
  printTable(`Main thread added to a host page (ms, median of ${REPS} fresh loads minus the same page without the script tag; unthrottled; `
    + `"wasm": elements with ${WASM_SETTING}, which only the wasm renders)`,
    ['host page', 'CPU', 'wall', 'script', 'long tasks', 'their ms', 'blocking', 'target'], rows);
  return added;
}

/**
 * Memory of the host page without the widget, with 1 and with 10 elements, each with the first
 * paint and with the wasm (WASM_SETTING); on the pages with 1 element, after `CYCLES` and
 * 2 × `CYCLES` mount/unmount cycles of a second element like it beside it; and, on the wasm's
 * cycled page, the time of a reference change and of a search.
 */
async function memoryAndLeaks(browser, host, glueUrl, problems) {
  progress(`memory: 1 and 10 elements, first paint and wasm, 2 × ${CYCLES} mount/unmount cycles of each`);
  const memory = {};
  let changes;
  let searches;
  const [setting, value] = WASM_SETTING.split('=');
  const pages = [
    ['bare', '/bare-1.html', 0, null],
    ['one', '/host-1.html', 1, { error: REFERENCE }],
    ['ten', '/host-10.html', 10, null],
    ['oneWasm', '/wasm-1.html', 1, { error: REFERENCE, [setting]: JSON.parse(value) }],
    ['tenWasm', '/wasm-10.html', 10, null],
  ];
  for (const [name, path, count, cycled] of pages) {
    const { context, page, cdp } = await freshPage(browser, problems);
    try {
      await page.addInitScript(watchMainThread);
      await page.goto(`${host.origin}${path}`);
      if (count > 0) await within(60, page.evaluate((n) => window.allShown(n), count), `${count} widgets on ${path}`);
      await page.waitForTimeout(SETTLE_MS);
      memory[name] = await memoryOf(page, cdp, glueUrl);
      if (!cycled) continue;
      // A second batch of cycles tells a leak (grows again) from warm-up (grows once).
      for (const batch of ['cycled', 'cycledTwice']) {
        await within(600, page.evaluate(mountCycles, { cycles: CYCLES, attributes: cycled }), `${CYCLES} mount/unmount cycles on ${path}`);
        await page.waitForTimeout(SETTLE_MS);
        memory[`${name}:${batch}`] = await memoryOf(page, cdp, glueUrl);
      }
      if (name !== 'oneWasm') continue;
      // The page's own element still works after the cycles.
      changes = await page.evaluate(referenceChanges, 50);
      searches = await page.evaluate(typedSearches, 50);
    } finally {
      await context.close();
    }
  }
  // The widget's share: the page's V8 heap over the same page without the script, plus its wasm memory.
  const widget = (m) => m.js - memory.bare.js + m.wasm;
  const growth = (name) => widget(memory[`${name}:cycled`]) - widget(memory[name]);
  const within1 = (m) => `≤ ${TARGETS.memory1MB} MB ${mark(widget(m) <= TARGETS.memory1MB * 1e6)}`;
  const within10 = (m) => `≤ ${TARGETS.memory10MB} MB ${mark(widget(m) <= TARGETS.memory10MB * 1e6)}`;
  const flat = (name) => `< ${TARGETS.leakKB} kB more ${mark(growth(name) < TARGETS.leakKB * 1000)}`;
  const rows = [['page without the widget', memory.bare, '']];
  for (const [name, label] of [['one', ''], ['oneWasm', ', wasm']]) {
    const many = name === 'one' ? 'ten' : 'tenWasm';
    rows.push(
      [`1 element${label}`, memory[name], within1(memory[name])],
      [`10 elements${label}`, memory[many], within10(memory[many])],
      [`1 element${label}, after ${CYCLES} cycles`, memory[`${name}:cycled`], flat(name)],
      [`1 element${label}, after ${2 * CYCLES} cycles`, memory[`${name}:cycledTwice`], ''],
    );
  }
  printTable('Memory after garbage collection (MB = 10^6 bytes; widget = JS heap over the page without it, plus wasm linear memory; '
    + `"wasm": elements with ${WASM_SETTING}, which only the wasm renders)`,
    ['page', 'JS heap', 'wasm memory', 'widget', 'DOM heap', 'DOM nodes', 'listeners', 'target'],
    rows.map(([name, m, target]) => [name, MB(m.js), MB(m.wasm), m === memory.bare ? '' : MB(widget(m)), MB(m.dom), m.nodes, m.listeners, target]));
  const change = (from, to) => `widget ${signed(kB(widget(to) - widget(from)))} kB, DOM heap ${signed(kB(to.dom - from.dom))} kB, `
    + `DOM nodes ${signed(String(to.nodes - from.nodes))}, listeners ${signed(String(to.listeners - from.listeners))}`;
  for (const [name, label] of [['one', 'first paint'], ['oneWasm', 'wasm']]) {
    console.log(`${label}, first ${CYCLES} cycles: ${change(memory[name], memory[`${name}:cycled`])}`);
    console.log(`${label}, next ${CYCLES} cycles:  ${change(memory[`${name}:cycled`], memory[`${name}:cycledTwice`])}`);
  }
  const figures = (name, many) => ({
    one: widget(memory[name]), ten: widget(memory[many]), cycled: widget(memory[`${name}:cycled`]), growth: growth(name),
  });
  return { ...figures('one', 'ten'), wasm: figures('oneWasm', 'tenWasm'), changes, searches };
}

/**
 * A reference change in the browser, and the native figures of examples/search_bench (lines of
 * `name<TAB>microseconds`) if it ran: returns the lookup's and the slowest search's µs.
 */
function searchAndLookup(changes, typed, searchFile) {
  const rows = [[
    'reference change: el.show(), until the new article is in the DOM',
    `${ms(median(changes), 2)} ms`, `${ms(quantile(changes, 0.9), 2)} ms`, `browser, ${changes.length} changes`,
  ], [
    'search as typed: input event, search of every article, until the results are in the DOM',
    `${ms(median(typed), 2)} ms`, `${ms(quantile(typed, 0.9), 2)} ms`, `browser, ${typed.length} searches`,
  ]];
  const lookups = [];
  const searches = [];
  if (searchFile && existsSync(searchFile)) {
    for (const line of readFileSync(searchFile, 'utf8').trim().split('\n')) {
      const [name, micros] = line.split('\t');
      if (name.startsWith('lookup')) lookups.push(Number(micros));
      if (name.startsWith('search')) searches.push(Number(micros));
      rows.push([name, `${micros} µs`, '', 'native, release build']);
    }
  } else {
    rows.push(['one reference lookup, one full search over all articles', 'not measured', '', 'no examples/search_bench output']);
  }
  printTable('Search and lookup', ['what', 'median', 'p90', 'measured'], rows, 'lrrl');
  return { lookup: lookups.length ? Math.max(...lookups) : '-', search: searches.length ? Math.max(...searches) : '-' };
}

function printTargets({ bytes, time, main, memory }) {
  const rows = [
    ['total brotli, element with a first paint', `${kB(bytes.embedded)} kB`, `≤ ${TARGETS.brotliKB} kB`, bytes.embedded <= TARGETS.brotliKB * 1000],
    ['total brotli, element that needs the wasm', `${kB(bytes['embedded-wasm'])} kB`, `≤ ${TARGETS.brotliKB} kB`, bytes['embedded-wasm'] <= TARGETS.brotliKB * 1000],
    ['total brotli, standalone page with a first paint', `${kB(bytes.standalone)} kB`, `≤ ${TARGETS.brotliKB} kB`, bytes.standalone <= TARGETS.brotliKB * 1000],
    ['total brotli, standalone page that needs the wasm', `${kB(bytes['standalone-wasm'])} kB`, `≤ ${TARGETS.brotliKB} kB`, bytes['standalone-wasm'] <= TARGETS.brotliKB * 1000],
  ];
  for (const [mode, label, target] of [['fast', 'unthrottled', TARGETS.ratioFast], ['slow', 'Slow 4G', TARGETS.ratioSlow]]) {
    for (const page of ['standalone', 'standalone-wasm', 'embedded', 'embedded-wasm']) {
      rows.push([`time to article ÷ static, ${page}, ${label}`, times(time[mode][page].ratio), `≤ ${target}×`, time[mode][page].ratio <= target]);
    }
  }
  rows.push(
    ['main-thread CPU, 1 element with a first paint', `${ms(main[1], 1)} ms`, `≤ ${TARGETS.mainThreadMs} ms`, main[1] <= TARGETS.mainThreadMs],
    ['main-thread CPU, 1 element that needs the wasm', `${ms(main.wasm1, 1)} ms`, `≤ ${TARGETS.mainThreadMs} ms`, main.wasm1 <= TARGETS.mainThreadMs],
    ['main-thread CPU, the article as static markup', `${ms(main.static, 1)} ms`, '(the limit)', true],
  );
  for (const [figures, label] of [[memory, 'with a first paint'], [memory.wasm, 'needing the wasm']]) {
    rows.push(
      [`memory, 1 element ${label}`, `${MB(figures.one)} MB`, `≤ ${TARGETS.memory1MB} MB`, figures.one <= TARGETS.memory1MB * 1e6],
      [`memory, 10 elements ${label}`, `${MB(figures.ten)} MB`, `≤ ${TARGETS.memory10MB} MB`, figures.ten <= TARGETS.memory10MB * 1e6],
      [`memory growth over ${CYCLES} cycles, ${label}`, `${kB(figures.growth)} kB`, `< ${TARGETS.leakKB} kB`, figures.growth < TARGETS.leakKB * 1000],
    );
  }
  printTable('Targets (information only: times depend on the machine)', ['figure', 'now', 'target', ''],
    rows.map(([name, now, target, ok]) => [name, now, target, mark(ok)]));
}

/** One tab-separated line per run in bench/history.tsv, under a header written with the file. */
function appendHistory({ bytes, time, main, memory, changes, native }) {
  const columns = [
    ['date', new Date().toISOString().slice(0, 19) + 'Z'],
    ['commit', commit()],
    ['br_standalone_kB', kB(bytes.standalone)],
    ['br_embedded_kB', kB(bytes.embedded)],
  ];
  for (const mode of ['fast', 'slow']) {
    const name = mode === 'fast' ? 'fast' : 'slow4g';
    columns.push([`${name}_static_ms`, ms(time[mode].static.median)]);
    for (const page of ['standalone', 'embedded']) {
      columns.push([`${name}_${page}_ms`, ms(time[mode][page].median)], [`${name}_${page}_x`, time[mode][page].ratio.toFixed(2)]);
    }
  }
  columns.push(
    ['main_1_ms', ms(main[1], 1)], ['main_10_ms', ms(main[10], 1)],
    ['mem_1_MB', MB(memory.one)], ['mem_10_MB', MB(memory.ten)], [`mem_after_${CYCLES}_cycles_MB`, MB(memory.cycled)],
    ['show_ms', ms(median(changes), 2)],
    ['lookup_us', native.lookup], ['slowest_search_us', native.search],
  );
  // Added later than the columns above, so they come last and older lines stay aligned.
  for (const [mode, name] of [['fast', 'fast'], ['slow', 'slow4g']]) {
    // The host page with the snippet's preload hints, until the snippet had none left to give.
    columns.push([`${name}_hinted_ms`, '-'], [`${name}_hinted_x`, '-']);
  }
  for (const [mode, name] of [['fast', 'fast'], ['slow', 'slow4g']]) {
    for (const page of ['standalone', 'embedded', 'hinted']) columns.push([`${name}_${page}_wasm_ms`, time[mode][page]?.ready || '-']);
  }
  columns.push(['main_static_ms', ms(main.static, 1)]);
  // Since pages and elements with a first paint stopped loading the wasm, the columns above with
  // "standalone", "embedded", main_* and mem_* are theirs; these are the ones that need the wasm.
  for (const page of ['standalone-wasm', 'embedded-wasm']) {
    columns.push([`br_${page}_kB`, kB(bytes[page])]);
    for (const [mode, name] of [['fast', 'fast'], ['slow', 'slow4g']]) {
      const figures = time[mode][page];
      columns.push([`${name}_${page}_ms`, ms(figures.median)], [`${name}_${page}_x`, figures.ratio.toFixed(2)], [`${name}_${page}_ready_ms`, figures.ready]);
    }
  }
  columns.push(
    ['main_1_wasm_ms', ms(main.wasm1, 1)], ['main_10_wasm_ms', ms(main.wasm10, 1)],
    ['mem_1_wasm_MB', MB(memory.wasm.one)], ['mem_10_wasm_MB', MB(memory.wasm.ten)], [`mem_wasm_after_${CYCLES}_cycles_MB`, MB(memory.wasm.cycled)],
  );
  const header = columns.map(([name]) => name).join('\t');
  if (!existsSync(HISTORY)) {
    mkdirSync(join(HISTORY, '..'), { recursive: true });
    appendFileSync(HISTORY, `${header}\n`);
  } else {
    // New columns: the header names them; older lines simply lack them.
    const [first, ...rest] = readFileSync(HISTORY, 'utf8').split('\n');
    if (first !== header) writeFileSync(HISTORY, [header, ...rest].join('\n'));
  }
  appendFileSync(HISTORY, `${columns.map(([, value]) => value).join('\t')}\n`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const { dist, static: staticDir } = options;
  const glueFile = existsSync(dist) && readdirSync(dist).find((name) => /^nhs-login-help-[0-9a-f]+\.js$/.test(name));
  if (!glueFile || !existsSync(join(dist, 'nhs-login-help.js'))) throw new Error(`${dist} is not a release build with the embed entry`);
  if (!existsSync(staticDir)) throw new Error(`no ${staticDir}: cargo run --release --example static_pages -- ${staticDir} ${dist}`);

  const files = filesUnder(dist);
  for (const [path, body] of filesUnder(staticDir, '/static/')) files.set(path, body);
  const widget = await serve(files, { 'access-control-allow-origin': '*' });
  const hostPages = new Map();
  for (const count of [1, 10]) {
    hostPages.set(`/host-${count}.html`, compressed(Buffer.from(hostPage(widget.origin, count)), TYPES['.html']));
    hostPages.set(`/wasm-${count}.html`, compressed(Buffer.from(hostPage(widget.origin, count, { wasm: true })), TYPES['.html']));
    hostPages.set(`/bare-${count}.html`, compressed(Buffer.from(hostPage(widget.origin, count, { script: false })), TYPES['.html']));
  }
  const host = await serve(hostPages);
  const browser = await launchChromium();
  const problems = [];

  try {
    console.log(`NHS login help widget benchmark, ${new Date().toISOString()}, commit ${commit()}`);
    console.log(`${dist}; Chromium ${browser.version()}; ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at start`);
    console.log(`${LOADS} fresh loads per page and mode, ${REPS} per main-thread figure, ${CYCLES} cycles per leak batch`);

    console.log('\nRelease assets (scripts/sizes.mjs: kB = 1000 bytes, gzip -9, brotli q11)');
    process.stdout.write(execFileSync(process.execPath, [fileURLToPath(new URL('sizes.mjs', import.meta.url)), dist], { encoding: 'utf8' }));

    // The static page must show exactly what the widget shows, or comparing them means nothing.
    const standaloneUrl = `${widget.origin}/?error=${REFERENCE}`;
    const shown = (await loadOnce(browser, standaloneUrl, problems, { markup: true })).article;
    const staticUrl = `${widget.origin}/static/${shown.id}.html`;
    if (!files.has(`/static/${shown.id}.html`)) throw new Error(`no static page for ${shown.id} in ${staticDir}`);
    const same = (await loadOnce(browser, staticUrl, problems, { markup: true })).article.html === shown.html;
    if (widget.missing.length) {
      throw new Error(`not found: ${widget.missing.join(', ')}; static pages from another build? Run bash scripts/bench.sh`);
    }
    // The host page with the article as static markup, for the main-thread figure's physical limit.
    const staticHtml = readFileSync(join(staticDir, `${shown.id}.html`), 'utf8');
    const markup = staticHtml.match(/<main[^>]*>([^]*)<\/main>/)?.[1];
    const stylesheet = staticHtml.match(/<link rel="stylesheet" href="([^"]+)">/)?.[1];
    if (!markup || !stylesheet) throw new Error(`no article or stylesheet in ${staticDir}/${shown.id}.html`);
    host.pages.set('/static-1.html', compressed(Buffer.from(hostPage(widget.origin, 0, { script: false })
      .replace('</head>', `<link rel="stylesheet" href="${widget.origin}${stylesheet}">\n</head>`)
      .replace('</main>', `${markup}</main>`)), TYPES['.html']));
    const verdict = same ? '✓ the same article markup as the widget renders' : '✗ not the article markup the widget renders: update examples/static_pages.rs';
    console.log(`\nStatic page ${staticUrl.replace(widget.origin, '')}: ${verdict}`);

    const pages = [
      { name: 'standalone', url: standaloneUrl },
      // Lower case: the same article, but a spelling only the wasm reads.
      { name: 'standalone-wasm', url: `${widget.origin}/?error=${REFERENCE.toLowerCase()}`, wasm: true },
      { name: 'embedded', url: `${host.origin}/host-1.html` },
      { name: 'embedded-wasm', url: `${host.origin}/wasm-1.html`, wasm: true },
      { name: 'static', url: staticUrl },
    ];
    const bytes = await bytesOnTheWire(browser, pages, { widget, host }, problems);
    const time = await timeToArticle(browser, pages, problems);
    const main = await mainThreadCost(browser, host, problems);
    const memory = await memoryAndLeaks(browser, host, `${widget.origin}/${glueFile}`, problems);
    const native = searchAndLookup(memory.changes, memory.searches, options.search);
    printTargets({ bytes, time, main, memory });

    for (const server of [widget, host]) problems.push(...server.missing.map((path) => `not found: ${path}`));
    if (!same) problems.push('the static page does not show the same article markup as the widget');
    if (problems.length) throw new Error([...new Set(problems)].join('\n'));
    if (!options['no-history']) {
      appendHistory({ bytes, time, main, memory, changes: memory.changes, native });
      console.log(`\nAppended a line to ${relative(process.cwd(), HISTORY)}.`);
    }
    console.log(`Took ${Math.round((Date.now() - started) / 1000)} s; load average ${loadavg()[0].toFixed(1)} at the end.`);
  } finally {
    await browser.close();
    await Promise.all([widget.close(), host.close()]);
  }
}

try {
  await main();
} catch (error) {
  console.error(`\nbenchmark failed: ${error.stack ?? error}`);
  process.exitCode = 1;
}
