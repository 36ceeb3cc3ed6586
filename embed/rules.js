// What the page asks for, decided before the wasm is here: the rules of the Rust core
// (crates/core/src/: reference.rs, config/, links.rs, lookup.rs) that the first paint needs,
// written a second time on purpose. The first paint must show help from one small script before
// anything else arrives; a wasm build of just these rules measured 28.4 kB raw and 12.9 kB brotli
// (more than the whole entry may weigh), and it would need WebAssembly, which some browsers
// refuse (iOS Lockdown Mode, pages without 'wasm-unsafe-eval'). So each rule here is held to the
// Rust one by one file of test vectors that both run (tests/vectors/rules.json) and by random
// inputs compared with the Rust core (tests/unit/rules.test.mjs). Names come from the contract
// the build generates from Rust; nothing here names a parameter, attribute or code itself.
//
// The contract's names and the articles' ids, codes and expander ids come from the build
// (`nhs-login-help:contract` and `nhs-login-help:build`, see scripts/bundle.mjs).

import { articles } from 'nhs-login-help:build';
import { attributes, page, params, tag } from 'nhs-login-help:contract';

/** Longest input read as a reference, in UTF-8 bytes (reference.rs MAX_REFERENCE_INPUT). */
const MAX_REFERENCE_INPUT = 32;
/** Longest text echoed back, in characters (reference.rs MAX_ECHO_CHARS). */
const MAX_ECHO_CHARS = 40;
/** Longest address a host may set, in UTF-8 bytes (links.rs MAX_URL_LEN). */
const MAX_URL_LEN = 2048;

/** Rust's `char::is_whitespace` (Unicode White_Space), which is not JavaScript's `\s`. */
const WHITE_SPACE = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WHITE_SPACE_CHAR = new RegExp(`^[${WHITE_SPACE}]$`);
const OUTER_WHITE_SPACE = new RegExp(`^[${WHITE_SPACE}]+|[${WHITE_SPACE}]+$`, 'g');
const LEADING_SEPARATORS = new RegExp(`^[${WHITE_SPACE}\\-_:]+`);
const isWhiteSpace = (c) => WHITE_SPACE_CHAR.test(c);
const trim = (text) => text.replace(OUTER_WHITE_SPACE, '');
/** Rust's `to_ascii_lowercase`: only A–Z change. */
const asciiLower = (text) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
/** Rust's `char::is_control` (Unicode Cc). */
const isControl = (c) => /^[\u0000-\u001f\u007f-\u009f]$/.test(c);
/** reference.rs `is_invisible`: controls, zero-width and direction marks. */
const isInvisible = (c) => isControl(c) || /^[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]$/.test(c);
const utf8Length = (text) => new TextEncoder().encode(text).length;
/** `text` starts with `CID` in any ASCII case (`eq_ignore_ascii_case`). */
const startsWithCid = (text) => /^cid/i.test(text);

/** reference.rs `attempted_digits`: the digits of something written as a reference. */
export function attemptedDigits(raw) {
  if (utf8Length(raw) > MAX_REFERENCE_INPUT) return null;
  const text = trim([...raw].filter((c) => !isInvisible(c)).join(''));
  const digits = startsWithCid(text) ? text.slice(3).replace(LEADING_SEPARATORS, '') : text;
  return /^[0-9]+$/.test(digits) ? digits : null;
}

/** reference.rs `ErrorReference::parse`: the canonical reference (`CID7023`), or null. */
export function parseReference(raw) {
  const digits = attemptedDigits(raw);
  return digits !== null && digits.length >= 4 && digits.length <= 5 ? `CID${digits}` : null;
}

/** reference.rs `ErrorReference::find_in`: the first `CID` token with 4 or 5 digits in free text. */
export function findReference(text) {
  const token = /cid[ \-_:]?(\d*)/gi;
  for (let found = token.exec(text); found; found = token.exec(text)) {
    if (found[1].length >= 4 && found[1].length <= 5) return `CID${found[1]}`;
    token.lastIndex = found.index + 3;
  }
  return null;
}

/** reference.rs `echo_text`: safe, shortened text to echo back (always rendered as text). */
export function echoText(raw) {
  let echo = '';
  let chars = 0;
  let pendingSpace = false;
  for (const c of raw) {
    if (isInvisible(c)) continue;
    if (isWhiteSpace(c)) {
      pendingSpace = chars > 0;
      continue;
    }
    if (chars + (pendingSpace ? 1 : 0) >= MAX_ECHO_CHARS) return `${echo}…`;
    if (pendingSpace) {
      echo += ' ';
      chars += 1;
      pendingSpace = false;
    }
    echo += c;
    chars += 1;
  }
  return echo;
}

/** search.rs `one_typo_apart`: one digit missing, extra, wrong, or two swapped. */
export function oneTypoApart(a, b) {
  const [x, y] = [[...a], [...b]];
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (long.length - short.length > 1) return false;
  let start = 0;
  while (start < short.length && short[start] === long[start]) start += 1;
  if (start === long.length) return true;
  const same = (p, q) => p.length === q.length && p.every((c, i) => c === q[i]);
  if (short.length === long.length) {
    const swapped = start + 1 < short.length && short[start] === long[start + 1] && short[start + 1] === long[start]
      && same(short.slice(start + 2), long.slice(start + 2));
    return swapped || same(short.slice(start + 1), long.slice(start + 1));
  }
  return same(short.slice(start), long.slice(start + 1));
}

/** links.rs `checked_url`: a host's address if it is safe to link or send to, else null. */
export function checkedUrl(raw) {
  const value = trim(raw);
  const clean = utf8Length(value) <= MAX_URL_LEN && ![...value].some((c) => isWhiteSpace(c) || isControl(c) || c === '\\');
  const hostOf = (scheme) => {
    if (asciiLower(value.slice(0, scheme.length)) !== scheme) return null;
    const host = value.slice(scheme.length).split(/[/?#]/)[0];
    return host !== '' && !host.includes('@') ? host : null;
  };
  const https = hostOf('https://') !== null;
  const host = hostOf('http://');
  let loopback = false;
  if (host !== null) {
    const colon = host.lastIndexOf(':');
    const name = colon >= 0 && /^[0-9]*$/.test(host.slice(colon + 1)) ? host.slice(0, colon) : host;
    loopback = ['localhost', '127.0.0.1', '[::1]'].includes(asciiLower(name));
  }
  const hostPath = value.startsWith('/') && !value.startsWith('//');
  return clean && (https || loopback || hostPath) ? value : null;
}

/** config/request.rs `percent_decode`: lenient; a broken escape stays as written, bad UTF-8 becomes U+FFFD. */
export function percentDecode(text) {
  const bytes = new TextEncoder().encode(text);
  const decoded = [];
  const hex = (byte) => (/^[0-9a-fA-F]$/.test(String.fromCharCode(byte)) ? parseInt(String.fromCharCode(byte), 16) : -1);
  for (let i = 0; i < bytes.length; i += 1) {
    const [high, low] = i + 2 < bytes.length ? [hex(bytes[i + 1]), hex(bytes[i + 2])] : [-1, -1];
    if (bytes[i] === 0x25 && high >= 0 && low >= 0) {
      decoded.push((high << 4) | low);
      i += 2;
    } else {
      decoded.push(bytes[i]);
    }
  }
  // ignoreBOM keeps a leading U+FEFF, as Rust's from_utf8_lossy does.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(decoded));
}

const formDecode = (text) => percentDecode(text.replaceAll('+', ' '));

/** config/request.rs `query_value`: the decoded value of the first `name` parameter, or null. */
export function queryValue(query, name) {
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    const [key, value] = at >= 0 ? [pair.slice(0, at), pair.slice(at + 1)] : [pair, ''];
    if (formDecode(key) === name) return formDecode(value);
  }
  return null;
}

// Requests and help are plain objects shaped like their Rust enums:
// `{ kind: 'nothing' | 'gallery' | 'article' | 'reference' | 'unrecognised', value }` and
// `{ kind: 'topics' | 'gallery' }`, `{ kind: 'article', article, reference, section }`,
// `{ kind: 'not-found', echo, reference, suggestions }` (article ids).

const notBlank = (value) => (value !== null && trim(value) !== '' ? value : null);
const withoutPrefix = (text, prefix) => (text.startsWith(prefix) ? text.slice(prefix.length) : text);

/** config/request.rs `hash_reference`: a `#CID…` hash, which host anchors are not. */
function hashRequest(hash) {
  const candidate = percentDecode(withoutPrefix(hash, '#')).split('/')[0];
  if (!startsWithCid(candidate)) return null;
  const reference = parseReference(candidate);
  return reference ? { kind: 'reference', value: reference } : { kind: 'unrecognised', value: candidate };
}

/** config/request.rs `Request::from_parameter`. */
function fromParameter(search, hash, name) {
  const query = withoutPrefix(search, '?');
  const given = notBlank(queryValue(query, name));
  const reference = given !== null ? parseReference(given) : null;
  if (reference) return { kind: 'reference', value: reference };
  if (name === params.error) {
    const description = queryValue(query, params.description);
    const found = description !== null ? findReference(description) : null;
    if (found) return { kind: 'reference', value: found };
  }
  const fromHash = hashRequest(hash);
  if (fromHash) return fromHash;
  return given !== null ? { kind: 'unrecognised', value: given } : { kind: 'nothing' };
}

/** config/request.rs `Request::from_url`: the standalone page's URL. */
function fromUrl(search, hash) {
  const query = withoutPrefix(search, '?');
  if (queryValue(query, params.gallery) !== null) return { kind: 'gallery' };
  const id = queryValue(query, params.article);
  if (id !== null) return { kind: 'article', value: id };
  return fromParameter(search, hash, params.error);
}

/** config/request.rs `Request::from_reference_text`: an `error` attribute or `el.show()`. */
function fromReferenceText(text) {
  if (trim(text) === '') return { kind: 'nothing' };
  const reference = parseReference(text);
  return reference ? { kind: 'reference', value: reference } : { kind: 'unrecognised', value: text };
}

/** config/request.rs `requested_section`: the expander a deep link names. */
function requestedSection(search, hash) {
  const fromQuery = notBlank(queryValue(withoutPrefix(search, '?'), params.section));
  if (fromQuery !== null) return fromQuery;
  const decoded = percentDecode(withoutPrefix(hash, '#'));
  const slash = decoded.indexOf('/');
  if (slash < 0) return null;
  const section = decoded.slice(slash + 1);
  return startsWithCid(decoded.slice(0, slash)) && section !== '' ? section : null;
}

/** One of `allowed` for `value`, trimmed and in any ASCII case; null if none. */
const allowedIn = (allowed) => (value) => allowed.find((name) => asciiLower(trim(value)) === name) ?? null;

/**
 * config/element.rs `ElementSettings::read` through `get(name)`: the element's source, placement and
 * the warnings for values it ignored, worded as the wasm words them.
 */
function readElement(get) {
  const warnings = [];
  const parse = ({ name, expected }, rule) => {
    const value = get(name);
    if (value === null) return null;
    const parsed = rule(value);
    if (parsed === null) warnings.push(`${tag}: ignored ${name}="${echoText(value)}"; expected ${expected}`);
    return parsed;
  };
  const { headingLevel, variant: variantOf, contactUrl, settingsUrl, feedbackUrl, param: paramOf, history } = attributes;
  const level = Number(parse(headingLevel, allowedIn(headingLevel.allowed)) ?? headingLevel.default);
  const variant = parse(variantOf, allowedIn(variantOf.allowed)) ?? variantOf.default;
  const contact = parse(contactUrl, checkedUrl) ?? contactUrl.default;
  const settings = parse(settingsUrl, checkedUrl) ?? settingsUrl.default;
  const feedback = parse(feedbackUrl, checkedUrl);
  const param = parse(paramOf, (v) => notBlank(trim(v))) ?? paramOf.default;
  const pushHistory = parse(history, allowedIn(history.allowed)) !== null;
  // Any words will do; they are echoed as text, made safe and short like other text given.
  const given = get(attributes.label.name);
  const label = given === null ? null : echoText(given) || null;
  const error = notBlank(get(attributes.error.name));
  const article = notBlank(get(attributes.article.name));
  const source = error !== null ? { kind: 'reference', value: error }
    : article !== null ? { kind: 'article', value: trim(article) }
      : { kind: 'url', param };
  return { source, placement: { level, variant, contact, settings, feedback, label }, pushHistory, warnings };
}

/** config/placement.rs `Placement::for_page`: the standalone page's mount settings. */
function pagePlacement(level, feedback) {
  const chosen = level !== null ? allowedIn(page.headingLevels)(level) : null;
  return {
    level: Number(chosen ?? page.headingLevel),
    variant: attributes.variant.default,
    contact: attributes.contactUrl.default,
    settings: attributes.settingsUrl.default,
    feedback: feedback !== null ? checkedUrl(feedback) : null,
    label: null,
  };
}

/** config/element.rs `ElementSettings::request` and `section`: what an element shows for the page URL. */
function elementRequest({ source }, search, hash) {
  if (source.kind === 'reference') return { request: fromReferenceText(source.value), section: null };
  if (source.kind === 'article') return { request: { kind: 'article', value: source.value }, section: null };
  return { request: fromParameter(search, hash, source.param), section: requestedSection(search, hash) };
}

const byId = (id) => articles.find((article) => article.id === id);

/** lookup.rs `near_misses`: the articles whose code is one typo from what was given. */
function nearMisses(given) {
  const digits = attemptedDigits(given);
  if (digits === null) return [];
  return articles.filter((article) => article.codes.some((code) => oneTypoApart(code.slice(3), digits))).map((a) => a.id);
}

/** lookup.rs `Help::for_request` then `with_section`. */
function help(request, section = null) {
  const opened = (article, reference) => ({
    kind: 'article', article: article.id, reference, section: article.expanders.includes(section) ? section : null,
  });
  switch (request.kind) {
    case 'nothing': return { kind: 'topics' };
    case 'gallery': return { kind: 'gallery' };
    case 'article': {
      const article = byId(request.value);
      if (article) return opened(article, article.codes[0] ?? null);
      return { kind: 'not-found', echo: echoText(request.value), reference: null, suggestions: [] };
    }
    case 'reference': {
      const article = articles.find((a) => a.codes.includes(request.value));
      if (article) return opened(article, request.value);
      return { kind: 'not-found', echo: request.value, reference: request.value, suggestions: nearMisses(request.value) };
    }
    default:
      return { kind: 'not-found', echo: echoText(request.value), reference: null, suggestions: nearMisses(request.value) };
  }
}

/** links.rs `contact_link`: the contact address, carrying the reference when there is one. */
export function contactLink(contact, reference) {
  if (reference === null) return contact;
  return `${contact}${contact.includes('?') ? '&' : '?'}${params.error}=${reference}`;
}

/**
 * What the standalone page shows for its URL and its mount's `data-heading-level` and
 * `data-feedback-url` (null when absent): `{ help, placement, warnings }`.
 */
export function decidePage({ search, hash, headingLevel, feedbackUrl }) {
  return {
    help: help(fromUrl(search, hash), requestedSection(search, hash)),
    placement: pagePlacement(headingLevel, feedbackUrl),
    warnings: [],
  };
}

/** What an element shows for its attributes (`get(name)`, null when absent) and the page URL. */
export function decideElement(get, search, hash) {
  const settings = readElement(get);
  const { request, section } = elementRequest(settings, search, hash);
  return { help: help(request, section), placement: settings.placement, warnings: settings.warnings, settings };
}

