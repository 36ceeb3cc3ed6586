// What the tests that hold the entry's JavaScript to the Rust core share (rules.test.mjs,
// paint.test.mjs): the tools that give the core's answers, the entry's modules as they ship, and
// a seeded generator of hostile page URLs and element attributes, nearly right more often than
// not, so every kind of answer is reached.

import { execFileSync } from 'node:child_process';
import { bundle } from '../../scripts/bundle.mjs';

/** A tool of tools/ run with `input` on stdin and `args`; its stdout. */
function tool(bin, input = '', args = []) {
  return execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'nhs-login-help-tools', '--bin', bin, '--', ...args], {
    input, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['pipe', 'pipe', 'inherit'],
  });
}

/**
 * What the Rust core decides for each input (`--bin decide`), and with `html` the components'
 * markup for it too.
 */
export const rustDecides = (inputs, { html = false } = {}) => tool('decide', inputs.map((input) => `${JSON.stringify(input)}\n`).join(''), html ? ['--html'] : [])
  .trim().split('\n').map((line) => JSON.parse(line));

let prerendered;

/**
 * The module `name` of embed/ as it ships: bundled with the build's own contract and first paint
 * (from `--bin prerender`, run once). `{ contract, build, module }`.
 */
export async function bundled(name) {
  prerendered ??= JSON.parse(tool('prerender'));
  const { contract, firstPaint } = prerendered;
  const code = await bundle(name, { contract, build: firstPaint }, { minified: false });
  return { contract, build: firstPaint, module: await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`) };
}

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

/**
 * `count` random inputs (`RULES_INPUTS` overrides it) from the seed `RULES_SEED`, or a new one
 * each run: `{ seed, inputs }`, the seed for a failure's message.
 */
export function randomInputs(count, ATTRIBUTES) {
  const seed = Number(process.env.RULES_SEED ?? Date.now() % 1e9);
  const next = random(seed);
  const inputs = Array.from({ length: Number(process.env.RULES_INPUTS ?? count) }, () => randomInput(next, ATTRIBUTES));
  return { seed, inputs };
}

/** A random page or element input; `ATTRIBUTES` are the contract's, with their allowed values. */
function randomInput(next, ATTRIBUTES) {
  // One in ten is a deep link, in the query or the hash, nearly right or not.
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
