// A content designer's mistake, seen where they are looking: with `trunk serve` running
// on a copy of this project, a typo in an article (`codes: CID20X4`) turns the page they have open
// into "Content problems" — the file, the line, what is wrong and how to fix it, with the problems
// the typo causes further on folded under it — instead of Trunk's "Build failure" overlay; a
// release build of the same copy still fails; and once the file is fixed, the page shows the
// article again by itself (Trunk reloads it after the rebuild).
//
// The copy is the project's files as git sees them (committed or not, ignored ones left out), in
// the system's temporary folder: outside the project, so cargo reads no `.cargo/config.toml`
// twice (its arrays add up, and other rustflags would rebuild every dependency). Cargo keeps its
// intermediate artifacts in the project's `target/` (`build.build-dir`, cargo 1.91 and later) and
// its final ones beside the copy: the dependencies are the project's, already built, so only the
// crate itself is compiled (seconds, not minutes). The copy's crate has a cargo feature of its own
// (`scratch-copy`, which changes nothing else), so cargo gives its artifacts other names than the
// project's: they never replace the project's own, in the build directory or at the final paths.
// Every process the test starts (Trunk with its cargo and hooks, the release build) leads a
// process group of its own, which the test ends by its id, whatever happened.
//
// Chromium only: what is tested is the build and Trunk, not the browser; the page it shows is a
// first paint like any other, which the other suites test in every engine.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE, axeViolations, canonicalMarkup, launchBrowser, refuseFirstPaint, watchedPage } from './browser.mjs';

const SKIP = ENGINE !== 'chromium'
  && 'what is tested is the build under trunk serve (two rebuilds, about a minute), not the engine: run once, in Chromium';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORK = join(tmpdir(), `nhs-login-help-content-problems-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`);
const COPY = join(WORK, 'project');
const ARTICLE = 'content/articles/cannot-use-login.md';
const TITLE = 'You cannot use your NHS login';
/** How long a rebuild may take: the copy's crate, natively and to wasm (seconds here). */
const BUILD_TIMEOUT = 150_000;
/**
 * How long the first build may take: where `trunk serve` has never run, it also compiles the
 * wasm's dependencies in the debug profile, once (the test command's other builds are release
 * builds and tests, whose dependencies differ).
 */
const FIRST_BUILD_TIMEOUT = 600_000;

const ENV = {
  ...process.env,
  PATH: [join(ROOT, 'node_modules', '.bin'), join(homedir(), '.cargo', 'bin'), process.env.PATH].join(':'),
  TRUNK_SKIP_VERSION_CHECK: 'true',
  NO_COLOR: 'true',
  CARGO_BUILD_BUILD_DIR: join(ROOT, 'target'),
  CARGO_TARGET_DIR: join(WORK, 'target'),
};

/** The processes this file started, by the id of their process group (each its leader). */
const groups = new Set();

/** Starts `command` in `COPY` as the leader of a new process group; output goes to `output.text`. */
function start(command, args) {
  const child = spawn(command, args, { cwd: COPY, env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { text: '' };
  child.stdout.on('data', (chunk) => { output.text += chunk; });
  child.stderr.on('data', (chunk) => { output.text += chunk; });
  groups.add(child.pid);
  child.exited = new Promise((done) => child.on('exit', (code, signal) => {
    groups.delete(child.pid);
    done({ code, signal });
  }));
  return { child, output };
}

/** Ends the process group led by `child`: SIGTERM, then SIGKILL if it has not gone in 10 s. */
async function stop(child) {
  if (!groups.has(child.pid)) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const gone = await Promise.race([child.exited.then(() => true), new Promise((late) => setTimeout(late, 10_000, false))]);
  if (!gone) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  // Trunk's children (cargo, rustc, the hook) are in its group even once Trunk itself has exited.
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* none left */ }
}

// Should the runner exit before `after` runs, or be interrupted, the groups still go (they are
// not in the terminal's process group, so Ctrl+C does not reach them).
const killAll = () => {
  for (const group of groups) {
    try { process.kill(-group, 'SIGKILL'); } catch { /* gone */ }
  }
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/** A free port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The project's files, as git sees them, copied to `COPY`, with the project's node_modules. */
async function copyProject() {
  await rm(COPY, { recursive: true, force: true });
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && existsSync(join(ROOT, file)));
  for (const file of files) {
    await mkdir(dirname(join(COPY, file)), { recursive: true });
    await copyFile(join(ROOT, file), join(COPY, file));
  }
  await symlink(join(ROOT, 'node_modules'), join(COPY, 'node_modules'));
  // Cargo names a workspace crate's artifacts by its path relative to the workspace, the same
  // here as in the project: without a feature of its own, the copy's crate would overwrite the
  // project's in the shared build directory. The feature changes nothing else.
  const manifest = await readFile(join(COPY, 'Cargo.toml'), 'utf8');
  if (/^\[features\]/m.test(manifest)) throw new Error('Cargo.toml has features now: add `scratch-copy` to them here');
  await writeFile(join(COPY, 'Cargo.toml'), `${manifest}\n[features]\ndefault = ["scratch-copy"]\nscratch-copy = []\n`);
}

/** Trunk's builds that have finished so far, and whether one failed. */
const builds = (output) => ({
  done: output.text.split('applying new distribution').length - 1,
  failed: /ERROR/.test(output.text),
});

/** Waits until Trunk has finished `count` builds; fails with its output if one fails or it is late. */
async function builtAtLeast(output, count, timeout) {
  const deadline = Date.now() + timeout;
  while (builds(output).done < count) {
    if (builds(output).failed) assert.fail(`trunk serve failed:\n${output.text.slice(-4000)}`);
    if (Date.now() > deadline) assert.fail(`no build ${count} in ${timeout / 1000} s:\n${output.text.slice(-4000)}`);
    await new Promise((later) => setTimeout(later, 250));
  }
}

/** Seconds since `started`, for the test's diagnostics. */
const since = (started) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/**
 * Waits until the page shows a heading with `text` (Trunk reloads it after a successful build);
 * fails at once, with Trunk's output after `mark`, if a build fails instead (the page then shows
 * Trunk's "Build failure" overlay, as it did before the build showed content problems in the page).
 */
async function pageShows(page, text, mark) {
  const deadline = Date.now() + BUILD_TIMEOUT;
  const shown = () => page.locator('#nhs-login-help-standalone h1', { hasText: text }).count().catch(() => 0);
  while ((await shown()) === 0) {
    const output = serve.output.text.slice(mark);
    if (/ERROR/.test(output)) assert.fail(`trunk serve's build failed; the page shows Trunk's overlay, not “${text}”:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) assert.fail(`the page did not show “${text}” in ${BUILD_TIMEOUT / 1000} s:\n${output.slice(-3000)}`);
    await new Promise((later) => setTimeout(later, 250));
  }
}

let serve;
let origin;
let firstBuild;
let browser;
let original;

before(async () => {
  if (SKIP) return;
  await copyProject();
  original = await readFile(join(COPY, ARTICLE), 'utf8');
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  serve = start('trunk', ['serve', '--port', String(port)]);
  browser = await launchBrowser();
  const started = Date.now();
  await builtAtLeast(serve.output, 1, FIRST_BUILD_TIMEOUT);
  firstBuild = since(started);
}, { timeout: FIRST_BUILD_TIMEOUT + 60_000 });

after(async () => {
  await browser?.close();
  if (serve) await stop(serve.child);
  // The copy and cargo's final artifacts (the intermediate ones stay in the build directory).
  await rm(WORK, { recursive: true, force: true });
});

test('a typo in an article shows in the open page with its file, line and fix; a release build fails; fixed, the article returns', { skip: SKIP, timeout: 3 * BUILD_TIMEOUT }, async (t) => {
  const { page, problems } = await watchedPage(browser);
  let started = Date.now();
  await page.goto(`${origin}/?error=CID2014`);
  await page.locator('h1', { hasText: TITLE }).waitFor();
  t.diagnostic(`trunk serve built the copy in ${firstBuild}; the article shown ${since(started)} after it was asked for`);

  // The typo: the page the designer has open turns into the list of problems by itself.
  started = Date.now();
  assert.ok(original.includes('codes: CID2014\n'), `${ARTICLE} still has the code this test breaks`);
  let mark = serve.output.text.length;
  await writeFile(join(COPY, ARTICLE), original.replace('codes: CID2014', 'codes: CID20X4'));
  const heading = page.locator('#nhs-login-help-standalone h1');
  await pageShows(page, 'Content problems', mark);
  t.diagnostic(`problems shown ${since(started)} after the typo was saved`);
  assert.deepEqual(await heading.allTextContents(), ['Content problems']);
  assert.equal(await page.title(), 'Content problems – NHS login help');
  assert.equal(await page.getByText('Build failure').count(), 0, 'not Trunk’s overlay');
  const items = page.locator('#nhs-login-help-standalone ol > li');
  assert.equal(await items.count(), 1, 'one mistake, one problem');
  assert.equal(await items.locator('> strong').textContent(), `${ARTICLE}, line 3`);
  const line = await items.evaluate((li) => [...li.childNodes].filter((n) => n.nodeName !== 'P' && n.nodeName !== 'UL').map((n) => n.textContent).join(''));
  assert.equal(line, `${ARTICLE}, line 3: malformed code \`CID20X4\`. To fix it: write \`CID\` and 4 or 5 digits, such as \`CID7023\`, with commas between codes`);
  // What the typo causes further on in the file: under it, and gone once it is fixed.
  assert.deepEqual(await items.locator('ul > li').allTextContents(), [
    'line 15: contact link names `CID2014`, which is not one of this article\'s codes',
    'line 1: `links` lists contact but the body never links to it',
  ]);
  assert.deepEqual(await axeViolations(page), []);
  // One renderer: where the page refuses the first paint (as under Trusted Types), the wasm shows
  // the same page, from the same component.
  const refused = await watchedPage(browser);
  await refused.context.addInitScript(refuseFirstPaint);
  const wasm = refused.page.waitForRequest((request) => request.url().endsWith('_bg.wasm'));
  await refused.page.goto(`${origin}/?error=CID2014`);
  await wasm;
  await refused.page.locator('#nhs-login-help-standalone h1', { hasText: 'Content problems' }).waitFor();
  const markup = (on) => on.evaluate(canonicalMarkup, '#nhs-login-help-standalone');
  assert.equal(await markup(refused.page), await markup(page));
  assert.equal(await refused.page.title(), 'Content problems – NHS login help');
  await refused.context.close();

  // A release build of the same files still fails, with the same messages.
  started = Date.now();
  const release = start('trunk', ['build', '--release', '--dist', join(WORK, 'release')]);
  const timer = setTimeout(() => stop(release.child), BUILD_TIMEOUT);
  const { code } = await release.child.exited;
  clearTimeout(timer);
  t.diagnostic(`the release build failed ${since(started)} after it started`);
  assert.notEqual(code, 0, `the release build must fail:\n${release.output.text.slice(-3000)}`);
  assert.match(release.output.text, /error: content\/articles\/cannot-use-login\.md:3: malformed code `CID20X4`/);

  // Fixed: the article is back, by itself.
  started = Date.now();
  mark = serve.output.text.length;
  await writeFile(join(COPY, ARTICLE), original);
  await pageShows(page, TITLE, mark);
  t.diagnostic(`the article was back ${since(started)} after the fix was saved`);
  assert.deepEqual(await heading.allTextContents(), [TITLE]);
  assert.equal(await page.title(), `${TITLE} – NHS login help`);
  assert.deepEqual(problems, []);
});
