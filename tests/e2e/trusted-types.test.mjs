// Pages that enforce Trusted Types (`require-trusted-types-for 'script'`), as partners with strict
// security headers do: a host page that allows the widget's one policy (`trusted-types
// nhs-login-help`, what the README tells hosts) gets the first paint through it with no
// violation; a page that allows no policy (`trusted-types 'none'`) gets the wasm's render, which
// writes no HTML at all, after the single refusal of the policy. Every component is rendered by
// the wasm here (an article with an inset, the feedback form, the fallback for an unknown
// reference with its topics and search results, and every article on the standalone page), so a
// view Leptos would build from an HTML string (src/components/mod.rs) fails this suite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTICLES } from './content.mjs';
import { startReceiver } from './receiver.mjs';
import { partnerPage, script, serveDirectory, servePages, strictPolicy } from './server.mjs';
import { axeViolations, launchBrowser, watchedPage, widgetShown } from './browser.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';
/** Every article's id, from the content manifest. */
const ARTICLE_IDS = ARTICLES.map((article) => article.id);
const { fragments } = JSON.parse(await readFile(join(DIST, 'manifest.json'), 'utf8'));
/** The build's server-rendered help for CID7023 (see server-rendered.test.mjs). */
const FRAGMENT = await readFile(join(DIST, fragments.files.CID7023), 'utf8');

/**
 * Run after the fragment has been parsed, before the entry (a module) runs: records whether the
 * element ever puts its fallback children (a slot) back on show, past the task that put it there
 * (the wasm's takeover puts the slot back and takes it out in one task, which never shows).
 */
function watchFallback() {
  window.fallbackShown = false;
  window.servedHeading = document.querySelector('nhs-login-help').shadowRoot.querySelector('h2').textContent;
  new MutationObserver((records) => {
    if (records.some((record) => [...record.addedNodes].some((node) => node.localName === 'slot' && node.isConnected))) window.fallbackShown = true;
  }).observe(document.querySelector('nhs-login-help').shadowRoot, { childList: true, subtree: true });
}

/** The host page's first script: records CSP violations, with the file that caused each, and uncaught errors. */
function recordViolations() {
  window.violations = [];
  window.uncaught = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.violations.push({ directive: event.violatedDirective, source: event.sourceFile, sample: event.sample });
  });
  addEventListener('error', (event) => window.uncaught.push(event.message));
  addEventListener('unhandledrejection', (event) => window.uncaught.push(String(event.reason)));
}

/**
 * The browser's report of the policy it refused: a console error in Chromium, which Playwright
 * over BiDi hands on from Firefox as a page error (the entry catches the refusal: the page's own
 * `error` listener hears nothing, see `uncaught`).
 */
const refusal = (problem) => /TrustedTypePolicy|Trusted Types policy/.test(problem);

/** What each page allows: the widget's policy, or none at all. */
const POLICIES = { policy: 'nhs-login-help', none: "'none'" };

let widget;
let receiver;
let host;
let browser;

before(async () => {
  receiver = await startReceiver();
  // The standalone page under the same header, as a meta element (pages keyed `tt-policy` and
  // `tt-none`, see serveDirectory).
  widget = await serveDirectory(DIST, {
    cors: true,
    alter: (path, body, key) => {
      const allowed = POLICIES[key?.replace(/^tt-/, '')];
      if (!allowed || !(path.endsWith('/') || path.endsWith('.html'))) return body;
      const meta = `<meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'; trusted-types ${allowed}">`;
      return Buffer.from(body.toString('utf8').replace(/<meta charset=[^>]*>/i, (charset) => `${charset}${meta}`));
    },
  });
  const elements = (feedback) => `
    <nhs-login-help id="article" error="CID7023" feedback-url="${feedback}"><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>
    <nhs-login-help id="unknown" error="CID9999"><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>
    <section aria-label="Staff login help"><nhs-login-help id="inset" variant="inline" article="nhsmail-login" heading-level="3"></nhs-login-help></section>`;
  const csp = (allowed, styleSrc = widget.origin) => strictPolicy(widget.origin, {
    images: true, connect: new URL(receiver.url).origin, styleSrc, extra: `require-trusted-types-for 'script'; trusted-types ${allowed}`,
  });
  host = await listenWithPolicies(elements(receiver.url), csp);
  host.served = await servePages({
    '/help.html': {
      body: partnerPage(widget.origin, `${FRAGMENT}<script src="/watch.js"></script>`, { scripts: ['/record.js'] }),
    },
    '/record.js': script(recordViolations),
    '/watch.js': script(watchFallback),
  }, { 'content-security-policy': csp("'none'", `${widget.origin} ${fragments.styleSrc}`) });
  browser = await launchBrowser();
});

/** One host server per policy (a CSP is a response header), as `{ origin }` by policy name. */
async function listenWithPolicies(content, csp) {
  const servers = {};
  for (const [name, allowed] of Object.entries(POLICIES)) {
    servers[name] = await servePages({
      '/help.html': { body: partnerPage(widget.origin, content, { h1: 'Sorry, we could not log you in', scripts: ['/record.js'] }) },
      '/record.js': script(recordViolations),
      '/favicon.ico': { body: '', type: 'image/x-icon' },
    }, { 'content-security-policy': csp(allowed) });
  }
  return servers;
}

after(async () => {
  await browser?.close();
  await Promise.all([widget?.close(), receiver?.close(), ...Object.values(host ?? {}).map((server) => server.close())]);
});

/** Which of the page's elements show their first paint (the rest show the wasm's render). */
const firstPainted = (page) => page.evaluate(() => [...document.querySelectorAll('nhs-login-help')]
  .filter((element) => element.shadowRoot?.querySelector('[data-first-paint]:not([hidden]) .nhs-login-help'))
  .map((element) => element.id));

/**
 * A fresh watched page (see `watchedPage`) at `url`; `null`, with the test skipped, where the
 * browser has no Trusted Types, whose directives then mean nothing.
 */
async function openEnforcing(t, url) {
  const watched = await watchedPage(browser);
  await watched.page.goto(url);
  if (await watched.page.evaluate(() => 'trustedTypes' in window)) return watched;
  t.skip('this engine has no Trusted Types');
  return null;
}

/**
 * The interactions that need the wasm: a search with results (in the fallback's topics), and "No"
 * opening the comment form.
 */
async function useTheWasm(page) {
  await page.locator('#unknown').getByRole('searchbox', { name: 'Search the help' }).fill('password');
  await page.waitForFunction(() => document.getElementById('unknown').shadowRoot.querySelectorAll('.nhs-login-help__results li').length > 0);
  await page.locator('#article').getByRole('button', { name: 'No' }).click();
  await page.locator('#article').getByRole('textbox', { name: 'What was missing or unclear? (optional)' }).waitFor();
}

test('a host page that allows the widget’s policy gets every first paint through it, and the wasm, with no violation', async (t) => {
  const watched = await openEnforcing(t, `${host.policy.origin}/help.html`);
  if (!watched) return;
  const { page, problems } = watched;
  await widgetShown(page, { elements: 3 });
  assert.deepEqual(await firstPainted(page), ['article', 'unknown', 'inset']);
  await useTheWasm(page);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
});

test('a host page that allows no policy gets the wasm’s help in every element, after one refusal and no error', async (t) => {
  const watched = await openEnforcing(t, `${host.none.origin}/help.html`);
  if (!watched) return;
  const { page, problems } = watched;
  await widgetShown(page, { elements: 3 });
  assert.deepEqual(await firstPainted(page), []);
  const text = (id) => page.locator(`#${id} .nhs-login-help`).first().textContent();
  assert.match(await text('unknown'), /Sorry, we could not find that help[^]*Check the reference you were given/);
  assert.match(await text('inset'), /Information: NHSmail/);
  await useTheWasm(page);
  // The one refusal is the entry's request for its policy; nothing in the glue or the wasm.
  const violations = await page.evaluate(() => window.violations);
  assert.deepEqual(violations.map(({ directive, source }) => [directive, new URL(source).pathname]), [['trusted-types', '/nhs-login-help.js']]);
  assert.deepEqual(await page.evaluate(() => window.uncaught), []);
  assert.deepEqual(problems.filter((problem) => !refusal(problem)), []);
  assert.ok(problems.length <= 1, `at most the refusal in the console: ${problems}`);
  assert.deepEqual(await axeViolations(page), []);
});

test('the standalone page under Trusted Types: its first paint through the policy, or the wasm, for every article', async (t) => {
  const watched = await openEnforcing(t, `${widget.origin}/page/tt-policy/?error=CID7023`);
  if (!watched) return;
  const { page, problems } = watched;
  await widgetShown(page);
  assert.equal(await page.locator('#nhs-login-help-standalone').getAttribute('data-first-paint'), '?error=CID7023');
  assert.deepEqual(problems, []);

  // No policy: the unknown reference's fallback from the wasm; then every article, rendered by
  // the wasm as the page follows the address, with no violation but the refused policy.
  const none = await watchedPage(browser);
  await none.page.goto(`${widget.origin}/page/tt-none/?error=CID9999`);
  await widgetShown(none.page, { wasm: true });
  assert.match(await none.page.locator('#nhs-login-help-standalone').innerText(), /Check the reference you were given/);
  for (const id of ARTICLE_IDS) {
    await none.page.evaluate((article) => {
      history.pushState(null, '', `?article=${article}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, id);
    await none.page.locator(`#nhs-login-help-standalone article[data-article="${id}"] h1`).waitFor();
  }
  assert.deepEqual(none.problems.filter((problem) => !refusal(problem)), []);
});

test('server-rendered help on a page that allows no policy stays on show until the wasm renders over it', async (t) => {
  const watched = await openEnforcing(t, `${host.served.origin}/help.html`);
  if (!watched) return;
  const { page, problems } = watched;
  // The entry cannot compare the served markup with its own, so the wasm takes over at once.
  await page.waitForFunction(() => document.querySelector('nhs-login-help').shadowRoot.querySelector('[data-first-paint][hidden]'));
  await widgetShown(page, { elements: 1 });
  assert.equal(await page.evaluate(() => window.fallbackShown), false, 'the fallback children never came back');
  assert.equal(await page.locator('nhs-login-help h2').textContent(), await page.evaluate(() => window.servedHeading));
  assert.deepEqual(await page.evaluate(() => window.uncaught), []);
  assert.deepEqual(problems.filter((problem) => !refusal(problem)), []);
});
