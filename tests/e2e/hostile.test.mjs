// Hostile and odd input in every place the widget reads a reference. Each case must end in the
// right article, the unknown-reference fallback or (where nothing is a reference) the topics —
// with no uncaught error, no console error, no dialog, and the sentinel an injected script would
// set still unset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedWidget } from './fixture.mjs';
import { axeViolations, openWidget } from './browser.mjs';

const SENTINEL = 'window.__pwned=1';
const GENERIC_CONTACT = 'https://help.login.nhs.uk/contact';

const widget = servedWidget();

const enc = encodeURIComponent;
const script = `<script>${SENTINEL}</script>`;
const img = `<img src=x onerror="${SENTINEL};alert(1)">`;
const svg = `<svg onload="${SENTINEL}">`;

/** [name, path, expected] where expected is { article } | { fallback, contact } | { topics }. */
const CASES = [
  ['script tag in error', `/?error=${enc(script)}`, { fallback: script, contact: GENERIC_CONTACT }],
  ['img onerror in error', `/?error=${enc(img)}`, { fallback: '<img src=x onerror="window.__pwned=1;ale…', contact: GENERIC_CONTACT }],
  ['unencoded markup in error', `/?error=${img}`, { fallback: '<img src=x onerror="window.__pwned=1;ale…', contact: GENERIC_CONTACT }],
  ['svg onload in error_description', `/?error=access_denied&error_description=${enc(svg)}`, { fallback: 'access_denied', contact: GENERIC_CONTACT }],
  ['markup around a code in error_description', `/?error_description=${enc(`${script} CID3003 ${img}`)}`, { article: 'The link to cancel the update to your phone number has already been used' }],
  // A fragment is `#<reference>/<section>`, so the text stops at the first slash.
  ['script after CID in the fragment', `/#CID${enc(script)}`, { fallback: 'CID<script>window.__pwned=1<', contact: GENERIC_CONTACT }],
  ['markup in the fragment (not a reference: a page anchor)', `/#${enc(img)}`, { topics: true }],
  ['javascript: URL text in error', `/?error=${enc('javascript:alert(1)')}`, { fallback: 'javascript:alert(1)', contact: GENERIC_CONTACT }],
  ['a 100 kB value', `/?error=${'A'.repeat(100_000)}`, { fallback: `${'A'.repeat(40)}…`, contact: GENERIC_CONTACT }],
  ['1,000 repeated error parameters', `/?${Array(1000).fill('error=CID2012').join('&')}`, { article: 'Your NHS login may have been disabled' }],
  ['1,000 repeated hostile error parameters', `/?${Array(1000).fill(`error=${enc(script)}`).join('&')}`, { fallback: script, contact: GENERIC_CONTACT }],
  ['right-to-left override before a code', `/?error=${enc('\u202ECID7023')}`, { article: 'Unable to connect to your GP surgery’s system' }],
  ['right-to-left override in junk', `/?error=${enc('abc\u202Edef')}`, { fallback: 'abcdef', contact: GENERIC_CONTACT }],
  ['zero-width characters inside a code', `/?error=${enc('CI\u200BD\u200D70\u200C23')}`, { article: 'Unable to connect to your GP surgery’s system' }],
  ['emoji', `/?error=${enc('😀 CID 7023 🎉')}`, { fallback: '😀 CID 7023 🎉', contact: GENERIC_CONTACT }],
  ['broken percent-encoding', '/?error=%E0%A4%A', { fallback: '\uFFFD%A', contact: GENERIC_CONTACT }],
  ['broken percent-encoding in the fragment', '/#CID%E0%A4%A', { fallback: 'CID\uFFFD%A', contact: GENERIC_CONTACT }],
  ['a well-formed code we have no article for', '/?error=CID-9999', { fallback: 'CID9999', contact: `${GENERIC_CONTACT}?error=CID9999` }],
  ['an empty value', '/?error=', { topics: true }],
];

for (const [name, path, expected] of CASES) {
  test(`${name.slice(0, 80)}: ${expected.article ? 'the article' : expected.topics ? 'the topics' : 'the fallback'}, nothing executed`, async () => {
    const { context, page, problems } = await openWidget(widget.browser, `${widget.origin}${path}`);
    if (expected.article) {
      assert.equal(await page.locator('h1').textContent(), expected.article);
    } else if (expected.topics) {
      assert.equal(await page.locator('h1').textContent(), 'Error messages and support');
    } else {
      assert.equal(await page.locator('h1').textContent(), 'Sorry, we could not find that help');
      assert.equal(await page.locator('.nhs-login-help__given').textContent(), expected.fallback);
      assert.equal(await page.getByRole('link', { name: 'contact us' }).getAttribute('href'), expected.contact);
      assert.equal(await page.locator('nav a').count(), 11, 'the topics follow');
    }
    const injected = await page.evaluate(() => ({
      sentinel: window.__pwned,
      elements: document.querySelectorAll('main img, main script, main svg, main iframe').length,
      javascriptLinks: [...document.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript:')).length,
    }));
    assert.deepEqual(injected, { sentinel: undefined, elements: 0, javascriptLinks: 0 });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the fallback for injected markup passes axe-core', async () => {
  const { context, page } = await openWidget(widget.browser, `${widget.origin}/?error=${enc(`\u202E${img}`)}`);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
