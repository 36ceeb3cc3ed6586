// The first paint's filler (embed/paint.js) held to the Leptos components, with no browser: for
// every state the build covers, at every placement, with and without each option, and for the
// rules' vectors and random hostile input, the template the entry fills is the markup the
// components render for the same help and placement (`cargo run -p nhs-login-help-tools --bin
// decide -- --html`). Both are parsed and serialised by parse5, so only the markup counts, not
// how each escapes a character; Leptos's comments are left out by the tool.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseFragment, serialize } from 'parse5';
import { bundled, randomInputs, rustDecides } from './support.mjs';

const VECTORS = new URL('../vectors/rules.json', import.meta.url);

let paint;
let build;
let ATTRIBUTES;

before(async () => {
  const bundle = await bundled('paint.js');
  ({ paint } = bundle.module);
  build = bundle.build;
  ATTRIBUTES = Object.values(bundle.contract.attributes);
});

/** `html` as parse5 serialises it: one spelling for every character reference. */
const canonical = (html) => serialize(parseFragment(html));

/** Checks each input's first paint against the components' render; returns the help painted. */
function assertPaintsAsRendered(inputs, label) {
  const painted = [];
  rustDecides(inputs, { html: true }).forEach(({ help, placement, html }, i) => {
    const first = paint(help, placement);
    if (html === null) {
      assert.equal(first, undefined, `${label}: the gallery has no first paint`);
      return;
    }
    assert.ok(first, `${label}: a first paint for ${JSON.stringify(inputs[i])}`);
    assert.equal(canonical(first.html), canonical(html), `${label}: ${JSON.stringify(inputs[i])}`);
    painted.push(help);
  });
  return painted;
}

/**
 * An element for every article, by id and by each code, at every heading level and variant;
 * with the feedback question, a label and host links whose characters need escaping; each
 * expander deep-linked; and the fallback with an echo that needs escaping and with near misses.
 */
function everyState() {
  const inputs = [];
  const element = (attributes, search = '', hash = '') => inputs.push({ element: { attributes, search, hash } });
  const page = (search, { headingLevel = null, feedbackUrl = null } = {}) => inputs.push({ page: { search, hash: '', headingLevel, feedbackUrl } });
  const host = { 'contact-url': 'https://partner.example/contact?a=1&b="<x>"', 'settings-url': "/settings?o='1'&p=<2>" };
  for (const article of build.articles) {
    const sources = [{ article: article.id }, ...article.codes.map((code) => ({ error: code }))];
    for (const source of sources) {
      for (const level of ['2', '3', '4', '5', '6']) {
        for (const variant of ['page', 'inline']) {
          element({ ...source, 'heading-level': level, variant });
          element({ ...source, 'heading-level': level, variant, 'feedback-url': '/feedback' });
        }
      }
      element({ ...source, 'feedback-url': '/feedback', label: 'Help & "support" <here>', ...host });
    }
    for (const section of article.expanders) {
      // An element reads a deep link from the page's URL, for an article with a code.
      const code = article.codes[0];
      if (code) {
        element({ variant: 'inline', 'heading-level': '3' }, `?error=${code}&section=${section}`);
        element({ 'feedback-url': '/feedback' }, '', `#${code}/${section}`);
      }
      page(`?${code ? `error=${code}` : `article=${article.id}`}&section=${section}`, { feedbackUrl: '/feedback' });
    }
  }
  for (const error of ['CID9999', 'CID7032', '<b onmouseover="x">&amp;\'</b>', '\u200b\u202e', 'cid 70233']) {
    element({ error, ...host });
    element({ error, variant: 'inline', 'heading-level': '4' });
  }
  element({});
  element({ label: 'GP <portal>', variant: 'inline' });
  page('?error=%3Cscript%3E', { headingLevel: '2' });
  page('?error=CID7032', { feedbackUrl: '/feedback' });
  page('');
  return inputs;
}

test('every state the build covers, at every placement and with every option, paints as the components render it', () => {
  const inputs = everyState();
  const painted = assertPaintsAsRendered(inputs, 'every state');
  assert.equal(painted.length, inputs.length);
  // Every state the build has a template for was reached, and every expander deep-linked.
  const key = (help) => (help.kind === 'article' ? `${help.article}|${help.reference ?? ''}`
    : help.kind === 'not-found' ? (help.echo === '' ? 'not-found-blank' : 'not-found') : help.kind);
  assert.deepEqual(new Set(painted.map(key)), new Set(Object.keys(build.states)));
  const linked = new Set(painted.filter((help) => help.section).map((help) => `${help.article}/${help.section}`));
  assert.equal(linked.size, build.articles.reduce((n, article) => n + article.expanders.length, 0), 'every expander deep-linked');
});

test('the rules\u2019 vectors, and random hostile input, paint as the components render what they decide', () => {
  const vectors = JSON.parse(readFileSync(VECTORS, 'utf8')).decide.map(({ input }) => input);
  const painted = assertPaintsAsRendered(vectors, 'vectors').length;
  assert.ok(painted > 150, `most vectors have a first paint (${painted})`);
  const { seed, inputs } = randomInputs(1000, ATTRIBUTES);
  assertPaintsAsRendered(inputs, `RULES_SEED=${seed}`);
});
