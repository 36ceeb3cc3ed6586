// The embed entry's copy of the rules (embed/rules.js) held to the Rust core's: the reference
// normalisation, the safe-URL rule for host links, near misses, the echoed text, and how the page
// URL and an element's attributes are read. Both run one file of test vectors
// (tests/vectors/rules.json; the Rust side is tools/tests/rule_vectors.rs), and here thousands of
// random inputs go through both (the Rust side through `cargo run -p nhs-login-help-tools --bin
// decide`) and must come out the same.
//
// After an intended change to a rule (in both): `UPDATE_RULE_VECTORS=1 node --test tests/unit/`
// writes the Rust core's answers into the file; review the diff before committing it.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { bundle } from '../../scripts/bundle.mjs';

const VECTORS = new URL('../vectors/rules.json', import.meta.url);

/** A tool of tools/ run with `input` on stdin; its stdout. */
function tool(bin, input = '') {
  return execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'nhs-login-help-tools', '--bin', bin], {
    input, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['pipe', 'pipe', 'inherit'],
  });
}

/** What the Rust core decides for each input. */
const rustDecides = (inputs) => tool('decide', inputs.map((input) => `${JSON.stringify(input)}\n`).join(''))
  .trim().split('\n').map((line) => JSON.parse(line));

let rules;
/** The element's attributes as the contract names them, with the values each allows (if fixed). */
let ATTRIBUTES;

before(async () => {
  // The module as it ships: bundled with the build's own contract and articles.
  const { contract, firstPaint } = JSON.parse(tool('prerender'));
  ATTRIBUTES = Object.values(contract.attributes);
  const code = await bundle('rules.js', { contract, build: firstPaint }, { minified: false });
  rules = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
});

/** What the entry decides for an input shaped as the vectors give it. */
function jsDecides(input) {
  if (input.page) {
    const { help, placement, warnings } = rules.decidePage(input.page);
    return { help, placement, warnings };
  }
  const { attributes, search, hash } = input.element;
  const get = (name) => (Object.hasOwn(attributes, name) ? attributes[name] : null);
  const { help, placement, warnings } = rules.decideElement(get, search, hash);
  return { help, placement, warnings };
}

test('the entry gives every answer the vectors record (and the Rust core gives them too)', () => {
  const vectors = JSON.parse(readFileSync(VECTORS, 'utf8'));
  if (process.env.UPDATE_RULE_VECTORS) {
    const outputs = rustDecides(vectors.decide.map(({ input }) => input));
    vectors.decide.forEach((vector, i) => { vector.output = outputs[i]; });
    writeFileSync(VECTORS, `${JSON.stringify(vectors, null, 1)}\n`);
  }
  assert.ok(vectors.decide.length > 200);
  for (const { input, output } of vectors.decide) {
    assert.deepEqual(jsDecides(input), output, JSON.stringify(input));
  }
});

/** A small seeded generator, so a failure can be run again. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Pieces that the rules treat specially, to build hostile input from. */
const PIECES = [
  'CID', 'cid', 'Cid', '7023', '702', '70233', '2014', '3', '0', '%', '%2', '%20', '%E0', '%A4', '%ff', '%C0', '+', '&', '=', '?', '#', '/', '\\',
  '-', '_', ':', ' ', '\t', '\n', '\u00a0', '\u0085', '\u2028', '\u3000', '\ufeff', '\u200b', '\u200e', '\u202e', '\u2066', '\u0000', '\u007f',
  '<', '>', '"', "'", '@', 'a', 'Z', 'é', 'İ', 'ı', 'ｈ', '😀', 'error', 'section', 'article', 'gallery', 'error_description',
  'https://', 'http://', 'HTTPS://', 'localhost', '127.0.0.1', '[::1]', ':8080', '//', 'example.org', 'nhsmail-login', 'wrong-details',
  'already-set-up', 'page', 'inline', 'INLINE', 'push', '1', '2', '6', '7',
];

const pick = (next, items) => items[Math.floor(next() * items.length)];

/** `value` as written, or in capitals, or spaced. */
const careless = (next, value) => pick(next, [value, value, value.toUpperCase(), ` ${value} `]);

/** Random text: pieces strung together, or (more often) nearly what the rules look for. */
function text(next, max) {
  const roll = next();
  if (roll < 0.3) {
    const prefix = pick(next, ['', 'CID', 'cid', 'Cid', ' CID', 'CID ', '\u200bCID']);
    const separator = pick(next, ['', '', ' ', '-', '_', ':', '\u00a0', ' - ', '%20', '+']);
    // A known code, one a typo away from one (a near miss), or any number.
    const roll = next();
    const digits = roll < 0.5 ? pick(next, ['7023', '7029', '2011', '2012', '2014', '1111', '3002', '3003'])
      : roll < 0.7 ? pick(next, ['7032', '7024', '7092', '2021', '2013', '1112', '3020', '30003'])
        : String(Math.floor(next() * 10 ** (3 + Math.floor(next() * 4))));
    return `${prefix}${separator}${digits}${pick(next, ['', '', ' ', '\u200e', '/wrong-details', '/x'])}`;
  }
  if (roll < 0.4) return pick(next, ['nhsmail-login', ' nhsmail-login ', 'login-disabled', 'security-code-email', 'wrong-details', 'timed-out', 'already-set-up', 'gmail']);
  if (roll < 0.5) return `${pick(next, ['https://', 'http://', 'HTTPS://', '/', '//', 'http://localhost', 'http://127.0.0.1:', 'javascript:'])}${text(next, 3)}`;
  let out = '';
  const n = Math.floor(next() * max);
  for (let i = 0; i < n; i += 1) out += pick(next, PIECES);
  return out;
}

function query(next) {
  const pairs = [];
  const n = Math.floor(next() * 4);
  for (let i = 0; i < n; i += 1) {
    const key = next() < 0.7 ? ['error', 'section', 'error_description', 'article', 'gallery', 'nhs_error'][Math.floor(next() * 6)] : text(next, 3);
    const value = key === 'section' && next() < 0.5 ? pick(next, ['wrong-details', 'already-set-up', 'timed-out', 'gmail']) : text(next, 6);
    pairs.push(next() < 0.9 ? `${key}=${value}` : key);
  }
  return `${next() < 0.8 ? '?' : ''}${pairs.join('&')}`;
}

function randomInput(next) {
  // One in ten is a deep link, in the query or the fragment, nearly right or not.
  const deep = next() < 0.1;
  const search = deep && next() < 0.5
    ? `?error=${pick(next, ['CID7023', 'cid%207023', 'CID1111', 'CID9999'])}&section=${pick(next, ['wrong-details', 'already-set-up', 'delete-account', '%20', 'x'])}`
    : query(next);
  const hash = deep && !search.includes('section')
    ? `#${pick(next, ['CID7023', 'cid%207023', 'CID1111', 'x'])}/${pick(next, ['wrong-details', 'already-set-up', 'delete-account', ''])}`
    : next() < 0.4 ? `#${text(next, 5)}` : '';
  if (next() < 0.3) {
    const maybe = () => (next() < 0.5 ? text(next, 3) : null);
    return { page: { search, hash, headingLevel: maybe(), feedbackUrl: maybe() } };
  }
  const attributes = {};
  // An attribute with a fixed set of values (variant, heading level, history) takes one of them
  // half the time, as written or as a careless host might write it, so that every run reaches
  // inline help, other heading levels and pushed history, not only when chance strings them
  // together.
  for (const { name, allowed } of ATTRIBUTES) {
    if (next() >= 0.25) continue;
    attributes[name] = allowed.length && next() < 0.5 ? careless(next, pick(next, allowed)) : text(next, 5);
  }
  return { element: { attributes, search, hash } };
}

test('for random hostile input, the entry decides exactly what the Rust core decides', () => {
  const seed = Number(process.env.RULES_SEED ?? Date.now() % 1e9);
  const next = random(seed);
  const inputs = Array.from({ length: Number(process.env.RULES_INPUTS ?? 3000) }, () => randomInput(next));
  const rust = rustDecides(inputs);
  inputs.forEach((input, i) => {
    assert.deepEqual(jsDecides(input), rust[i], `RULES_SEED=${seed}, input ${JSON.stringify(input)}`);
  });
  // The inputs reach every kind of answer, not only the fallback.
  const count = (found) => rust.filter(found).length;
  assert.ok(count(({ help }) => help.kind === 'article') > 30, `articles (RULES_SEED=${seed})`);
  assert.ok(count(({ help }) => help.section) > 0, `deep-linked sections (RULES_SEED=${seed})`);
  assert.ok(count(({ help }) => help.suggestions?.length) > 0, `near misses (RULES_SEED=${seed})`);
  assert.ok(count(({ help }) => help.kind === 'not-found' && help.reference) > 0, `unknown references (RULES_SEED=${seed})`);
  assert.ok(count(({ placement }) => !placement.contact.startsWith('https://help.login')) > 0, `host contact addresses (RULES_SEED=${seed})`);
  assert.ok(count(({ placement }) => placement.variant === 'inline' || placement.level > 2) > 0, `placements (RULES_SEED=${seed})`);
});
