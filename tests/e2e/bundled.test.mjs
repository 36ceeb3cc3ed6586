// The entry inlined into an app's own bundle, as a bundler does with `import 'nhs-login-help'`
// (here esbuild, resolving the name to the build's entry, the file the npm package holds): the
// entry then looks for its other files beside the bundle. With the files `manifest.json` lists
// copied there unchanged, as the README tells bundler users to, an element takes the wasm when
// the person reaches for its search and opens what they find; with the bundle alone, every
// element still shows its help. One origin, under a strict CSP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { script, servePages } from './server.mjs';
import { launchBrowser, watchedPage, widgetShown } from './browser.mjs';

const DIST = resolve(process.env.WIDGET_DIST ?? 'target/dist-release');

/** The app's one page: the topics (with the search) and an article, its script last. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>An app</title><script src="record.js"></script></head>
<body><main><h1>Help</h1>
<nhs-login-help id="topics"><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>
<nhs-login-help id="article" error="CID7023"><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>
</main><script type="module" src="app.js"></script></body></html>`;

/** The host's first script: records CSP violations from the first moment. */
function record() {
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
}

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm' };

let host;
let browser;

before(async () => {
  const manifest = JSON.parse(await readFile(join(DIST, 'manifest.json'), 'utf8'));
  const entry = join(DIST, manifest.entry);
  const bundled = await build({
    stdin: { contents: "import 'nhs-login-help';\nconsole.log('the app runs');\n", resolveDir: DIST, loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [{ name: 'package', setup: (plugin) => plugin.onResolve({ filter: /^nhs-login-help$/ }, () => ({ path: entry })) }],
  });
  const pages = (base) => ({
    [`${base}/`]: { body: PAGE, type: 'text/html; charset=utf-8' },
    [`${base}/record.js`]: script(record),
    [`${base}/app.js`]: { body: bundled.outputFiles[0].text, type: TYPES['.js'] },
  });
  const files = {};
  for (const file of Object.keys(manifest.assets).filter((name) => name !== manifest.entry)) {
    files[`/with-files/${file}`] = { body: await readFile(join(DIST, file)), type: TYPES[file.slice(file.lastIndexOf('.'))] };
  }
  const favicon = { '/favicon.ico': { body: '', type: 'image/x-icon' } };
  host = await servePages({ ...pages('/with-files'), ...files, ...pages('/bundle-alone'), ...favicon }, {
    'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.close();
});

test("with the package's files beside the bundle, an element takes the wasm on reaching for the search and opens a result", async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.goto(`${host.origin}/with-files/`);
  await widgetShown(page, { elements: 2 });
  assert.equal(await page.locator('#article article').first().getAttribute('data-article'), 'cannot-connect-to-gp-system');
  const search = page.locator('#topics').getByRole('searchbox', { name: 'Search the help' });
  await search.focus();
  await page.waitForFunction(() => document.getElementById('topics').shadowRoot.querySelector('div:not([data-first-paint]):not([hidden]) .nhs-login-help'));
  await search.fill('CID1111');
  await page.locator('#topics .nhs-login-help__results a').first().click();
  await page.locator('#topics article[data-article=account-already-exists]').waitFor();
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'no CSP violations');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with the bundle alone, every element still shows its help', async () => {
  const { context, page } = await watchedPage(browser);
  await page.goto(`${host.origin}/bundle-alone/`);
  await widgetShown(page, { elements: 2 });
  assert.equal(await page.locator('#article article').first().getAttribute('data-article'), 'cannot-connect-to-gp-system');
  assert.equal(await page.locator('#topics').getByRole('searchbox', { name: 'Search the help' }).count(), 1);
  await context.close();
});
