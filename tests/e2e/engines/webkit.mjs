// WebKit (WebKitGTK, Safari's engine) for the browser tests, shaped like the part of Playwright's
// Browser they use, so the suites run unchanged under `E2E_ENGINE=webkit`. Playwright cannot drive
// Debian's WebKitGTK, so this drives it through classic WebDriver: selenium-webdriver against
// WebKitWebDriver, which starts `webkit-browser.py` (a bare WebKitGTK window, see there) on a
// private Xvfb display. Each context is a WebDriver session of its own: its own WebKitWebDriver
// (which serves one session at a time) and browser process.
//
// What classic WebDriver cannot do is refused with an error rather than faked: init scripts,
// request routing, offline mode, media and touch emulation. Console messages and page errors are
// collected by a script this shim adds to each document on the first command after it loads;
// what happens before that is missed: errors and console calls while the page loads (a failing
// module script, an error in an inline script), and the browser's own console messages (failed
// requests, CSP violations, integrity failures), which no page script can see.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import selenium from 'selenium-webdriver';
import http from 'selenium-webdriver/http/index.js';

const { Capabilities, Key, WebDriver, error: errors } = selenium;

const DRIVER = '/usr/bin/WebKitWebDriver';
const PYTHON = '/usr/bin/python3';
const BROWSER_SCRIPT = fileURLToPath(new URL('./webkit-browser.py', import.meta.url));
/** The name `webkit-browser.py` gives itself; WebKitWebDriver checks `browserName` against it. */
const BROWSER_NAME = 'nhs-login-help-webkit';
/** How long a locator waits for its element, and `waitForFunction` for its condition (Playwright's is 30 s). */
const DEFAULT_TIMEOUT = 10_000;
/** A new session hangs without a usable display instead of failing: give up after this. */
const SESSION_TIMEOUT = 20_000;
/** Playwright's default viewport. */
const DEFAULT_VIEWPORT = { width: 1280, height: 720 };
const POLL_MS = 50;
/** How often an idle page's console messages and errors are collected. */
const COLLECT_MS = 250;

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * WebKit through WebDriver, as a Playwright-shaped Browser. `defaultFontSize` (px) is WebKit's
 * `default-font-size` setting (the person's text size) for every page.
 */
export async function launchWebKit({ defaultFontSize } = {}) {
  for (const path of [DRIVER, PYTHON]) if (!existsSync(path)) throw new Error(`webkit: ${path} is missing (see scripts/setup.sh)`);
  const processes = await startProcesses();
  try {
    return new WebKitBrowser(processes, defaultFontSize);
  } catch (error) {
    processes.stop();
    throw error;
  }
}

/**
 * Xvfb on a free display, and `startDriver()` for a WebKitWebDriver on it: one per session, as
 * WebKitWebDriver serves one session at a time. Everything is stopped by `stop()`, when Node exits
 * or is killed by a signal, and (by a watchdog) even when Node is SIGKILLed.
 */
async function startProcesses() {
  const children = new Set();
  const dir = await mkdtemp(join(tmpdir(), 'webkit-e2e-'));
  const pids = join(dir, 'pids');
  const stop = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    children.clear();
    rmSync(dir, { recursive: true, force: true });
    process.off('exit', stop);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  // A test file that dies must not leave its display behind. On a signal, clean up and die of it.
  const onSignal = (signal) => {
    stop();
    process.kill(process.pid, signal);
  };
  process.on('exit', stop);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  // The watchdog's list holds only live children, so it never kills a reused process id.
  const listLive = () => writeFileSync(pids, [...children].filter((c) => c !== watchdog).map((c) => `${c.pid}\n`).join(''));
  let watchdog;
  const own = (child) => {
    children.add(child);
    child.once('exit', () => {
      children.delete(child);
      if (existsSync(dir)) listLive();
    });
    listLive();
    return child;
  };
  try {
    const { xvfb, display } = await startXvfb();
    own(xvfb);
    watchdog = spawn('sh', ['-c', 'while kill -0 "$0" 2>/dev/null; do sleep 1; done; kill $(cat "$1") 2>/dev/null', String(process.pid), pids],
      { stdio: 'ignore', detached: true });
    watchdog.unref();
    children.add(watchdog);
    const startDriver = async () => {
      const port = await freePort();
      const driver = own(spawn(DRIVER, [`--port=${port}`, '--host=local'], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' }));
      const url = `http://127.0.0.1:${port}`;
      await until(async () => (await fetch(`${url}/status`).catch(() => null))?.ok, 10_000, () => driver.exitCode !== null, `${DRIVER} did not start`);
      return { url, stop: () => driver.kill('SIGTERM') };
    };
    return { startDriver, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Polls `ready()` until it holds; fails after `timeout` ms or as soon as `failed()` holds. */
async function until(ready, timeout, failed, message) {
  const end = Date.now() + timeout;
  while (!(await ready())) {
    if (failed() || Date.now() > end) throw new Error(`webkit: ${message}`);
    await sleep(POLL_MS);
  }
}

/** Starts Xvfb on the first free display from :90 (another test run may hold one). */
async function startXvfb() {
  for (let n = 90; n < 200; n += 1) {
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const xvfb = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const exited = new Promise((done) => xvfb.once('exit', () => done(true)));
    let gone = false;
    exited.then(() => { gone = true; });
    try {
      await until(() => existsSync(`/tmp/.X11-unix/X${n}`), 5_000, () => gone, `Xvfb :${n} did not start`);
      return { xvfb, display: `:${n}` };
    } catch (error) {
      if (!gone) {
        xvfb.kill();
        throw error;
      }
      // Another process took this display at the same moment: try the next one.
    }
  }
  throw new Error('webkit: no free X display between :90 and :199');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The installed WebKitGTK's version, as Playwright's `browser.version()` gives its engine's. */
function webkitVersion() {
  const result = spawnSync(PYTHON, ['-c', "import gi; gi.require_version('WebKit2', '4.1'); from gi.repository import WebKit2 as W; print(f'{W.get_major_version()}.{W.get_minor_version()}.{W.get_micro_version()}')"],
    { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`webkit: WebKitGTK's introspection data is missing (apt-get install python3-gi gir1.2-gtk-3.0 gir1.2-webkit2-4.1): ${result.stderr}`);
  return result.stdout.trim();
}

class WebKitBrowser {
  #processes;
  #defaultFontSize;
  #contexts = new Set();
  #version = webkitVersion();

  constructor(processes, defaultFontSize) {
    this.#processes = processes;
    this.#defaultFontSize = defaultFontSize;
  }

  version() {
    return this.#version;
  }

  contexts() {
    return [...this.#contexts];
  }

  /** A context: only `viewport` is supported; every other option is refused by name. */
  async newContext(options = {}) {
    for (const [name, value] of Object.entries(options)) {
      if (name !== 'viewport' && value !== undefined) throw new Error(`webkit: context option ${name} is not supported`);
    }
    const context = new WebKitContext(this, options.viewport ?? DEFAULT_VIEWPORT, () => this.#contexts.delete(context));
    this.#contexts.add(context);
    return context;
  }

  async newPage() {
    return (await this.newContext()).newPage();
  }

  /** A new WebDriver session with its own driver and browser process; fails clearly if it does not start. */
  async startSession() {
    const browserArgs = [BROWSER_SCRIPT, '--automation'];
    if (this.#defaultFontSize !== undefined) browserArgs.push(`--default-font-size=${this.#defaultFontSize}`);
    const capabilities = new Capabilities({
      browserName: BROWSER_NAME,
      // Left open, so a dialog's text can be read and it can be surfaced as a `dialog` event.
      unhandledPromptBehavior: 'ignore',
      timeouts: { script: 60_000, pageLoad: 60_000, implicit: 0 },
      'webkitgtk:browserOptions': { binary: PYTHON, args: browserArgs },
    });
    const server = await this.#processes.startDriver();
    const driver = WebDriver.createSession(new http.Executor(new http.HttpClient(server.url)), capabilities);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`webkit: no WebDriver session after ${SESSION_TIMEOUT / 1000} s (is the X display usable?)`)), SESSION_TIMEOUT);
    });
    try {
      await Promise.race([driver.getSession(), timeout]);
    } catch (error) {
      server.stop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return { driver, stop: server.stop };
  }

  async close() {
    await Promise.all(this.contexts().map((context) => context.close()));
    this.#processes.stop();
  }
}

class WebKitContext {
  #browser;
  #viewport;
  #forget;
  #pages = [];

  constructor(browser, viewport, forget) {
    this.#browser = browser;
    this.#viewport = viewport;
    this.#forget = forget;
  }

  browser() {
    return this.#browser;
  }

  pages() {
    return [...this.#pages];
  }

  /** The context's one page (one WebDriver session shows one window). */
  async newPage() {
    if (this.#pages.length) throw new Error('webkit: one page per context is supported');
    const session = await this.#browser.startSession();
    const page = new WebKitPage(this, session);
    this.#pages.push(page);
    try {
      await page.setViewportSize(this.#viewport);
    } catch (error) {
      await this.close();
      throw error;
    }
    return page;
  }

  async close() {
    const pages = this.#pages.splice(0);
    await Promise.all(pages.map((page) => page.quit()));
    this.#forget();
  }

  addInitScript() {
    throw new Error('webkit: addInitScript is not supported (classic WebDriver cannot run a script before the page’s own)');
  }

  route() {
    throw new Error('webkit: route is not supported (classic WebDriver cannot intercept requests)');
  }

  setOffline() {
    throw new Error('webkit: setOffline is not supported (classic WebDriver cannot take the browser offline)');
  }
}

/*
 * The in-page half, sent with every command as the source of the four functions below and
 * installed once per document as `window.__nhsWebKitShim` (see `run`). Each runs in the page, so
 * none may use anything from this module's scope.
 */

/** Records console messages and page errors, as Playwright reports them, until drained. */
function pageRecorder() {
  const events = [];
  const record = (event) => {
    if (events.length < 1000) events.push(event);
  };
  const format = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    try {
      return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    } catch {
      return String(value);
    }
  };
  for (const [method, type] of [['error', 'error'], ['warn', 'warning'], ['log', 'log'], ['info', 'info'], ['debug', 'debug']]) {
    const original = console[method];
    console[method] = function recorded(...args) {
      record({ kind: 'console', type, text: args.map(format).join(' ') });
      return original.apply(this, args);
    };
  }
  addEventListener('error', (event) => {
    // Failed resource loads also reach here, as plain events: only script errors count.
    if (!(event instanceof ErrorEvent)) return;
    record({ kind: 'pageerror', name: event.error?.name ?? 'Error', message: event.error?.message ?? event.message, stack: event.error?.stack ?? '' });
  }, true);
  addEventListener('unhandledrejection', (event) => {
    const { reason } = event;
    record({ kind: 'pageerror', name: reason?.name ?? 'Error', message: reason?.message ?? String(reason), stack: reason?.stack ?? '' });
  });
  return { drain: () => events.splice(0) };
}

/** CSS selectors as Playwright's locators read them: crossing into open shadow roots. */
function cssEngine() {
  /** The parent across shadow boundaries: a shadow root's children have its host. */
  const parentOf = (element) => element.parentElement ?? (element.parentNode instanceof ShadowRoot ? element.parentNode.host : null);

  /** Every element under `root` (not `root` itself): each element, then its shadow tree, then its children. */
  const descendants = (root) => {
    const out = [];
    const walk = (node) => {
      for (let child = node.firstElementChild; child; child = child.nextElementSibling) {
        out.push(child);
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    };
    if (root.shadowRoot) walk(root.shadowRoot);
    walk(root);
    return out;
  };

  /** A selector list split into complex selectors, each `[{ combinator, compound }]` left to right. */
  const parse = (selector) => {
    const list = [[]];
    let compound = '';
    let combinator = null;
    let depth = 0;
    let quote = null;
    const flush = () => {
      if (!compound) return;
      list.at(-1).push({ combinator: list.at(-1).length ? (combinator ?? ' ') : combinator, compound });
      compound = '';
      combinator = null;
    };
    for (const char of selector) {
      if (quote) {
        compound += char;
        if (char === quote) quote = null;
      } else if (char === '"' || char === "'") {
        quote = char;
        compound += char;
      } else if ('([' .includes(char)) {
        depth += 1;
        compound += char;
      } else if (')]'.includes(char)) {
        depth -= 1;
        compound += char;
      } else if (depth > 0) {
        compound += char;
      } else if (char === ',') {
        flush();
        list.push([]);
      } else if (/\s/.test(char)) {
        flush();
      } else if ('>+~'.includes(char)) {
        flush();
        combinator = char;
      } else {
        compound += char;
      }
    }
    flush();
    // A selector that starts with a combinator (`> summary`) is relative to the scope.
    return list.map((parts) => (parts[0]?.combinator ? [{ combinator: null, compound: ':scope' }, ...parts] : parts));
  };

  const matchesCompound = (element, compound, scope) => (compound === ':scope' ? element === scope : element.matches(compound));

  /** Whether `element` matches `parts[0..=i]`, combinators crossing into shadow hosts as Playwright's do. */
  const matchesFrom = (element, parts, i, scope) => {
    if (!matchesCompound(element, parts[i].compound, scope)) return false;
    if (i === 0) return true;
    switch (parts[i].combinator) {
      case '>': {
        const parent = parentOf(element);
        return parent !== null && matchesFrom(parent, parts, i - 1, scope);
      }
      case '+': {
        const previous = element.previousElementSibling;
        return previous !== null && matchesFrom(previous, parts, i - 1, scope);
      }
      case '~':
        for (let e = element.previousElementSibling; e; e = e.previousElementSibling) if (matchesFrom(e, parts, i - 1, scope)) return true;
        return false;
      default:
        for (let e = parentOf(element); e; e = parentOf(e)) if (matchesFrom(e, parts, i - 1, scope)) return true;
        return false;
    }
  };

  const css = (scope, selector) => {
    const complexes = parse(selector);
    return descendants(scope).filter((element) => complexes.some((parts) => matchesFrom(element, parts, parts.length - 1, scope)));
  };
  return { parentOf, descendants, css };
}

/** Roles, accessible names, text and visibility, as Playwright's `getByRole` and `hasText` read them. */
function ariaEngine({ parentOf, descendants }) {
  const squash = (text) => text.replace(/\s+/g, ' ').trim();
  const textMatches = (text, pattern, exact = false) => {
    if (pattern.regex !== undefined) return new RegExp(pattern.regex, pattern.flags).test(text);
    return exact ? squash(text) === squash(pattern.text) : squash(text).toLowerCase().includes(squash(pattern.text).toLowerCase());
  };

  /** Hidden from assistive technology: aria-hidden, not rendered, or not in the flat tree. */
  const hiddenForAria = (element) => {
    for (let e = element; e; e = parentOf(e)) {
      if (e.getAttribute('aria-hidden') === 'true') return true;
      // Light children of a shadow host that no slot takes are not rendered.
      if (e.parentElement?.shadowRoot && !e.assignedSlot) return true;
    }
    const style = getComputedStyle(element);
    if (style.display === 'contents') return [...element.children].every(hiddenForAria);
    return !element.checkVisibility({ visibilityProperty: true });
  };

  const INPUT_ROLES = { button: 'button', submit: 'button', reset: 'button', image: 'button', checkbox: 'checkbox', radio: 'radio', range: 'slider', number: 'spinbutton', hidden: null };
  const LANDMARK_PARENTS = 'article, aside, main, nav, section';
  const implicitRole = (element) => {
    const tag = element.localName;
    switch (tag) {
      case 'a':
      case 'area':
        return element.hasAttribute('href') ? 'link' : null;
      case 'input': {
        const type = (element.getAttribute('type') ?? 'text').toLowerCase();
        if (type in INPUT_ROLES) return INPUT_ROLES[type];
        if (element.hasAttribute('list')) return 'combobox';
        return type === 'search' ? 'searchbox' : 'textbox';
      }
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
        return 'heading';
      case 'section':
      case 'form':
        return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') || element.hasAttribute('title') ? (tag === 'form' ? 'form' : 'region') : null;
      case 'header':
        return element.closest(LANDMARK_PARENTS) ? null : 'banner';
      case 'footer':
        return element.closest(LANDMARK_PARENTS) ? null : 'contentinfo';
      case 'select':
        return element.multiple || element.size > 1 ? 'listbox' : 'combobox';
      case 'img':
        return element.getAttribute('alt') === '' ? 'presentation' : 'img';
      default:
        return {
          button: 'button', textarea: 'textbox', nav: 'navigation', main: 'main', article: 'article', aside: 'complementary',
          details: 'group', fieldset: 'group', ul: 'list', ol: 'list', menu: 'list', li: 'listitem', dialog: 'dialog', p: 'paragraph',
          table: 'table', tr: 'row', td: 'cell', th: 'columnheader', hr: 'separator', output: 'status', option: 'option', progress: 'progressbar',
          strong: 'strong', em: 'emphasis', code: 'code', blockquote: 'blockquote', figure: 'figure', dl: 'list',
        }[tag] ?? null;
    }
  };
  const roleOf = (element) => element.getAttribute('role')?.trim().split(/\s+/)[0] || implicitRole(element);

  const NAME_FROM_CONTENT = new Set(['button', 'link', 'heading', 'checkbox', 'radio', 'option', 'tab', 'menuitem', 'cell', 'columnheader', 'rowheader', 'switch', 'tooltip', 'treeitem']);
  /** Text of a subtree as accessible-name computation reads it (aria-label and alt replace content). */
  const textOf = (node, isRoot) => {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE || (!isRoot && hiddenForAria(node))) return '';
    const label = node.getAttribute('aria-label');
    if (!isRoot && label?.trim()) return ` ${label} `;
    if (node.localName === 'img') return node.getAttribute('alt') ?? '';
    const children = node.localName === 'slot' ? node.assignedNodes() : [...(node.shadowRoot ?? node).childNodes];
    const text = children.map((child) => textOf(child, false)).join('');
    return getComputedStyle(node).display.startsWith('inline') ? text : ` ${text} `;
  };
  const nameOf = (element) => {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) {
      const root = element.getRootNode();
      const text = labelledBy.split(/\s+/).map((id) => root.getElementById?.(id)).filter(Boolean).map((e) => textOf(e, true)).join(' ');
      if (text.trim()) return squash(text);
    }
    const label = element.getAttribute('aria-label');
    if (label?.trim()) return squash(label);
    const role = roleOf(element);
    if (element.localName === 'input' && ['button', 'submit', 'reset'].includes(element.type)) return element.value || { submit: 'Submit', reset: 'Reset' }[element.type] || '';
    if (element.labels?.length) return squash([...element.labels].map((e) => textOf(e, true)).join(' '));
    if (element.localName === 'img' || (element.localName === 'input' && element.type === 'image')) return squash(element.getAttribute('alt') ?? '');
    if (element.localName === 'fieldset') {
      const legend = element.querySelector(':scope > legend');
      if (legend) return squash(textOf(legend, true));
    }
    if (NAME_FROM_CONTENT.has(role)) {
      const text = squash(textOf(element, true));
      if (text) return text;
    }
    return squash(element.getAttribute('title') ?? element.getAttribute('placeholder') ?? '');
  };

  const byRole = (scope, { role, name, exact }) => descendants(scope)
    .filter((element) => roleOf(element) === role && !hiddenForAria(element) && (name === undefined || textMatches(nameOf(element), name, exact)));

  /** Playwright's visibility: a non-empty box, rendered, and not `visibility: hidden`. */
  const visible = (element) => {
    if (!element.isConnected || !element.checkVisibility({ visibilityProperty: true })) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  return { byRole, textMatches, visible };
}

/** The shim the driver side calls: finds what a locator's steps name, and replies to Node. */
function pageShim(recorder, cssEngine, ariaEngine) {
  const KEY = '__nhsWebKitShim';
  const CONTROL = Symbol('control');
  const { drain } = recorder();
  const { css, ...tree } = cssEngine();
  const { byRole, textMatches, visible } = ariaEngine(tree);
  const shim = {
    drain,
    visible,

    /** The elements a locator's steps find, in order. */
    find(steps) {
      let found = [document];
      for (const step of steps) {
        if (step.nth !== undefined) {
          const one = found.at(step.nth);
          found = one ? [one] : [];
          continue;
        }
        const next = new Set();
        for (const scope of found) {
          for (const element of step.css !== undefined ? css(scope, step.css) : byRole(scope, step.role)) next.add(element);
        }
        found = [...next];
        if (step.hasText !== undefined) found = found.filter((element) => textMatches(element.textContent, step.hasText));
      }
      return found;
    },

    /** A reply that tells the driver side to keep waiting (`waiting`) or that a locator is ambiguous (`strict`). */
    control: (what) => ({ [CONTROL]: what }),

    /** Runs `action` on the one element `steps` find once it is `state`; otherwise a control reply. */
    withOne(steps, state, action) {
      const found = shim.find(steps);
      if (found.length > 1) return shim.control({ strict: found.length });
      const [element] = found;
      const ready = { attached: Boolean(element), visible: Boolean(element) && visible(element), hidden: !element || !visible(element), detached: !element }[state];
      if (!ready) return shim.control({ waiting: state });
      return action(element);
    },

    /** What goes back to Node: the value as JSON that keeps `undefined`, or an element reference, with the events so far. */
    reply(value, error) {
      const base = { events: shim.drain(), url: location.href };
      if (error !== undefined) return { ...base, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
      if (value?.[CONTROL]) return { ...base, control: value[CONTROL] };
      if (value instanceof Element) return { ...base, element: value };
      const json = JSON.stringify(value, (_key, v) => {
        if (v === undefined) return '\u0000undefined';
        if (typeof v === 'number' && !Number.isFinite(v)) return `\u0000${v}`;
        if (v instanceof Node) return {};
        return v;
      });
      return { ...base, json };
    },
  };
  Object.defineProperty(window, KEY, { value: shim, configurable: true });
  return shim;
}

const SPECIAL = { '\u0000undefined': undefined, '\u0000NaN': NaN, '\u0000Infinity': Infinity, '\u0000-Infinity': -Infinity };

/** The value a page sent as JSON, with `undefined` and the non-finite numbers restored. */
function revive(value) {
  if (typeof value === 'string' && value in SPECIAL) return SPECIAL[value];
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  return value;
}

/** What a page call returned: its value, or for an element (which Playwright would give as a handle) WebDriver's reference. */
function decode(reply) {
  return reply.json === undefined ? reply.element : revive(JSON.parse(reply.json));
}

/** A page function's source with its argument, as an expression; `argument` must survive JSON. */
function call(fn, ...args) {
  return `(${fn})(${args.map((a) => (a === undefined ? 'undefined' : JSON.stringify(a))).join(', ')})`;
}

/** Playwright evaluates a string as an expression; a script of statements (axe-core's source) runs as such. */
function stringBody(source) {
  try {
    // Parsed only, never run here: does the string read as one expression?
    Function(`return (${source}\n);`);
    return `(${source}\n)`;
  } catch {
    return `(() => { ${source}\n })()`;
  }
}

/** `hasText` and role names as the page side takes them: a string, or a regular expression's parts. */
const pattern = (p) => (p instanceof RegExp ? { regex: p.source, flags: p.flags } : { text: String(p) });

const KEYS = {
  Tab: Key.TAB, Enter: Key.ENTER, Space: ' ', ' ': ' ', Escape: Key.ESCAPE, Backspace: Key.BACK_SPACE, Delete: Key.DELETE,
  ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
  Home: Key.HOME, End: Key.END, PageDown: Key.PAGE_DOWN, PageUp: Key.PAGE_UP,
  Shift: Key.SHIFT, Control: Key.CONTROL, Alt: Key.ALT, Meta: Key.META,
};

/** A Playwright key name (`Shift+Tab`, `a`) as WebDriver keys. */
function keysOf(name) {
  return name.split(/\+(?!$)/).map((part) => {
    if (part in KEYS) return KEYS[part];
    if ([...part].length === 1) return part;
    throw new Error(`webkit: keyboard key ${part} is not supported`);
  });
}

class WebKitPage {
  #context;
  #driver;
  #stopDriver;
  #url = 'about:blank';
  #viewport = null;
  #queue = Promise.resolve();
  #pending = 0;
  #collector;
  #handlers = { console: [], pageerror: [], dialog: [] };
  #closed = false;

  constructor(context, { driver, stop }) {
    this.#context = context;
    this.#driver = driver;
    this.#stopDriver = stop;
    // Playwright's console and error events arrive on their own, and tests wait for them without
    // touching the page: collect them while the page is idle too.
    this.#collector = setInterval(() => {
      if (this.#pending === 0 && !this.#closed) this.run('null').catch(() => {});
    }, COLLECT_MS);
    this.#collector.unref();
    this.keyboard = {
      press: (key) => this.#command(async () => {
        const keys = keysOf(key);
        let actions = this.#driver.actions();
        for (const k of keys) actions = actions.keyDown(k);
        for (const k of keys.reverse()) actions = actions.keyUp(k);
        await actions.perform();
      }),
      type: (text) => this.#command(() => this.#driver.actions().sendKeys(text).perform()),
    };
  }

  context() {
    return this.#context;
  }

  on(event, handler) {
    if (!(event in this.#handlers)) throw new Error(`webkit: page event ${event} is not supported`);
    this.#handlers[event].push(handler);
    return this;
  }

  off(event, handler) {
    this.#handlers[event] = this.#handlers[event]?.filter((h) => h !== handler);
    return this;
  }

  url() {
    return this.#url;
  }

  isClosed() {
    return this.#closed;
  }

  /**
   * Runs a WebDriver command; a dialog left open (WebDriver's unhandled prompt) makes it fail, so
   * the dialog is shown to `dialog` handlers (dismissed if none does more) and the command retried.
   */
  #command(action) {
    const run = this.#queue.then(async () => {
      for (;;) {
        try {
          return await action();
        } catch (error) {
          if (!(error instanceof errors.UnexpectedAlertOpenError)) throw error;
          await this.#dialog();
        }
      }
    });
    // One command at a time, so the background collection never lands inside a key sequence.
    this.#queue = run.catch(() => {});
    this.#pending += 1;
    this.#queue.then(() => { this.#pending -= 1; });
    return run;
  }

  async #dialog() {
    const alert = this.#driver.switchTo().alert();
    const message = await alert.getText();
    let handled = false;
    const settle = (how) => async () => {
      handled = true;
      await how().catch((error) => {
        if (!(error instanceof errors.NoSuchAlertError)) throw error;
      });
    };
    const dialog = {
      message: () => message,
      type: () => 'dialog',
      defaultValue: () => '',
      accept: settle(() => alert.accept()),
      dismiss: settle(() => alert.dismiss()),
    };
    for (const handler of this.#handlers.dialog) await handler(dialog);
    if (!handled) await dialog.dismiss();
  }

  /** Runs `body` (an expression over `shim` and `args`) in the page and hands its events to the handlers. */
  async run(body, args = null) {
    const script = `const done = arguments[arguments.length - 1];
const shim = window.__nhsWebKitShim ?? (${pageShim})(${pageRecorder}, ${cssEngine}, ${ariaEngine});
const args = JSON.parse(arguments[0]);
Promise.resolve().then(() => ${body}).then((value) => done(shim.reply(value)), (error) => done(shim.reply(undefined, error)));`;
    const reply = await this.#command(() => this.#driver.executeAsyncScript(script, JSON.stringify(args)));
    this.#url = reply.url;
    this.#emit(reply.events);
    if (reply.error !== undefined) throw new Error(`webkit: ${reply.error}`);
    return reply;
  }

  #emit(events) {
    for (const event of events) {
      if (event.kind === 'console') {
        const message = { type: () => event.type, text: () => event.text, args: () => [], location: () => ({}) };
        for (const handler of this.#handlers.console) handler(message);
      } else {
        const error = Object.assign(new Error(event.message), { name: event.name, stack: event.stack });
        for (const handler of this.#handlers.pageerror) handler(error);
      }
    }
  }

  /** A value computed in the page. */
  async #value(body, args) {
    return decode(await this.run(body, args));
  }

  /**
   * Polls `body` until it stops asking to wait; fails with `what` after `timeout` ms. A command
   * that meets a navigation in progress is retried.
   */
  async poll(body, args, what, timeout = DEFAULT_TIMEOUT) {
    const end = Date.now() + timeout;
    let waiting = 'to be attached';
    for (;;) {
      let reply;
      try {
        reply = await this.run(body, args);
      } catch (error) {
        const navigating = error instanceof errors.JavascriptError || error instanceof errors.NoSuchWindowError
          || error instanceof errors.NoSuchFrameError; // the page unloaded while the script ran
        if (!navigating || Date.now() > end) throw error;
      }
      if (reply?.control?.strict) throw new Error(`webkit: strict mode violation: ${what} resolved to ${reply.control.strict} elements`);
      if (reply && !reply.control) return reply;
      if (reply) waiting = reply.control.waiting;
      if (Date.now() > end) throw new Error(`webkit: timeout ${timeout} ms exceeded waiting for ${what} ${waiting}`);
      await sleep(POLL_MS);
    }
  }

  async #navigated() {
    this.#url = await this.#command(() => this.#driver.getCurrentUrl());
    // Installs the recorder in the new document at once.
    await this.run('null');
  }

  /** Loads `url` and waits for its load event (whatever `waitUntil` says: WebDriver waits for load). */
  async goto(url) {
    await this.#command(() => this.#driver.get(url));
    await this.#navigated();
    return null;
  }

  async goBack() {
    await this.#command(() => this.#driver.navigate().back());
    await this.#navigated();
    return null;
  }

  async goForward() {
    await this.#command(() => this.#driver.navigate().forward());
    await this.#navigated();
    return null;
  }

  async reload() {
    await this.#command(() => this.#driver.navigate().refresh());
    await this.#navigated();
    return null;
  }

  title() {
    return this.#command(() => this.#driver.getTitle());
  }

  /** `fn(arg)` in the page (awaited if it returns a promise), or a string as an expression or script. */
  evaluate(fn, arg) {
    return this.#value(typeof fn === 'string' ? stringBody(fn) : call(fn, arg));
  }

  /** Polls `fn(arg)` until it is truthy; resolves to its value. */
  async waitForFunction(fn, arg, { timeout = DEFAULT_TIMEOUT } = {}) {
    const body = `Promise.resolve(${typeof fn === 'string' ? stringBody(fn) : call(fn, arg)}).then((value) => value || shim.control({ waiting: 'to be truthy' }))`;
    return decode(await this.poll(body, null, `function ${String(fn).slice(0, 60)}`, timeout));
  }

  /** Waits, then hands on what the page logged meanwhile (Playwright's events arrive on their own). */
  async waitForTimeout(ms) {
    await sleep(ms);
    await this.run('null');
  }

  /** Waits for `load` (the default) or `domcontentloaded`; `networkidle` is taken as `load`. */
  async waitForLoadState(state = 'load') {
    const ready = state === 'domcontentloaded' ? "document.readyState !== 'loading'" : "document.readyState === 'complete'";
    await this.poll(`${ready} || shim.control({ waiting: '' })`, null, `load state ${state}`);
  }

  async setViewportSize({ width, height }) {
    const window = this.#driver.manage().window();
    // The window holds only the web view, so its size is the viewport; correct for any difference.
    // The X server may apply a resize after setRect returns (seen on a loaded CI machine), so
    // the page's size is read until it is the one asked for or stops changing.
    let rect = { width, height };
    let inner;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await this.#command(() => window.setRect(rect));
      inner = await this.#settledViewport({ width, height });
      if (inner.width === width && inner.height === height) {
        this.#viewport = { width, height };
        return;
      }
      rect = { width: rect.width + width - inner.width, height: rect.height + height - inner.height };
    }
    throw new Error(`webkit: cannot make the viewport ${width}×${height} (it stays ${inner.width}×${inner.height})`);
  }

  /** The page's viewport once it is `wanted`, or once it has not changed for 300 ms (at most 3 s). */
  async #settledViewport(wanted) {
    const end = Date.now() + 3_000;
    let last;
    let since = Date.now();
    for (;;) {
      const inner = await this.#value('({ width: innerWidth, height: innerHeight })');
      if (inner.width === wanted.width && inner.height === wanted.height) return inner;
      if (!last || inner.width !== last.width || inner.height !== last.height) {
        last = inner;
        since = Date.now();
      } else if (Date.now() - since >= 300 || Date.now() > end) {
        return inner;
      }
      await sleep(POLL_MS);
    }
  }

  viewportSize() {
    return this.#viewport;
  }

  /**
   * A PNG of the viewport, or with `fullPage` of the whole page: WebDriver shoots only the viewport,
   * so the window is made as tall as the page for the shot (the page sees a resize), then restored.
   */
  async screenshot({ path, fullPage = false } = {}) {
    let restore;
    if (fullPage) {
      const size = await this.#value('({ width: innerWidth, height: innerHeight, page: document.documentElement.scrollHeight })');
      if (size.page > size.height) {
        await this.setViewportSize({ width: size.width, height: Math.min(size.page, 16_384) });
        restore = () => this.setViewportSize(size);
      }
    }
    const png = Buffer.from(await this.#command(() => this.#driver.takeScreenshot()), 'base64');
    await restore?.();
    if (path) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, png);
    }
    return png;
  }

  locator(selector, options) {
    return new WebKitLocator(this, []).locator(selector, options);
  }

  getByRole(role, options) {
    return new WebKitLocator(this, []).getByRole(role, options);
  }

  /** The element a native action needs, as a WebDriver reference. */
  async element(body, args, what) {
    return (await this.poll(body, args, what)).element;
  }

  native(action) {
    return this.#command(action);
  }

  addInitScript() {
    return this.#context.addInitScript();
  }

  route() {
    return this.#context.route();
  }

  async close() {
    await this.#context.close();
  }

  async quit() {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#collector);
    try {
      await this.#queue;
      await this.#driver.quit();
    } finally {
      this.#stopDriver();
    }
  }
}

class WebKitLocator {
  #page;
  #steps;

  constructor(page, steps) {
    this.#page = page;
    this.#steps = steps;
  }

  toString() {
    return this.#steps.map((step) => {
      if (step.nth !== undefined) return `nth(${step.nth})`;
      if (step.role) return `getByRole(${JSON.stringify(step.role.role)}${step.role.name ? `, ${JSON.stringify(step.role.name)}` : ''})`;
      return `locator(${JSON.stringify(step.css)}${step.hasText ? `, hasText ${JSON.stringify(step.hasText)}` : ''})`;
    }).join('.');
  }

  #with(step) {
    return new WebKitLocator(this.#page, [...this.#steps, step]);
  }

  locator(selector, { hasText } = {}) {
    if (typeof selector !== 'string') throw new Error('webkit: locator() takes a CSS selector');
    return this.#with({ css: selector, ...(hasText === undefined ? {} : { hasText: pattern(hasText) }) });
  }

  getByRole(role, { name, exact = false, ...rest } = {}) {
    const unsupported = Object.keys(rest);
    if (unsupported.length) throw new Error(`webkit: getByRole option ${unsupported[0]} is not supported`);
    return this.#with({ role: { role, exact, ...(name === undefined ? {} : { name: pattern(name) }) } });
  }

  first() {
    return this.#with({ nth: 0 });
  }

  last() {
    return this.#with({ nth: -1 });
  }

  nth(index) {
    return this.#with({ nth: index });
  }

  /** `fn(element)` on the one element, once it exists. */
  async #one(fn, { state = 'attached', arg, timeout } = {}) {
    const reply = await this.#page.poll(`shim.withOne(args, ${JSON.stringify(state)}, (element) => (${fn})(element, ${arg === undefined ? 'undefined' : JSON.stringify(arg)}))`,
      this.#steps, String(this), timeout);
    return decode(reply);
  }

  async #all(fn, arg) {
    return decode(await this.#page.run(`(${fn})(shim.find(args), ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`, this.#steps));
  }

  count() {
    return this.#all((found) => found.length);
  }

  evaluate(fn, arg) {
    return this.#one(fn, { arg });
  }

  evaluateAll(fn, arg) {
    return this.#all(fn, arg);
  }

  allTextContents() {
    return this.#all((found) => found.map((element) => element.textContent));
  }

  allInnerTexts() {
    return this.#all((found) => found.map((element) => element.innerText));
  }

  textContent() {
    return this.#one((element) => element.textContent);
  }

  innerText() {
    return this.#one((element) => element.innerText);
  }

  getAttribute(name) {
    return this.#one((element, attribute) => element.getAttribute(attribute), { arg: name });
  }

  inputValue() {
    return this.#one((element) => {
      if (!['input', 'textarea', 'select'].includes(element.localName)) throw new Error('Not an <input>, <textarea> or <select> element');
      return element.value;
    });
  }

  /** Whether the one element is visible now (no waiting; `false` when there is none). */
  async isVisible() {
    const reply = await this.#page.run(`(() => {
      const found = shim.find(args);
      return found.length > 1 ? shim.control({ strict: found.length }) : Boolean(found[0] && shim.visible(found[0]));
    })()`, this.#steps);
    if (reply.control) throw new Error(`webkit: strict mode violation: ${this} resolved to ${reply.control.strict} elements`);
    return JSON.parse(reply.json);
  }

  async isHidden() {
    return !(await this.isVisible());
  }

  /** The box in viewport pixels, or `null` where the element has none. */
  boundingBox() {
    return this.#one((element) => {
      if (element.getClientRects().length === 0) return null;
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    });
  }

  async waitFor({ state = 'visible', timeout } = {}) {
    await this.#one(() => null, { state, timeout });
  }

  scrollIntoViewIfNeeded() {
    return this.#one((element) => {
      if (element.scrollIntoViewIfNeeded) element.scrollIntoViewIfNeeded(true);
      else element.scrollIntoView({ block: 'center' });
    }, { state: 'visible' });
  }

  /** Playwright's focus(): the element's own focus(), no key pressed. */
  focus() {
    return this.#one((element) => element.focus());
  }

  async #element() {
    return this.#page.element(`shim.withOne(args, 'visible', (element) => element)`, this.#steps, String(this));
  }

  /** A real click: WebDriver scrolls the element into view and clicks its centre; retried while something covers it. */
  /**
   * A native click. With `trial`, as in Playwright, only waits until the element could be clicked
   * (shown, scrolled into view, not covered at its centre) and clicks nothing.
   */
  async click({ trial = false, ...options } = {}) {
    if (Object.keys(options).length) throw new Error(`webkit: click options ${Object.keys(options)} are not supported`);
    if (trial) {
      const covered = await this.#one((element) => {
        element.scrollIntoView({ block: 'center', inline: 'center' });
        const box = element.getClientRects()[0];
        const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
        let hit = element.getRootNode().elementFromPoint(x, y);
        while (hit?.shadowRoot && hit.shadowRoot.elementFromPoint(x, y) && hit.shadowRoot.elementFromPoint(x, y) !== hit) hit = hit.shadowRoot.elementFromPoint(x, y);
        return !(hit === element || element.contains(hit));
      }, { state: 'visible' });
      if (covered) throw new Error(`webkit: ${this} is covered where it would be clicked`);
      return;
    }
    const end = Date.now() + DEFAULT_TIMEOUT;
    for (;;) {
      const element = await this.#element();
      try {
        await this.#page.native(() => element.click());
        break;
      } catch (error) {
        const retry = error instanceof errors.ElementClickInterceptedError || error instanceof errors.ElementNotInteractableError
          || error instanceof errors.StaleElementReferenceError;
        if (!retry || Date.now() > end) throw error;
        await sleep(POLL_MS);
      }
    }
    // Hands on the events the click caused, and notices a navigation.
    await this.#page.run('null');
  }

  /** As a person fills a field: focus it, select what is there, then type over it (or delete it). */
  async fill(text) {
    const hadText = await this.#one((element) => {
      element.focus();
      element.select?.();
      return element.value !== '';
    }, { state: 'visible' });
    if (text === '') {
      if (hadText) await this.#page.keyboard.press('Backspace');
    } else {
      await this.#page.keyboard.type(text);
    }
    await this.#page.run('null');
  }

  async press(key) {
    await this.focus();
    await this.#page.keyboard.press(key);
  }

  ariaSnapshot() {
    throw new Error('webkit: ariaSnapshot is not supported (it is Playwright’s own, not WebDriver’s)');
  }
}
