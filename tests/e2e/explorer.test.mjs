// The feedback explorer as a content designer uses it, in each engine: signing in once with the
// token (keyboard only), a filtered view of one article with its share, chart and comments (a
// hostile comment shown as text), the CSV of what the filter shows, at 320 px, and axe-core
// finding nothing in any state. The receiver is the real binary on 127.0.0.1 over an SQLite file,
// seeded through its own API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, launchBrowser, tabTo, watchedPage } from './browser.mjs';
import { builtReceiver, spawnReceiver } from './receiver.mjs';

let RECEIVER;
const TOKEN = 'e2e-explorer-token-0123456789';
const PARTNER = 'https://partner.example';
const GALLERY = 'https://widget.example/gallery.html';
const HOSTILE = '<img src=x onerror="window.injected=1">Broken <script>window.injected=2</script>';

let receiver;
let browser;
let scratch;

/** One answer through the API, as a partner's widget sends it. */
async function post(n, { article, helpful, comment = null, origin = PARTNER, timestamp, reference = null, placement = 'page' }) {
  const body = {
    id: `5a5a5a5a-5a5a-4a5a-9a5a-${String(n).padStart(12, '0')}`,
    article, placement, reference, helpful, comment, version: '0.1.0', origin, timestamp,
  };
  const response = await fetch(`${receiver.origin}/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(response.status, 201, await response.text());
}

before(async () => {
  RECEIVER = builtReceiver();
  scratch = await mkdtemp(join(tmpdir(), 'explorer-e2e-'));
  receiver = await spawnReceiver(RECEIVER, { DATABASE_URL: `sqlite:${join(scratch, 'feedback.sqlite3')}`, EXPLORER_TOKEN: TOKEN, GALLERY_URL: GALLERY, ALLOWED_ORIGINS: PARTNER });
  const gp = 'cannot-connect-to-gp-system';
  await post(1, { article: gp, reference: 'CID7023', helpful: true, timestamp: '2026-11-01T08:00:00.000Z' });
  await post(2, { article: gp, reference: 'CID7023', helpful: false, comment: 'Older: it did not say what to do next', timestamp: '2026-11-02T08:00:00.000Z' });
  await post(3, { article: gp, reference: 'CID7029', helpful: false, comment: HOSTILE, timestamp: '2026-11-05T10:30:00.000Z', placement: 'inline' });
  await post(4, { article: gp, reference: 'CID7023', helpful: true, comment: '=HYPERLINK("https://evil.example","click")', timestamp: '2026-11-06T10:30:00.000Z' });
  await post(5, { article: gp, helpful: false, comment: 'From another partner', origin: 'https://other.example', timestamp: '2026-11-05T11:00:00.000Z' });
  await post(6, { article: 'nhsmail-login', helpful: true, comment: 'Another article', timestamp: '2026-11-05T12:00:00.000Z' });
  await post(7, { article: gp, helpful: true, comment: 'Outside the dates', timestamp: '2026-10-20T12:00:00.000Z' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/**
 * What must never happen on the explorer's pages: `watchedPage`'s problems, less the console's
 * note of the sign-in page's own 401 status, which is the point of that page.
 */
const realProblems = (problems) => problems.filter((problem) => !/status of 401|401 \(Unauthorized\)/.test(problem));

/** A session cookie, from signing in as a browser does (a form POST). */
async function sessionCookie() {
  const response = await fetch(`${receiver.origin}/explorer/sign-in`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${TOKEN}`,
  });
  assert.equal(response.status, 303);
  return response.headers.get('set-cookie').split(';')[0];
}

/** Opens the explorer and signs in with the keyboard: Tab to the token field, type it, Enter. */
async function signIn() {
  const watched = await watchedPage(browser);
  const { page } = watched;
  await page.goto(`${receiver.origin}/explorer`);
  await page.locator('h1').waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Sign in to the feedback explorer');
  const field = await tabTo(page, (focus) => focus.tag === 'input');
  assert.ok(field.indicator, 'the token field shows its focus');
  await page.keyboard.type(TOKEN);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Feedback explorer');
  return watched;
}

/** The filter form filled in as a designer would, then submitted with its button. */
async function filter(page, { article = '', from = '', to = '', origin = '', placement = '' }) {
  await page.evaluate((values) => {
    for (const [name, value] of Object.entries(values)) document.getElementById(name).value = value;
  }, { article, from, to, origin, placement });
  await page.getByRole('button', { name: 'Show answers' }).click();
  await page.waitForFunction((wanted) => new URL(location.href).searchParams.get('to') === wanted, to);
}

test('the sign-in page is accessible, refuses a wrong token, and the session cookie is out of scripts’ reach', async () => {
  const { context, page, problems } = await watchedPage(browser);
  await page.goto(`${receiver.origin}/explorer`);
  await page.locator('h1').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'asking for the token');
  assert.equal(await page.locator('main').textContent().then((text) => text.includes('Older')), false, 'no data');
  await page.locator('#token').fill('not-the-token-at-all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.error-summary').waitFor();
  assert.match(await page.title(), /^Error: /);
  assert.deepEqual(await axeViolations(page), [], 'with the error');
  await context.close();

  const signedIn = await signIn();
  assert.equal(await signedIn.page.evaluate(() => document.cookie), '', 'HttpOnly: no script sees the session');
  assert.deepEqual(realProblems(problems), []);
  assert.deepEqual(realProblems(signedIn.problems), []);
  await signedIn.context.close();
});

test('a designer’s filtered view: one article, its share, chart and comments newest first, hostile text shown as text', async () => {
  const { context, page, problems } = await signIn();
  assert.deepEqual(await axeViolations(page), [], 'everything');
  await filter(page, { article: 'cannot-connect-to-gp-system', from: '2026-11-01', to: '2026-11-30', origin: PARTNER });
  assert.equal(await page.locator('#results-title').textContent(), '4 answers, 2 of 4 (50%) helpful');
  const section = page.locator('#article-cannot-connect-to-gp-system');
  assert.equal(await section.locator('h2').textContent(), 'Unable to connect to your GP surgery’s system');
  assert.match(await section.locator('.summary-list').textContent(), /CID7023/);
  assert.equal(await section.getByRole('link', { name: /in the gallery/ }).getAttribute('href'), `${GALLERY}#cannot-connect-to-gp-system`);
  assert.equal(await section.locator('svg[role="img"] rect').count() > 0, true, 'a chart with bars');
  const comments = await section.locator('.comment__text').allTextContents();
  assert.deepEqual(comments, ['=HYPERLINK("https://evil.example","click")', HOSTILE, 'Older: it did not say what to do next'], 'newest first, as text');
  assert.equal(await page.evaluate(() => window.injected ?? null), null, 'no markup from a comment ran');
  assert.equal(await section.locator('.comment img, .comment script').count(), 0, 'no element from a comment');
  assert.equal(await page.locator('#article-nhsmail-login').count(), 0, 'other articles filtered out');
  assert.deepEqual(await axeViolations(page), [], 'filtered');
  // The figures as a table, opened from the keyboard.
  const summary = await tabTo(page, (focus) => focus.tag === 'summary');
  assert.ok(summary.indicator, 'the table’s summary shows its focus');
  await page.keyboard.press('Enter');
  assert.deepEqual(await axeViolations(page), [], 'with the figures open');
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('the CSV is what the filter shows, with formulas neutralised', async () => {
  const { context, page } = await signIn();
  await filter(page, { article: 'cannot-connect-to-gp-system', from: '2026-11-01', to: '2026-11-30', origin: PARTNER });
  const href = await page.getByRole('link', { name: 'Download these 4 answers as CSV' }).getAttribute('href');
  assert.equal(href, '/explorer/feedback.csv?article=cannot-connect-to-gp-system&from=2026-11-01&to=2026-11-30&origin=https%3A%2F%2Fpartner.example');
  // The explorer's CSP lets no script fetch, so the link is followed as a download would be: with
  // a session cookie, outside the page.
  const response = await fetch(`${receiver.origin}${href}`, { headers: { cookie: await sessionCookie() } });
  assert.equal(response.headers.get('content-disposition')?.startsWith('attachment;'), true);
  const csv = await response.text();
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'id,answered_at,article,title,reference,helpful,comment,version,origin,placement,received_at');
  assert.equal(lines.length, 5, csv);
  assert.ok(lines[1].includes('"\'=HYPERLINK(""https://evil.example"",""click"")"'), lines[1]);
  assert.ok(lines.every((line) => !line.includes('other.example') && !line.includes('Outside the dates')), csv);
  await context.close();
});

test('by how the help was shown: only the answers given in an inline panel', async () => {
  const { context, page, problems } = await signIn();
  await filter(page, { article: 'cannot-connect-to-gp-system', placement: 'inline' });
  assert.equal(await page.locator('#results-title').textContent(), '1 answers, 0 of 1 (0%) helpful');
  assert.match(await page.locator('.results__filter').textContent(), /shown as an inline panel/);
  assert.equal(await page.getByRole('combobox', { name: 'Shown as' }).inputValue(), 'inline');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(realProblems(problems), []);
  await context.close();
});

test('at 320 px the explorer fits the screen and stays accessible', async () => {
  const { context, page } = await signIn();
  await page.setViewportSize({ width: 320, height: 640 });
  await filter(page, { article: 'cannot-connect-to-gp-system' });
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: innerWidth }));
  assert.ok(widths.page <= widths.window, `no sideways scrolling: ${JSON.stringify(widths)}`);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('signing out ends the session', async () => {
  const { context, page } = await signIn();
  const focus = await tabTo(page, (f) => f.tag === 'button' && f.text === 'Sign out');
  assert.ok(focus.indicator);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Sign in to the feedback explorer');
  await page.goto(`${receiver.origin}/explorer`);
  assert.equal(await page.locator('h1').textContent(), 'Sign in to the feedback explorer', 'the session is over');
  await context.close();
});
