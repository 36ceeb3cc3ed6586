// "Was this helpful?" end to end: the embedded widget on a host page of another origin (strict
// CSP that allows only the feedback endpoint to be fetched) sends answers to a test receiver on a
// third origin. Checks the exact payload, no cookies, scrubbing, retries after failures and
// reloads with each answer arriving exactly once, a 400 dropped, a hanging endpoint timed out
// and queued, and axe-core in every state of the form.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { refuseStorage, script, serveDirectory, servePages, strictPolicy } from './server.mjs';
import { startReceiver } from './receiver.mjs';
import { axeViolations, consoleWarnings, focusedIn, lacks, launchBrowser, until, watchedPage } from './browser.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';
const QUEUE_KEY = 'nhs-login-help:feedback-queue';
const CODES = ['CID1111', 'CID2011', 'CID2012', 'CID2014', 'CID3002', 'CID3003', 'CID7023', 'CID7029'];

let widget;
let receiver;
let host;
let browser;

/** A host page with `elements`, after `scripts` of its own origin. */
function page(elements, scripts = []) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner service</title>
${scripts.map((src) => `<script src="${src}"></script>`).join('')}<script type="module" src="${widget.origin}/nhs-login-help.js"></script></head>
<body><main><h1>Partner service</h1>${elements}</main></body>
</html>`;
}

before(async () => {
  widget = await serveDirectory(DIST, { cors: true });
  receiver = await startReceiver();
  const element = (id, code) => `<nhs-login-help id="${id}" error="${code}" feedback-url="${receiver.url}"></nhs-login-help>`;
  const twenty = Array.from({ length: 20 }, (_, i) => element(`fb-${i}`, CODES[i % CODES.length])).join('\n');
  host = await servePages(
    {
      '/one.html': { body: page(element('fb', 'CID7023')) },
      '/twenty.html': { body: page(twenty) },
      '/without-storage.html': { body: page(element('fb', 'CID7023'), ['/refuse-storage.js']) },
      '/without-random-uuid.html': { body: page(twenty, ['/delete-random-uuid.js']) },
      '/refuse-storage.js': script(refuseStorage),
      '/delete-random-uuid.js': script(deleteRandomUuid),
      '/favicon.ico': { body: '', type: 'image/x-icon' },
    },
    {
      'content-security-policy': strictPolicy(widget.origin, { connect: new URL(receiver.url).origin }),
    },
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all([widget?.close(), receiver?.close(), host?.close()]);
});

beforeEach(() => receiver.reset());

/** No `crypto.randomUUID`, as on a page that is not a secure context. */
function deleteRandomUuid() {
  delete Crypto.prototype.randomUUID;
}

/** Opens a host page (one browser context per test, so storage starts empty) with a cookie set. */
async function open(path) {
  const watched = await watchedPage(browser);
  const warnings = consoleWarnings(watched.page);
  await watched.page.goto(`${host.origin}${path}`);
  await watched.page.evaluate(() => { document.cookie = 'session=secret; path=/'; });
  await watched.page.locator('nhs-login-help .nhs-login-help__feedback').first().waitFor();
  return { ...watched, warnings };
}

const queued = (page) => page.evaluate((key) => localStorage.getItem(key), QUEUE_KEY);

/** The failed attempts of the first queued answer (the stored form is one JSON object per line). */
const attemptsOfFirst = async (page) => {
  const [first] = (await queued(page))?.split('\n') ?? [];
  return first === undefined ? undefined : JSON.parse(first).attempts;
};

test('a vote arrives once, with exactly the documented payload and no cookie', async () => {
  const { context, page, problems } = await open('/one.html');
  const before = Date.now();
  await page.locator('#fb').getByRole('button', { name: 'Yes' }).click();
  await until(() => receiver.received.length === 1, 'the vote');
  const [{ body, headers }] = receiver.received;
  assert.deepEqual(Object.keys(body), ['id', 'article', 'placement', 'reference', 'helpful', 'comment', 'version', 'origin', 'timestamp']);
  assert.match(body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const version = await page.locator('#fb').evaluate((el) => el.version);
  assert.deepEqual({ ...body, id: 'x', timestamp: 'x' }, {
    id: 'x', article: 'cannot-connect-to-gp-system', placement: 'page', reference: 'CID7023', helpful: true, comment: null,
    version, origin: host.origin, timestamp: 'x',
  });
  assert.equal(version, '0.1.0');
  const at = Date.parse(body.timestamp);
  assert.ok(at >= before - 1000 && at <= Date.now() + 1000, body.timestamp);
  assert.equal(headers['content-type'], 'application/json');
  assert.equal(headers.cookie, undefined, 'no cookies');
  // The thanks takes the focus on the frame after it renders (components/feedback.rs).
  await page.waitForFunction(() => document.querySelector('#fb').shadowRoot.activeElement?.textContent === 'Thank you for your feedback.');
  await page.waitForTimeout(300);
  assert.equal(receiver.received.length, 1, 'once');
  assert.equal(await queued(page), null, 'nothing left queued');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with the first 3 attempts failing, all 20 answers arrive exactly once after a reload', async () => {
  receiver.failNext(3);
  const first = await open('/twenty.html');
  // As a person would: each answer thanked before the next. Each thanks is shorter than the
  // question it replaces, so the elements below move up, and WebKit's driver clicks at where an
  // element was: a click sent while the page still moved could find no button.
  for (let i = 0; i < 20; i += 1) {
    await first.page.locator(`#fb-${i}`).getByRole('button', { name: 'Yes' }).click();
    await focusedIn(first.page, `fb-${i}`, '.nhs-login-help__thanks');
  }
  await until(() => receiver.received.length === 17, '17 answers');
  await until(async () => (await queued(first.page))?.split('\n').length === 3, '3 answers queued');

  await first.page.reload();
  await first.page.locator('nhs-login-help .nhs-login-help__feedback').first().waitFor();
  await until(() => receiver.received.length === 20, 'all 20 answers');
  await until(async () => (await queued(first.page)) === null, 'an empty queue');
  const ids = receiver.received.map(({ body }) => body.id);
  assert.equal(new Set(ids).size, 20, 'each answer exactly once');
  await first.page.waitForTimeout(300);
  assert.equal(receiver.received.length, 20, 'and no more');
  await first.context.close();
});

test('an answer the endpoint refuses with 400 is dropped with a warning', async () => {
  receiver.rejectNext(400);
  const { context, page, warnings } = await open('/one.html');
  await page.locator('#fb').getByRole('button', { name: 'Yes' }).click();
  await until(() => warnings.some((w) => w.includes('feedback refused (400)')), 'the warning');
  assert.equal(await queued(page), null, 'not queued for ever');
  assert.equal(receiver.received.length, 0);
  await context.close();
});

test('an endpoint that answers 429 with Retry-After: 1 gets the answer a second later, not after the 30 s backoff', async () => {
  receiver.rejectNext(429, 1, { 'retry-after': '1' });
  const { context, page, problems } = await open('/one.html');
  await page.locator('#fb').getByRole('button', { name: 'Yes' }).click();
  await until(() => receiver.received.length === 1, 'the answer after the wait the endpoint asked for', 10000);
  await until(async () => (await queued(page)) === null, 'an empty queue');
  assert.deepEqual(problems.filter((p) => !p.includes('429')), []);
  await context.close();
});

test('a hanging endpoint times out; the answer stays queued and goes on the next load', async () => {
  receiver.hang(true);
  const { context, page } = await open('/one.html');
  await page.locator('#fb').getByRole('button', { name: 'Yes' }).click();
  await until(async () => (await attemptsOfFirst(page)) === 1, 'one failed attempt recorded', 10000);
  assert.equal(receiver.received.length, 0);
  receiver.hang(false);
  await page.reload();
  await until(() => receiver.received.length === 1, 'the answer after the reload');
  await until(async () => (await queued(page)) === null, 'an empty queue');
  await context.close();
});

test('a comment is scrubbed of email, phone and NHS numbers, and the person is told', async () => {
  const { context, page, problems } = await open('/one.html');
  const form = page.locator('#fb');
  await form.getByRole('button', { name: 'No' }).click();
  await form.getByRole('textbox', { name: 'What was missing or unclear? (optional)' }).fill(
    'Email jo.bloggs@example.com or call 07700 900123. NHS number 943 476 5919, not 1234567890.',
  );
  await form.getByRole('button', { name: 'Send feedback' }).click();
  await until(() => receiver.received.length === 1, 'the answer');
  const { body } = receiver.received[0];
  assert.equal(body.helpful, false);
  assert.equal(body.comment, 'Email [removed] or call [removed]. NHS number [removed], not 1234567890.');
  assert.match(await form.locator('.nhs-login-help__feedback').textContent(), /We removed what looked like personal details/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('axe-core finds no violations in any state of the form', async () => {
  const { context, page } = await open('/one.html');
  const form = page.locator('#fb');
  assert.deepEqual(await axeViolations(page), [], 'asking');
  await form.getByRole('button', { name: 'No' }).click();
  await form.getByRole('textbox').fill('It did not say what to do if my GP surgery has closed.');
  assert.deepEqual(await axeViolations(page), [], 'commenting');
  await form.getByRole('button', { name: 'Send feedback' }).click();
  await form.locator('.nhs-login-help__thanks').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'thanked');
  await context.close();
});

test('offline, the answer waits in the queue and goes when the browser is back online', { skip: lacks('offline') }, async () => {
  const { context, page } = await open('/one.html');
  // The page fetches the wasm on an idle moment (without running it), so it is here for an
  // answer given after the connection has gone.
  await page.waitForFunction(() => performance.getEntriesByType('resource').filter((r) => /nhs-login-help-[0-9a-f]+(_bg\.wasm)?\.js$/.test(r.name)).length === 2);
  await context.setOffline(true);
  await page.locator('#fb').getByRole('button', { name: 'Yes' }).click();
  await until(async () => (await attemptsOfFirst(page)) === 1, 'a failed attempt recorded');
  assert.equal(receiver.received.length, 0);
  await context.setOffline(false);
  await until(() => receiver.received.length === 1, 'the answer once online');
  await until(async () => (await queued(page)) === null, 'an empty queue');
  await context.close();
});

test('without usable storage (private mode, a full quota) the answer is still sent and nothing breaks', async () => {
  const { context, page, problems } = await open('/without-storage.html');
  assert.equal(await page.evaluate(() => { try { return localStorage && 'usable'; } catch (error) { return error.name; } }), 'SecurityError');
  await page.locator('#fb').getByRole('button', { name: 'Yes' }).click();
  await until(() => receiver.received.length === 1, 'the answer');
  await page.locator('#fb .nhs-login-help__thanks').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('where crypto.randomUUID is missing (a page that is not a secure context), ids are still random version 4 UUIDs', async () => {
  const { context, page } = await open('/without-random-uuid.html');
  assert.equal(await page.evaluate(() => 'randomUUID' in crypto), false);
  for (const i of [0, 1]) {
    await page.locator(`#fb-${i}`).getByRole('button', { name: 'Yes' }).click();
    await focusedIn(page, `fb-${i}`, '.nhs-login-help__thanks');
  }
  await until(() => receiver.received.length === 2, 'both answers');
  const ids = receiver.received.map(({ body }) => body.id);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(ids[0], ids[1]);
  await context.close();
});
