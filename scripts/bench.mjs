// The benchmark, run by `bash scripts/bench.sh` (which builds what it needs first): how fast a
// person sees help on every kind of page a host can make, against the physical limit (the same
// help as a minimal static HTML page: its markup and a few lines of inline CSS) and against the
// same help as a static page with the widget's own CSS; bytes on the wire; layout shift; a URL
// change in a single-page app; the first interaction (typing in the search, Yes, a topic) until
// its answer shows, with the bytes it fetched; main-thread cost on a host page; memory and a leak
// check; search and lookup times. Figures print beside the targets and one line is appended to bench/history.tsv,
// so a change that costs bytes or time shows in review. Times depend on the machine, so the ✓/✗
// are information only: the exit code is non-zero only when something broke (a page that never
// shows its help, a page error, a missing file, static pages that do not show what the widget
// shows) or the embed entry is over its byte budget (docs/decisions/entry-budget.md).
//
//   node scripts/bench.mjs --dist <release build> --static <static pages dir> [--search <tsv>]
//                          [--loads 11] [--reps 5] [--cycles 100] [--no-history]
//   node scripts/bench.mjs --dist <release build> --sizes "<what changed>"
//
// `--sizes` records only the release build's sizes (wasm, glue, entry), with a note of what
// changed, in seconds and without a browser: one line per lever tried on the wasm.
//
// Here: the pages, loads and sections of the report. In scripts/bench/: the servers, what runs
// inside the pages, the figures and tables, and the history file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { canonicalMarkup, launchChromium, refuseFirstPaint } from '../tests/e2e/browser.mjs';
import { partnerPage } from '../tests/e2e/server.mjs';
import { ENTRY_BUDGET_BYTES, checkEntryBudget } from './sizes.mjs';
import { MB, kB, mark, median, ms, printTable, progress, quantile, signed, sum, times } from './bench/figures.mjs';
import { HISTORY, appendHistory, commit, recordSizes } from './bench/history.mjs';
import { mountCycles, referenceChanges, typedSearches, watchHelp, watchInteraction, watchMainThread } from './bench/in-page.mjs';
import { TYPES, compressed, filesUnder, serve } from './bench/servers.mjs';

const { values: options } = parseArgs({
  options: {
    dist: { type: 'string', default: 'target/dist-release' },
    static: { type: 'string', default: 'target/bench/static' },
    search: { type: 'string' },
    loads: { type: 'string', default: '11' },
    reps: { type: 'string', default: '5' },
    cycles: { type: 'string', default: '100' },
    'no-history': { type: 'boolean', default: false },
    sizes: { type: 'string' },
  },
});
const [LOADS, REPS, CYCLES] = ['loads', 'reps', 'cycles'].map((name) => {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return value;
});

/** The reference the article pages show. */
const REFERENCE = 'CID7023';

/**
 * DevTools' "Slow 4G": 150 ms added to each request's response, 1.6 Mbit/s down and 750 kbit/s
 * up (CDP wants bytes per second), and the CPU slowed four times.
 */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const SLOW_4G_CPU = 4;

/** How long a page is left after it has shown its help, so trailing work and requests count too. */
const SETTLE_MS = 500;
/** How long a page is left to be idle, for the wasm it fetches then (without running it). */
const IDLE_MS = 3000;

const TARGETS = { ratioFast: 1.3, ratioSlow: 1.6, entryBrotliKB: ENTRY_BUDGET_BYTES / 1000, mainThreadMs: 10, memory1MB: 2, memory10MB: 3, leakKB: 100 };
/**
 * The kinds of host page measured: an element showing an article, the same with the feedback
 * question, with the host's own contact page, with a real NHS login code we have no article for,
 * and with no code (the topics). `help` names the static page that shows the same help.
 */
const KINDS = [
  { kind: 'article', attributes: `error="${REFERENCE}"`, help: 'cannot-connect-to-gp-system' },
  { kind: 'feedback', attributes: `error="${REFERENCE}" feedback-url="/feedback"`, help: 'cannot-connect-to-gp-system' },
  { kind: 'contact-url', attributes: `error="${REFERENCE}" contact-url="/help/contact"`, help: 'cannot-connect-to-gp-system' },
  { kind: 'unknown', attributes: 'error="CID4017"', help: 'unknown' },
  { kind: 'topics', attributes: '', help: 'topics' },
];

/**
 * The first things a person does on a host page with the widget on another origin, each timed from
 * the action to its answer on screen: typing in the topics' search, Yes on the feedback question,
 * a topic in the list (which opens its article in place).
 */
const INTERACTIONS = [
  {
    key: 'search', page: 'topics', answer: 'results', name: 'typing → results',
    act: async (element, page) => {
      await element.getByRole('searchbox').click();
      await page.keyboard.type('nhsmail');
    },
  },
  { key: 'yes', page: 'feedback', answer: 'thanks', name: 'Yes → thanks', act: (element) => element.getByRole('button', { name: 'Yes' }).click() },
  { key: 'topic', page: 'topics', answer: 'article', name: 'a topic → its article', act: (element) => element.getByRole('link', { name: 'Problems logging in with NHSmail' }).click() },
];

/** The standalone page's kinds, served by the widget's own origin. */
const STANDALONE = [
  { kind: 'article', path: `/?error=${REFERENCE}`, help: 'cannot-connect-to-gp-system' },
  { kind: 'unknown', path: '/?error=CID4017', help: 'unknown' },
  { kind: 'topics', path: '/', help: 'topics' },
];

// ---------------------------------------------------------------------------------------------
// Page loads.

/**
 * A fresh browser context (empty cache and storage) with one page and its CDP session; page
 * errors are problems. `refuse`: the first paint refused, so the wasm renders.
 */
async function freshPage(browser, problems, { throttled = false, refuse = false } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  if (throttled) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G_CPU });
  }
  if (refuse) await page.addInitScript(refuseFirstPaint);
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
 * One fresh load of `page.url`: when its help was painted (ms since navigation start) and the
 * layout shift until `settle` ms later; with `spa`, the ms from a pushState to the new help; with
 * `markup`, the standalone page's help as canonical markup; with `bytes` (the widget's origin),
 * what came from there, until the help was painted and in all.
 */
async function loadOnce(browser, { url, refuse = false, spa = false }, problems, { throttled = false, settle = SETTLE_MS, markup = false, bytes: origin } = {}) {
  const { context, page } = await freshPage(browser, problems, { throttled, refuse });
  try {
    await page.addInitScript(watchHelp);
    await page.goto(url);
    const painted = await within(60, page.evaluate(() => window.helpPainted), `the help on ${url}`);
    let changed;
    if (spa) {
      changed = await within(60, page.evaluate(async () => {
        const start = performance.now();
        const painting = window.headingPainted('Unable to connect to your GP surgery’s system');
        history.pushState(null, '', '?error=CID7023');
        return (await painting) - start;
      }), `the help after pushState on ${url}`);
    }
    const help = markup ? await page.evaluate(canonicalMarkup, '#nhs-login-help-standalone') : undefined;
    await page.waitForTimeout(settle);
    const shift = await page.evaluate(() => window.shifts.reduce((sum, value) => sum + value, 0));
    const bytes = origin ? await page.evaluate(([widgetOrigin, helpAt]) => {
      const fetched = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .filter((entry) => entry.name.startsWith(widgetOrigin) && entry.encodedBodySize > 0);
      const total = (entries) => entries.reduce((sum, entry) => sum + entry.encodedBodySize, 0);
      return {
        first: total(fetched.filter((entry) => entry.responseEnd <= helpAt)),
        all: total(fetched),
        requests: fetched.map((entry) => `${new URL(entry.name).pathname.replace(/-[0-9a-f]{16}/, '-…')} ${(entry.encodedBodySize / 1000).toFixed(1)}`),
      };
    }, [origin, painted]) : undefined;
    return { painted, changed, shift, help, bytes };
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
async function mainThreadOnce(browser, url, count, problems, { refuse = false } = {}) {
  const { context, page, cdp } = await freshPage(browser, problems, { refuse });
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

/**
 * What one load of each page fetched from the widget's origin (response bodies as sent, brotli),
 * from the page's resource timing: until the help was painted, and in all once the page had been
 * idle (the wasm the first paint fetches then, without running it, for help the person may act
 * on). A host's own page is not counted; the standalone page's HTML is.
 */
async function bytesOnTheWire(browser, pages, widgetOrigin, problems) {
  const rows = [];
  const totals = {};
  for (const page of pages.filter((p) => !p.static && !p.name.startsWith('same'))) {
    const { bytes } = await loadOnce(browser, page, problems, { settle: IDLE_MS, bytes: widgetOrigin });
    totals[page.name] = bytes;
    rows.push([page.name, kB(bytes.first), kB(bytes.all), bytes.requests.join(', ')]);
  }
  printTable(`Bytes on the wire from the widget's origin (kB of response bodies as sent, brotli): until the help was painted, and in all after ${IDLE_MS / 1000} s idle`,
    ['page', 'to help', 'in all', 'requests'], rows, 'lrrl');
  return totals;
}

/**
 * Median and p90 time to help over `LOADS` fresh loads of each page, unthrottled and at Slow 4G
 * with 4× CPU, and its ratio to the minimal static page and to the same-CSS static page of the
 * same help; layout shift; and the time from a pushState to the new help on the SPA pages.
 */
async function timeToHelp(browser, pages, problems) {
  const modes = [
    { key: 'fast', name: 'unthrottled', throttled: false, target: TARGETS.ratioFast },
    { key: 'slow', name: `Slow 4G, ${SLOW_4G_CPU}× CPU`, throttled: true, target: TARGETS.ratioSlow },
  ];
  const results = {};
  for (const mode of modes) {
    progress(`time to help, ${mode.name}: ${LOADS} loads × ${pages.length} pages`);
    const loads = Object.fromEntries(pages.map((page) => [page.name, []]));
    // Pages in turn, so a change in the machine's load hits each of them alike.
    for (let i = 0; i < LOADS; i += 1) {
      for (const page of pages) loads[page.name].push(await loadOnce(browser, page, problems, { throttled: mode.throttled, settle: page.static ? 0 : SETTLE_MS }));
    }
    const rows = [];
    results[mode.key] = {};
    const medianOf = (name) => median(loads[name].map((load) => load.painted));
    for (const page of pages) {
      const painted = loads[page.name].map((load) => load.painted);
      const result = { median: median(painted), p90: quantile(painted, 0.9), shift: Math.max(...loads[page.name].map((load) => load.shift)) };
      if (page.spa) result.changed = median(loads[page.name].map((load) => load.changed));
      if (!page.static) {
        result.ratio = result.median / medianOf(`static-min:${page.help}`);
        result.ratioCss = result.median / medianOf(`static-css:${page.help}`);
      }
      results[mode.key][page.name] = result;
      rows.push([
        page.name, ms(result.median), ms(result.p90),
        result.ratio === undefined ? '' : times(result.ratio),
        result.ratio === undefined ? '' : `≤ ${mode.target}× ${mark(result.ratio <= mode.target)}`,
        result.ratioCss === undefined ? '' : times(result.ratioCss),
        page.static ? '' : result.shift.toFixed(3),
        result.changed === undefined ? '' : ms(result.changed),
      ]);
    }
    printTable(`Time to help, ${mode.name}: navigation start until the help's heading is painted (ms, ${LOADS} fresh loads each); `
      + '÷ minimal: against the same help as a minimal static page (the physical limit); ÷ same CSS: against it with the widget\'s '
      + 'stylesheet; CLS: the worst load\'s layout shift; SPA: pushState to the new help painted',
    ['page', 'median', 'p90', '÷ minimal', 'target', '÷ same CSS', 'CLS', 'SPA'], rows);
  }
  return results;
}

/**
 * The wait for what only the wasm does, on a host page (the widget on another origin): from the
 * first keystroke in the topics' search to the results on show, and from a press on "Yes" to the
 * feedback POST; with the person acting at once (the wasm loads on their intent) and after the
 * page has been idle (the wasm fetched already, not yet run). Unthrottled and at Slow 4G.
 */
async function interactions(browser, origin, widgetOrigin, problems) {
  const rounds = Math.max(3, Math.ceil(LOADS / 2));
  const results = {};
  const rows = [];
  for (const [mode, throttled] of [['fast', false], ['slow', true]]) {
    for (const [when, wait] of [['at once', 0], ['after idle', IDLE_MS]]) {
      progress(`interactions, ${mode}, ${when}: ${rounds} rounds`);
      const measured = Object.fromEntries(INTERACTIONS.map(({ key }) => [key, { ms: [], bytes: [] }]));
      for (let i = 0; i < rounds; i += 1) {
        for (const { key, page: kind, act, answer } of INTERACTIONS) {
          const { context, page } = await freshPage(browser, problems, { throttled });
          try {
            await page.addInitScript(watchHelp);
            await page.addInitScript(watchInteraction, widgetOrigin);
            await page.goto(`${origin}/cross/${kind}.html`);
            await within(60, page.evaluate(() => window.helpPainted), 'the help');
            if (wait) await page.waitForTimeout(wait);
            await act(page.locator('nhs-login-help'), page);
            await within(60, page.waitForFunction((shown) => window.interaction[shown] !== null, answer), `${key}: its answer`);
            const { start, bytes, [answer]: shownAt } = await page.evaluate(() => window.interaction);
            measured[key].ms.push(shownAt - start);
            measured[key].bytes.push(bytes[answer]);
          } finally {
            await context.close();
          }
        }
      }
      const row = [`${mode === 'fast' ? 'unthrottled' : `Slow 4G, ${SLOW_4G_CPU}× CPU`}, ${when}`];
      results[`${mode} ${when}`] = {};
      for (const { key } of INTERACTIONS) {
        const result = { ms: median(measured[key].ms), bytes: median(measured[key].bytes) };
        results[`${mode} ${when}`][key] = result;
        row.push(`${ms(result.ms)} (${kB(result.bytes)} kB)`);
      }
      rows.push(row);
    }
  }
  printTable(`The first interaction (ms from the action to its answer on screen, median of ${rounds}; in brackets the kB fetched from the widget's origin beyond the entry by then)`,
    ['when the person acts', ...INTERACTIONS.map(({ name }) => name)], rows);
  return results;
}

/**
 * Main-thread time a host page pays for 1 and for 10 elements, with the first paint and with the
 * wasm rendering them (the first paint refused): with the widget minus without it.
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
  for (const [key, count, refuse, name] of [
    [1, 1, false, '1 element'],
    [10, 10, false, '10 elements'],
    ['wasm1', 1, true, '1 element, wasm'],
    ['wasm10', 10, true, '10 elements, wasm'],
  ]) {
    progress(`main thread, ${name}: ${REPS} loads with the widget and ${REPS} without`);
    const withWidget = [];
    const without = [];
    for (let i = 0; i < REPS; i += 1) {
      withWidget.push(await mainThreadOnce(browser, `${host.origin}/host-${count}.html`, count, problems, { refuse }));
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
    + '"wasm": the same elements rendered by the wasm, the first paint refused)',
  ['host page', 'CPU', 'wall', 'script', 'long tasks', 'their ms', 'blocking', 'target'], rows);
  return added;
}

/**
 * Memory of the host page without the widget, with 1 and with 10 elements, each with the first
 * paint and with the wasm (the first paint refused); on the pages with 1 element, after `CYCLES`
 * and 2 × `CYCLES` mount/unmount cycles of a second element like it beside it; and, on the wasm's
 * cycled page, the time of a reference change and of a search.
 */
async function memoryAndLeaks(browser, host, glueUrl, problems) {
  progress(`memory: 1 and 10 elements, first paint and wasm, 2 × ${CYCLES} mount/unmount cycles of each`);
  const memory = {};
  let changes;
  let searches;
  const pages = [
    ['bare', '/bare-1.html', 0, null],
    ['one', '/host-1.html', 1, { error: REFERENCE }],
    ['ten', '/host-10.html', 10, null],
    ['oneWasm', '/host-1.html', 1, { error: REFERENCE }, true],
    ['tenWasm', '/host-10.html', 10, null, true],
  ];
  for (const [name, path, count, cycled, refuse = false] of pages) {
    const { context, page, cdp } = await freshPage(browser, problems, { refuse });
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
    + '"wasm": the same elements rendered by the wasm, the first paint refused)',
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
 * A reference change in the browser, and the native figures of tools/src/bin/search-bench.rs (lines of
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
    rows.push(['one reference lookup, one full search over all articles', 'not measured', '', 'no tools/src/bin/search-bench.rs output']);
  }
  printTable('Search and lookup', ['what', 'median', 'p90', 'measured'], rows, 'lrrl');
  return { lookup: lookups.length ? Math.max(...lookups) : '-', search: searches.length ? Math.max(...searches) : '-' };
}

function printTargets({ entry, time }) {
  const rows = [['the embed entry, brotli', `${kB(entry)} kB`, `≤ ${TARGETS.entryBrotliKB} kB`, entry <= TARGETS.entryBrotliKB * 1000]];
  for (const [mode, label, target] of [['fast', 'unthrottled', TARGETS.ratioFast], ['slow', 'Slow 4G', TARGETS.ratioSlow]]) {
    for (const [name, result] of Object.entries(time[mode])) {
      if (result.ratio === undefined) continue;
      rows.push([`time to help ÷ minimal static, ${name}, ${label}`, times(result.ratio), `≤ ${target}×`, result.ratio <= target]);
    }
  }
  for (const [name, result] of Object.entries(time.fast)) {
    if (result.shift !== undefined && !name.startsWith('static')) rows.push([`layout shift, ${name}`, result.shift.toFixed(3), '0', result.shift === 0]);
  }
  printTable('Targets (information only: times depend on the machine)', ['figure', 'now', 'target', ''],
    rows.map(([name, now, target, ok]) => [name, now, target, mark(ok)]));
}


// ---------------------------------------------------------------------------------------------

/** A partner's page with `count` elements with `attributes`, loading the widget from `widgetOrigin` (or not, with `script: false`). */
function hostPage(widgetOrigin, count, attributes = `error="${REFERENCE}"`, { script = true } = {}) {
  const element = `<nhs-login-help ${attributes}><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>`;
  return partnerPage(widgetOrigin, element.repeat(count), { script });
}

async function main() {
  const started = Date.now();
  const { dist, static: staticDir } = options;
  if (options.sizes !== undefined) {
    recordSizes(dist, options.sizes);
    return;
  }
  const glueFile = existsSync(dist) && readdirSync(dist).find((name) => /^nhs-login-help-[0-9a-f]+\.js$/.test(name));
  if (!glueFile || !existsSync(join(dist, 'nhs-login-help.js'))) throw new Error(`${dist} is not a release build with the embed entry`);
  if (!existsSync(staticDir)) throw new Error(`no ${staticDir}: cargo run --release -p nhs-login-help-tools --bin static-pages -- ${staticDir} ${dist}`);

  // The widget's origin (as a CDN): the build, and the host pages that load it from their own origin.
  const files = filesUnder(dist);
  // Timing-Allow-Origin lets the host pages' resource timing see the sizes, as for a CDN that sends it.
  const widget = await serve(files, { 'access-control-allow-origin': '*', 'timing-allow-origin': '*' });
  const hostFiles = new Map();
  for (const [path, body] of filesUnder(staticDir, '/static/')) hostFiles.set(path, body);
  const stylesheet = readdirSync(dist).find((name) => /^widget-[0-9a-f]+\.css$/.test(name));
  for (const name of readdirSync(dist).filter((file) => file.endsWith('.css'))) hostFiles.set(`/${name}`, files.get(`/${name}`));
  const host = await serve(hostFiles);
  const page = (body) => compressed(Buffer.from(body), TYPES['.html']);
  for (const { kind, attributes } of KINDS) {
    host.pages.set(`/cross/${kind}.html`, page(hostPage(widget.origin, 1, attributes)));
    // The same page on the widget's own origin.
    files.set(`/same/${kind}.html`, page(hostPage('', 1, attributes)));
  }
  // A single-page app: its element reads the URL; the benchmark pushes a new one.
  host.pages.set('/cross/spa.html', page(hostPage(widget.origin, 1, '')));
  for (const count of [1, 10]) {
    host.pages.set(`/host-${count}.html`, page(hostPage(widget.origin, count)));
    host.pages.set(`/bare-${count}.html`, page(hostPage(widget.origin, count, undefined, { script: false })));
  }
  const browser = await launchChromium();
  const problems = [];

  try {
    console.log(`NHS login help widget benchmark, ${new Date().toISOString()}, commit ${commit()}`);
    console.log(`${dist}; Chromium ${browser.version()}; ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at start`);
    console.log(`${LOADS} fresh loads per page and mode, ${REPS} per main-thread figure, ${CYCLES} cycles per leak batch`);

    console.log('\nRelease assets (scripts/sizes.mjs: kB = 1000 bytes, gzip -9, brotli q11)');
    process.stdout.write(execFileSync(process.execPath, [fileURLToPath(new URL('sizes.mjs', import.meta.url)), dist], { encoding: 'utf8' }));
    const entry = files.get('/nhs-login-help.js').br.length;

    // The static pages must show exactly what the widget shows, or comparing them means nothing.
    const checked = [];
    for (const { path, help } of STANDALONE) {
      const widgetHelp = (await loadOnce(browser, { url: `${widget.origin}${path}` }, problems, { markup: true })).help;
      for (const variant of ['min', 'css']) {
        const suffix = variant === 'min' ? '.min.html' : '.html';
        if (!hostFiles.has(`/static/${help}${suffix}`)) throw new Error(`no static page ${help}${suffix} in ${staticDir}`);
        const staticHelp = (await loadOnce(browser, { url: `${host.origin}/static/${help}${suffix}` }, problems, { markup: true })).help;
        checked.push([`${help}${suffix}`, staticHelp === widgetHelp]);
      }
    }
    console.log(`\nStatic pages: ${checked.map(([name, same]) => `${name} ${same ? '✓' : '✗'}`).join(', ')} (the same markup as the widget shows)`);
    // The host page with the article as static markup, for the main-thread figure's physical limit.
    const staticHtml = readFileSync(join(staticDir, 'cannot-connect-to-gp-system.html'), 'utf8');
    const markup = staticHtml.match(/<main[^>]*>([^]*)<\/main>/)?.[1];
    host.pages.set('/static-1.html', page(hostPage(widget.origin, 0, undefined, { script: false })
      .replace('</head>', `<link rel="stylesheet" href="/${stylesheet}">\n</head>`)
      .replace('</main>', `${markup}</main>`)));

    const pages = [
      ...KINDS.map(({ kind, help }) => ({ name: `cross ${kind}`, url: `${host.origin}/cross/${kind}.html`, help })),
      ...KINDS.map(({ kind, help }) => ({ name: `same ${kind}`, url: `${widget.origin}/same/${kind}.html`, help })),
      { name: 'cross spa', url: `${host.origin}/cross/spa.html?error=CID4017`, help: 'unknown', spa: true },
      ...STANDALONE.map(({ kind, path, help }) => ({ name: `standalone ${kind}`, url: `${widget.origin}${path}`, help })),
      { name: 'cross article, wasm', url: `${host.origin}/cross/article.html`, help: 'cannot-connect-to-gp-system', refuse: true },
      ...[...new Set(KINDS.map(({ help }) => help))].flatMap((help) => [
        { name: `static-min:${help}`, url: `${host.origin}/static/${help}.min.html`, static: true },
        { name: `static-css:${help}`, url: `${host.origin}/static/${help}.html`, static: true },
      ]),
    ];
    const bytes = await bytesOnTheWire(browser, pages, widget.origin, problems);
    const time = await timeToHelp(browser, pages, problems);
    const interaction = await interactions(browser, host.origin, widget.origin, problems);
    const main = await mainThreadCost(browser, host, problems);
    const memory = await memoryAndLeaks(browser, host, `${widget.origin}/${glueFile}`, problems);
    const native = searchAndLookup(memory.changes, memory.searches, options.search);
    printTargets({ entry, time });

    for (const server of [widget, host]) problems.push(...server.missing.filter((path) => path !== '/favicon.ico').map((path) => `not found: ${path}`));
    for (const [name, same] of checked) if (!same) problems.push(`the static page ${name} does not show the same markup as the widget`);
    if (problems.length) throw new Error([...new Set(problems)].join('\n'));
    // A figure that is a byte count, not a time, so the one the benchmark fails on.
    checkEntryBudget(entry);
    if (!options['no-history']) {
      appendHistory({ bytes, entry, time, main, memory, native, interaction }, CYCLES);
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
