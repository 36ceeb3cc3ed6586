// The feedback loop end to end: the embedded widget on a partner's page (another origin, a strict
// CSP) posts "Was this helpful?" answers to the real receiver (the crates/receiver binary, on
// 127.0.0.1, an SQLite file or a throwaway PostgreSQL), and every answer is stored exactly once
// through what goes wrong in practice: the database stopped mid-run and started again, the
// receiver killed and restarted, a response lost after the write, two tabs retrying together.
// "Stored" is read back through the receiver's own CSV export (bearer token); "sent" is every
// POST a recording proxy in front of the receiver saw, where a test needs one.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as forward } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDirectory, servePages } from './server.mjs';
import { builtReceiver, spawnReceiver } from './receiver.mjs';
import { ENGINE, focusedIn, launchBrowser, watchedPage } from './browser.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';
let RECEIVER;
const TOKEN = 'e2e-explorer-token-0123456789';
const QUEUE_KEY = 'nhs-login-help:feedback-queue';
const CODES = ['CID1111', 'CID2011', 'CID2012', 'CID2014', 'CID3002', 'CID3003', 'CID7023', 'CID7029'];
/** Answers per page: one widget each. */
const WIDGETS = 12;

let widget;
let browser;
let scratch;
/** What a test started, stopped after it whether it passed or not (last started, first stopped). */
let cleanups = [];
/** Every receiver process started, so none outlives the suite. */
const children = new Set();

/** Registers `stop` to run after the current test. */
function later(stop) {
  cleanups.push(stop);
}

afterEach(async () => {
  for (const stop of cleanups.reverse()) await stop().catch(() => {});
  cleanups = [];
});

before(async () => {
  RECEIVER = builtReceiver();
  scratch = await mkdtemp(join(tmpdir(), 'receiver-loop-'));
  widget = await serveDirectory(DIST, { cors: true });
  browser = await launchBrowser();
});

after(async () => {
  for (const child of children) child.kill('SIGKILL');
  await browser?.close();
  await widget?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/**
 * The receiver binary for a test (see `spawnReceiver`), killed after it; `port` 0 picks a free one.
 * Resolves to `{ url, origin, port, kill(signal), stopped }` once it listens.
 */
async function startReceiver({ database, port = 0, origins }) {
  const receiver = await spawnReceiver(RECEIVER, {
    DATABASE_URL: database,
    ALLOWED_ORIGINS: origins.join(','),
    EXPLORER_TOKEN: TOKEN,
    RUST_LOG: 'info',
  }, { port });
  children.add(receiver.child);
  receiver.stopped.then(() => children.delete(receiver.child));
  later(() => receiver.stop());
  return receiver;
}

/** A free port on 127.0.0.1, for a receiver whose address must stay the same across a restart. */
async function freePort() {
  const server = createServer();
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address();
  await new Promise((closed) => server.close(closed));
  return port;
}

/** A throwaway PostgreSQL from scripts/postgres.sh: `{ url, stopServer(), startServer(), close() }`. */
async function startPostgres() {
  const child = spawn('bash', ['scripts/postgres.sh', 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      if (/^ready$/m.test(seen)) resolve(seen);
    });
    child.once('exit', (code) => reject(new Error(`scripts/postgres.sh serve exited (${code}):\n${seen}`)));
  });
  const value = (name) => new RegExp(`^${name}=(.*)$`, 'm').exec(lines)[1];
  const data = value('data');
  const ctl = (action) => {
    const result = spawnSync('bash', ['scripts/postgres.sh', 'ctl', data, action], { stdio: 'inherit' });
    assert.equal(result.status, 0, `postgres ${action}`);
  };
  const postgres = {
    url: value('url'),
    stopServer: () => ctl('stop'),
    startServer: () => ctl('start'),
    close: () => new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.stdin.end();
    }),
  };
  later(() => postgres.close());
  return postgres;
}

/**
 * A recording proxy in front of the receiver: `posts` lists the id of every POST it saw (in the
 * order they arrived), `answers` the receiver's status for each POST it passed on. `loseNext(n)`: the next n POSTs reach the receiver, which answers, but the
 * answer is cut off on its way back (the browser sees a network error). `fail(on)`: POSTs get 503
 * without reaching the receiver. `hold(ms)`: each POST waits that long before it is passed on.
 */
async function startProxy(target) {
  const posts = [];
  const answers = [];
  let losing = 0;
  let failing = false;
  let holding = 0;
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (request.method === 'POST' && holding > 0) await new Promise((wait) => setTimeout(wait, holding));
      if (request.method === 'POST') posts.push(JSON.parse(body.toString('utf8')).id);
      if (request.method === 'POST' && failing) {
        response.writeHead(503, { 'access-control-allow-origin': request.headers.origin ?? '*', connection: 'close' });
        response.end();
        return;
      }
      const lose = request.method === 'POST' && losing > 0;
      if (lose) losing -= 1;
      const upstream = forward(`${target}${request.url}`, { method: request.method, headers: { ...request.headers, host: new URL(target).host } }, (answer) => {
        const parts = [];
        answer.on('data', (part) => parts.push(part));
        answer.on('end', () => {
          if (request.method === 'POST') answers.push(answer.statusCode);
          if (lose) {
            request.socket.destroy();
            return;
          }
          // A new connection for every request: browsers resend a request whose reused
          // connection closes unanswered, which would hide the loss from the widget.
          response.writeHead(answer.statusCode, { ...answer.headers, connection: 'close' });
          response.end(Buffer.concat(parts));
        });
      });
      upstream.on('error', () => request.socket.destroy());
      upstream.end(body);
    });
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const proxy = {
    origin,
    url: `${origin}/feedback`,
    posts,
    answers,
    loseNext(n) {
      losing = n;
    },
    fail(on) {
      failing = on;
    },
    hold(ms) {
      holding = ms;
    },
    close: () => new Promise((done) => {
      server.close(done);
      server.closeAllConnections();
    }),
  };
  later(() => proxy.close());
  return proxy;
}

/** The host pages: `WIDGETS` widgets posting to `feedbackUrl`, and a page of two frames of it. */
async function startHost(feedbackUrl) {
  const elements = Array.from({ length: WIDGETS }, (_, i) => `<nhs-login-help id="fb-${i}" error="${CODES[i % CODES.length]}" feedback-url="${feedbackUrl}"></nhs-login-help>`).join('\n');
  const page = (body, withWidget = true) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner service</title>
${withWidget ? `<script type="module" src="${widget.origin}/nhs-login-help.js"></script>` : ''}</head>
<body><main><h1>Partner service</h1>${body}</main></body></html>`;
  const host = await servePages(
    {
      '/favicon.ico': { body: '', type: 'image/x-icon' },
      '/answers.html': { body: page(elements) },
      '/two-frames.html': { body: page('<iframe title="first" src="/answers.html"></iframe><iframe title="second" src="/answers.html"></iframe>', false) },
    },
    {
      'content-security-policy': `default-src 'self'; script-src 'self' ${widget.origin} 'wasm-unsafe-eval'; `
        + `style-src 'self' ${widget.origin}; connect-src 'self' ${new URL(feedbackUrl).origin}`,
    },
  );
  later(() => host.close());
  return host;
}

/** Every stored answer, read through the receiver's CSV export: `[{ id, reference, helpful, comment, origin }]`. */
async function stored(receiver) {
  const response = await fetch(`${receiver.origin}/explorer/feedback.csv`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200);
  const [header, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

/** RFC 4180, as the receiver writes it (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function until(condition, what, timeout = 20000, state = async () => '') {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} ${await state()}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

/** The ids waiting in the page's queue (in storage: every page and frame of the origin shares it). */
async function queuedIds(page) {
  const stored = await page.evaluate((key) => localStorage.getItem(key), QUEUE_KEY);
  return stored ? stored.split('\n').map((line) => JSON.parse(line)).map((entry) => ({ id: entry.id, attempts: entry.attempts })) : [];
}

/** Opens the host page in a fresh context and waits for its widgets. */
async function open(host, path = '/answers.html') {
  const watched = await watchedPage(browser);
  later(() => watched.context.close());
  await watched.page.goto(`${host.origin}${path}`);
  await watched.page.locator('nhs-login-help .nhs-login-help__feedback').first().waitFor();
  return watched;
}

/** Answers widget `i` as a person does, each step once the last one shows: Yes for even i, No with a comment for odd i. */
async function answer(page, i) {
  const form = page.locator(`#fb-${i}`);
  if (i % 2 === 0) {
    await form.getByRole('button', { name: 'Yes' }).click();
  } else {
    await form.getByRole('button', { name: 'No' }).click();
    await form.getByRole('textbox').fill(`Answer ${i}: <b>bold</b> '); DROP TABLE feedback; -- call 07700 900123`);
    await form.getByRole('button', { name: 'Send feedback' }).click();
  }
  await focusedIn(page, `fb-${i}`, '.nhs-login-help__thanks');
}

/** Reloads and waits for the widgets, which send whatever is queued as they start. */
async function reload(page) {
  await page.reload();
  await page.locator('nhs-login-help .nhs-login-help__feedback').first().waitFor();
}

/**
 * The test's verdict: `given` answers were given; afterwards each is stored exactly once, none is
 * missing, the queue is empty, and each stored row is what its widget said.
 */
async function assertEachStoredOnce(receiver, page, given, host) {
  await until(async () => (await queuedIds(page)).length === 0, 'an empty queue', 30000);
  const rows = await stored(receiver);
  const ids = rows.map((row) => row.id);
  const report = { engine: ENGINE, given, stored: rows.length, distinct: new Set(ids).size };
  console.log(`receiver-loop: ${JSON.stringify(report)}`);
  assert.equal(new Set(ids).size, ids.length, 'no id stored twice');
  assert.equal(rows.length, given, 'none lost, none stored twice');
  for (const row of rows) {
    assert.equal(row.origin, host.origin);
    assert.ok(CODES.includes(row.reference), row.reference);
    if (row.helpful === 'no') assert.match(row.comment, /^Answer \d+: <b>bold<\/b> '\); DROP TABLE feedback; -- call \[removed\]$/);
  }
  return rows;
}

test('every answer is stored exactly once, as the widget sent it', async () => {
  const port = await freePort();
  const host = await startHost(`http://127.0.0.1:${port}/feedback`);
  const receiver = await startReceiver({ database: `sqlite:${join(scratch, 'plain.sqlite3')}`, port, origins: [host.origin] });
  const { page, problems } = await open(host);
  for (let i = 0; i < WIDGETS; i += 1) await answer(page, i);
  await assertEachStoredOnce(receiver, page, WIDGETS, host);
  assert.deepEqual(problems, []);
});

test('the database stopped mid-run and started again: each answer stored once (PostgreSQL)', async () => {
  const postgres = await startPostgres();
  const port = await freePort();
  const host = await startHost(`http://127.0.0.1:${port}/feedback`);
  const receiver = await startReceiver({ database: postgres.url, port, origins: [host.origin] });
  const { page } = await open(host);
  const half = WIDGETS / 2;
  for (let i = 0; i < half; i += 1) await answer(page, i);
  await until(async () => (await stored(receiver)).length === half, 'the first half stored');

  postgres.stopServer();
  assert.equal((await fetch(`${receiver.origin}/readyz`)).status, 503, 'not ready without its database');
  for (let i = half; i < WIDGETS; i += 1) await answer(page, i);
  // The receiver answers 503 (worth retrying) once its pool gives up; the widget keeps each.
  await until(async () => {
    const queue = await queuedIds(page);
    return queue.length === half && queue.every((entry) => entry.attempts >= 1);
  }, 'the second half queued after a failed attempt', 30000);

  postgres.startServer();
  await until(async () => (await fetch(`${receiver.origin}/readyz`)).status === 200, 'ready again');
  await reload(page);
  await assertEachStoredOnce(receiver, page, WIDGETS, host);
});

test('the SQLite file locked by another process mid-run: each answer stored once', async () => {
  const file = join(scratch, 'locked.sqlite3');
  const port = await freePort();
  const host = await startHost(`http://127.0.0.1:${port}/feedback`);
  const receiver = await startReceiver({ database: `sqlite:${file}`, port, origins: [host.origin] });
  const { page } = await open(host);
  const half = WIDGETS / 2;
  for (let i = 0; i < half; i += 1) await answer(page, i);
  await until(async () => (await stored(receiver)).length === half, 'the first half stored');

  // Another program holds SQLite's write lock, as a backup or a migration might.
  const locker = spawn('sqlite3', [file], { stdio: ['pipe', 'ignore', 'inherit'] });
  locker.stdin.write('PRAGMA busy_timeout = 5000; BEGIN EXCLUSIVE; SELECT 1;\n');
  await new Promise((wait) => setTimeout(wait, 500));
  for (let i = half; i < WIDGETS; i += 1) await answer(page, i);
  await until(async () => {
    const queue = await queuedIds(page);
    return queue.length === half && queue.every((entry) => entry.attempts >= 1);
  }, 'the second half queued after a failed attempt', 30000);

  locker.stdin.end('ROLLBACK;\n');
  await new Promise((exit) => locker.once('exit', exit));
  await reload(page);
  await assertEachStoredOnce(receiver, page, WIDGETS, host);
});

test('the receiver killed mid-run and restarted: each answer stored once', async () => {
  const file = join(scratch, 'killed.sqlite3');
  const port = await freePort();
  const host = await startHost(`http://127.0.0.1:${port}/feedback`);
  const first = await startReceiver({ database: `sqlite:${file}`, port, origins: [host.origin] });
  const { page } = await open(host);
  const third = WIDGETS / 3;
  for (let i = 0; i < third; i += 1) await answer(page, i);
  await until(async () => (await stored(first)).length === third, 'the first third stored');
  // The next third is given as the receiver dies: some may be stored without an answer getting back.
  for (let i = third; i < 2 * third; i += 1) {
    await answer(page, i);
    if (i === third + 1) first.kill('SIGKILL');
  }
  assert.equal((await first.stopped).signal, 'SIGKILL');
  // The last third while nothing listens.
  for (let i = 2 * third; i < WIDGETS; i += 1) await answer(page, i);
  await until(async () => (await queuedIds(page)).filter((entry) => entry.attempts >= 1).length >= third, 'answers queued after failed attempts');

  const second = await startReceiver({ database: `sqlite:${file}`, port, origins: [host.origin] });
  await reload(page);
  await assertEachStoredOnce(second, page, WIDGETS, host);
});

test('a response lost after the write: the retry is a duplicate the receiver answers 200, stored once', async () => {
  const port = await freePort();
  const proxy = await startProxy(`http://127.0.0.1:${port}`);
  const host = await startHost(proxy.url);
  const receiver = await startReceiver({ database: `sqlite:${join(scratch, 'lost.sqlite3')}`, port, origins: [host.origin] });
  const { page } = await open(host);
  const lost = 5;
  proxy.loseNext(lost);
  for (let i = 0; i < WIDGETS; i += 1) await answer(page, i);
  // Every answer reached the database, but the widget heard nothing back for five of them.
  await until(async () => (await stored(receiver)).length === WIDGETS, 'every answer stored');
  await until(async () => (await queuedIds(page)).filter((entry) => entry.attempts >= 1).length === lost, 'the five kept for a retry');
  await reload(page);
  await assertEachStoredOnce(receiver, page, WIDGETS, host);
  assert.equal(proxy.posts.length, WIDGETS + lost, 'the five were sent twice');
  assert.deepEqual([...proxy.answers].sort(), [...Array(lost).fill(200), ...Array(WIDGETS).fill(201)].sort(), 'each stored once (201), each retry 200');
});

test('two tabs retrying together: each queued answer stored once', async () => {
  const port = await freePort();
  const proxy = await startProxy(`http://127.0.0.1:${port}`);
  const host = await startHost(proxy.url);
  const receiver = await startReceiver({ database: `sqlite:${join(scratch, 'tabs.sqlite3')}`, port, origins: [host.origin] });
  // The answers are given while the endpoint fails, so all wait in the origin's shared queue.
  proxy.fail(true);
  const { context, page } = await open(host);
  for (let i = 0; i < WIDGETS; i += 1) await answer(page, i);
  await until(async () => {
    const queue = await queuedIds(page);
    return queue.length === WIDGETS && queue.every((entry) => entry.attempts >= 1);
  }, 'every answer queued after a failed attempt', 20000, async () => JSON.stringify({ queue: await queuedIds(page), posts: proxy.posts.length }));

  // A second tab opens while the endpoint still fails: it tries the queue too, and fails.
  const triedBefore = new Map((await queuedIds(page)).map((entry) => [entry.id, entry.attempts]));
  let online;
  if (ENGINE === 'webkit') {
    // The WebKit driver shows one window per session, and a new session has storage of its own,
    // so here the two tabs are two same-origin frames of one page, which share the queue as
    // tabs do.
    await page.goto(`${host.origin}/two-frames.html`);
    online = () => page.evaluate(() => {
      for (const frame of document.querySelectorAll('iframe')) frame.contentWindow.dispatchEvent(new Event('online'));
    });
  } else {
    const second = await context.newPage();
    await second.goto(`${host.origin}/answers.html`);
    online = () => Promise.all([page, second].map((tab) => tab.evaluate(() => window.dispatchEvent(new Event('online')))));
  }
  const tabs = ENGINE === 'webkit' ? 2 : 1;
  // Each new tab has had every attempt fail (counted in the shared queue), so none is still on
  // its way when the connection comes back (it would fail then, and wait its backoff).
  await until(async () => {
    const queue = await queuedIds(page);
    return queue.length === WIDGETS && queue.every((entry) => entry.attempts >= triedBefore.get(entry.id) + tabs);
  }, 'the new tab trying every queued answer, and failing');

  // The connection comes back in both tabs at once; each sends everything queued. Each answer
  // takes a moment to get through, so the two tabs' copies reach the receiver together.
  proxy.fail(false);
  proxy.hold(300);
  const failedSoFar = proxy.posts.length;
  const answeredSoFar = proxy.answers.length;
  await online();
  await until(async () => (await stored(receiver)).length === WIDGETS, 'every answer stored');
  // One copy of each answer is through; the other tab's copies may still be waiting for a
  // connection (six per host). Once nothing more arrives, the page loads again, which sends
  // whatever is left: two tabs (processes of their own) that take answers out of the queue at
  // the same moment can each write back one the other took out (localStorage has no lock), so
  // a delivered answer may wait for the next load or 'online', sent again and answered 200.
  let seen = -1;
  await until(async () => {
    const now = proxy.posts.length;
    const quiet = now === seen;
    seen = now;
    if (!quiet) await new Promise((wait) => setTimeout(wait, 1500));
    return quiet;
  }, 'no more answers arriving');
  // (WebKit's two tabs are frames of one page, in one process: one writes at a time.)
  if (ENGINE !== 'webkit') await reload(page);
  await assertEachStoredOnce(receiver, page, WIDGETS, host);
  const sent = proxy.posts.slice(failedSoFar);
  const repeats = sent.length - new Set(sent).size;
  console.log(`receiver-loop: two tabs sent ${sent.length} POSTs for ${WIDGETS} queued answers (${repeats} sent by both)`);
  assert.equal(new Set(sent).size, WIDGETS, 'every queued answer was sent');
  assert.ok(repeats > 0, 'both tabs sent queued answers, together');
  const statuses = proxy.answers.slice(answeredSoFar);
  assert.deepEqual(
    [statuses.filter((status) => status === 201).length, statuses.filter((status) => status === 200).length, statuses.length],
    [WIDGETS, repeats, sent.length],
    `one 201 per answer, 200 for each copy, nothing else: ${statuses}`,
  );
});
