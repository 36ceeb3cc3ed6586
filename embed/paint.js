// The first paint's markup for what `embed/rules.js` decided: the template the build prerendered
// from the Leptos components for that state (tools/src/first_paint.rs, given as
// `nhs-login-help:build`), filled in for the placement, the options and the host's values. No
// markup is written here: a template is strings from the components' own render, placement values
// from their renders at each placement, and holes for the contact and settings addresses and the
// echoed text, which are escaped. Also what the first paint does once painted, as the wasm does,
// and what both of its scripts need to fetch the wasm.

import { inserts, placements, states, values } from 'nhs-login-help:build';
import { feedbackQueueKey, tag, titleSuffix } from 'nhs-login-help:contract';
import { contactLink } from './rules.js';

/** How long a new live region is in the page before it is told, so screen readers hear it. */
const ANNOUNCE_AFTER_MS = 150;

/**
 * After painting help that replaced other help: tells its live region (the widget's first) what
 * is now shown, as the wasm's widget announces a change.
 */
export function announce(root, heading) {
  const region = root.querySelector('[aria-live]');
  if (region) setTimeout(() => { region.textContent = heading; }, ANNOUNCE_AFTER_MS);
}

/**
 * After painting a deep link's expander (`section`, open in the markup): scrolls its summary into
 * view and focuses it once it has rendered, so a screen reader starts there.
 */
export function focusSection(root, section, expanderAttribute) {
  if (!section) return;
  requestAnimationFrame(() => {
    const summary = [...root.querySelectorAll(`details[${expanderAttribute}] > summary`)]
      .find((candidate) => candidate.parentElement.getAttribute(expanderAttribute) === section);
    summary?.scrollIntoView();
    summary?.focus();
  });
}

/** Each module's load under way or done (`moduleChecked`), and how often each has failed. */
const modules = new Map();
const failures = new Map();

/**
 * The module at `href` (a namespace, as `import()` gives it), checked against its SRI hash: run
 * once by a module script element, where every engine enforces `integrity` (WebKit runs a module
 * whose `modulepreload` failed its check), then imported, which finds it checked in the page's
 * module map. Fails if it did not load or failed its check; a later call tries again at a new
 * address (`?attempt=2`), as the module map keeps the failure of the old one. Where the page
 * refuses our Trusted Types policy, a script's address cannot be set: there a module preload
 * checks it instead (enforced by Chromium and Firefox).
 */
export function moduleChecked(href, integrity) {
  let loading = modules.get(href);
  if (!loading) {
    const attempt = (failures.get(href) ?? 0) + 1;
    const url = attempt > 1 ? `${href}?attempt=${attempt}` : href;
    loading = checked(url, integrity).then(() => import(url));
    loading.catch(() => {
      modules.delete(href);
      failures.set(href, attempt);
    });
    modules.set(href, loading);
  }
  return loading;
}

/** Settles once the module at `url` has passed its integrity check (and run, where it can). */
function checked(url, integrity) {
  let made;
  try {
    made = trusted();
  } catch {
    made = undefined;
  }
  const element = document.createElement(made === undefined ? 'link' : 'script');
  Object.assign(element, { integrity, crossOrigin: 'anonymous' });
  const settled = new Promise((passed, failed) => {
    element.addEventListener('load', passed, { once: true });
    element.addEventListener('error', () => failed(new Error(`${url} did not load or failed its integrity check`)), { once: true });
  });
  if (made === undefined) {
    Object.assign(element, { rel: 'modulepreload', href: url });
  } else {
    scripts.add(url);
    element.type = 'module';
    element.src = made ? made.createScriptURL(url) : url;
  }
  document.head.append(element);
  return settled;
}

/**
 * Settles once the pointer now pressed has sent its click (or will send none): the wasm never
 * takes over between a press and its click, which would find its target gone. A touch's click
 * comes well after its release (the browser first recognises the tap), so the release is not
 * enough; a press that sends no click (a long press, a slide off the target) is given up a second
 * after its release.
 */
function pressSettled() {
  return new Promise((settled) => {
    const ends = ['click', 'pointercancel', 'contextmenu'];
    let giveUp;
    const done = () => {
      for (const end of ends) removeEventListener(end, done, true);
      removeEventListener('pointerup', up, true);
      clearTimeout(giveUp);
      // After the click's own listeners, which hold it to be replayed.
      setTimeout(settled);
    };
    const up = () => {
      giveUp = setTimeout(done, 1000);
    };
    for (const end of ends) addEventListener(end, done, true);
    addEventListener('pointerup', up, true);
  });
}

/**
 * The last press anywhere on the page, settled once it has its click (see `pressSettled`); null
 * before any. Page-wide, because a takeover that moves things (a replayed click, a focus) must
 * not come between a press and its click in another element either.
 */
let press = null;
let pressesWatched = false;

/** Settles once no press on the page waits for its click, however many came meanwhile. */
async function pressesSettled() {
  let awaited;
  while (press !== awaited) {
    awaited = press;
    await awaited;
  }
}

/**
 * Calls `reach` when the person presses, focuses or types on what matches `intents` in `root` (a
 * first paint): they want what needs the wasm. Returns what to await before the wasm takes over:
 * until every press on the page has had its click. The one place the element and the standalone
 * page hear it.
 */
export function watchIntents(root, intents, reach) {
  if (!pressesWatched) {
    pressesWatched = true;
    // On the window's way down, so the press is known before `reach` runs.
    addEventListener('pointerdown', () => {
      press = pressSettled();
    }, true);
  }
  for (const type of ['pointerdown', 'focusin', 'keydown']) {
    root.addEventListener(type, (event) => {
      if (event.target instanceof Element && event.target.closest(intents)) reach();
    }, true);
  }
  return pressesSettled;
}

/** Runs `work` when the browser is idle (or soon, where it cannot say). */
export const whenIdle = (work) => (window.requestIdleCallback ? requestIdleCallback(work, { timeout: 5000 }) : setTimeout(work, 1000));

/** Whether answers to "Was this helpful?" wait in this browser to be sent. */
export function answersWaiting() {
  try {
    return Boolean(localStorage.getItem(feedbackQueueKey));
  } catch {
    return false;
  }
}

/** The addresses of the modules the widget runs: the only script addresses its policy passes. */
const scripts = new Set();
let policy;

/**
 * The widget's one Trusted Types policy, named after the tag, which the README asks hosts that
 * enforce them to allow; `null` where the browser has none. Markup passes as it is, because its
 * only input is `paint()`'s, the build's templates with every hole escaped; a script address only
 * if it is one of the widget's own modules. Throws where the page refuses the policy (a page that
 * restricts policy names enforces them, almost always), so the page reports one refusal, not one
 * per element.
 */
function trusted() {
  policy ??= (() => {
    try {
      const createScriptURL = (url) => {
        if (scripts.has(url)) return url;
        throw new TypeError(`${tag}: ${url} is not one of its modules`);
      };
      return { made: window.trustedTypes?.createPolicy(tag, { createHTML: (markup) => markup, createScriptURL }) ?? null };
    } catch (refused) {
      return { refused };
    }
  })();
  if (policy.refused) throw policy.refused;
  return policy.made;
}

/**
 * Puts the first paint's markup (`paint()`'s `html`) in `element`, through the policy where the
 * browser has Trusted Types. Throws where the page refuses it: the caller then has the wasm
 * render instead, which writes no HTML.
 */
export function writeHtml(element, html) {
  const made = trusted();
  element.innerHTML = made ? made.createHTML(html) : html;
}

/** Text or an attribute value as HTML: the five characters that could end or start markup. */
export const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fill(segments, at, options, holes) {
  let html = '';
  for (const segment of segments) {
    if (typeof segment === 'string') html += segment;
    else if (typeof segment === 'number') html += values[segment][at];
    else if (segment.v) html += escapeHtml(holes[segment.v]);
    else if (options.has(segment.o)) html += fill(inserts[segment.f], at, options, holes);
  }
  return html;
}

/**
 * The first paint of `help` at `placement` (what `embed/rules.js` decided): `{ html, heading,
 * title, shown, links }`, or `undefined` for help it does not cover (the gallery). `shown` is the
 * `shown` event's detail; `links` the kind of each contact and settings address (`{ href: kind }`).
 */
export function paint(help, placement) {
  const at = placements.findIndex(({ level, variant }) => level === placement.level && variant === placement.variant);
  const options = new Set();
  let key;
  if (help.kind === 'article') {
    key = `${help.article}|${help.reference ?? ''}`;
    if (placement.feedback) options.add('feedback');
    if (help.section) options.add(`open:${help.section}`);
  } else if (help.kind === 'not-found') {
    key = help.echo === '' ? 'not-found-blank' : 'not-found';
    if (help.suggestions.length) options.add(`suggest:${help.suggestions.join(' ')}`);
  } else if (help.kind === 'topics') {
    key = 'topics';
  }
  const state = key === undefined ? undefined : states[key];
  const shape = state?.shapes.find((candidate) => candidate.placements?.includes(at) ?? true);
  if (!shape) return undefined;
  const reference = help.reference ?? null;
  const holes = {
    contact: contactLink(placement.contact, reference), settings: placement.settings, echo: help.echo ?? '', label: placement.label ?? '',
  };
  return {
    html: fill(shape.segments, at, options, holes),
    heading: state.heading,
    title: state.heading + titleSuffix,
    shown: { reference, article: help.kind === 'article' ? help.article : null },
    links: { [holes.contact]: 'contact', [holes.settings]: 'settings' },
  };
}
