// The first paint's markup for what `embed/rules.js` decided: the template the build prerendered
// from the Leptos components for that state (tools/src/first_paint.rs, given as
// `nhs-login-help:build`), filled in for the placement, the options and the host's values. No
// markup is written here: a template is strings from the components' own render, placement values
// from their renders at each placement, and holes for the contact and settings addresses and the
// echoed text, which are escaped. Also what the first paint does once painted, as the wasm does,
// and what both of its scripts need to fetch the wasm.

import { fragments, placements, states, values } from 'nhs-login-help:build';
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

/**
 * Fetches the module at `href` without running it, checked against its SRI hash: a module
 * preload can carry an integrity check where import() cannot, and an import after it has passed
 * uses the checked module. Settles when the check has passed, fails if not.
 */
export function modulePreloaded(href, integrity) {
  const preload = Object.assign(document.createElement('link'), { rel: 'modulepreload', href, integrity, crossOrigin: 'anonymous' });
  const checked = new Promise((passed, failed) => {
    preload.addEventListener('load', passed, { once: true });
    preload.addEventListener('error', () => failed(new Error(`${href} did not load or failed its integrity check`)), { once: true });
  });
  document.head.append(preload);
  return checked;
}

/**
 * Settles once the pointer now pressed is released (or cancelled) and its click has been sent:
 * the wasm never takes over between a press and its click, which would find its target gone.
 */
export function pointerReleased() {
  return new Promise((released) => {
    const done = () => {
      removeEventListener('pointerup', done, true);
      removeEventListener('pointercancel', done, true);
      setTimeout(released);
    };
    addEventListener('pointerup', done, true);
    addEventListener('pointercancel', done, true);
  });
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

let toHtml;

/**
 * Puts the first paint's markup (`paint()`'s `html`) in `element`. Where the browser has Trusted
 * Types, through one policy named after the tag, which the README asks hosts that enforce them to
 * allow: it passes the markup as it is, because its only input is `paint()`'s, the build's
 * templates with every hole escaped. Throws where the page refuses that policy (a page that
 * restricts policy names enforces them, almost always): the caller then has the wasm render
 * instead, which writes no HTML, and the page reports one refusal, not one per element.
 */
export function writeHtml(element, html) {
  if (!toHtml) {
    try {
      const policy = window.trustedTypes?.createPolicy(tag, { createHTML: (markup) => markup });
      toHtml = policy ? (markup) => policy.createHTML(markup) : (markup) => markup;
    } catch (refused) {
      toHtml = () => {
        throw refused;
      };
    }
  }
  element.innerHTML = toHtml(html);
}

/** Text or an attribute value as HTML: the five characters that could end or start markup. */
export const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function fill(segments, at, options, holes) {
  let html = '';
  for (const segment of segments) {
    if (typeof segment === 'string') html += segment;
    else if (typeof segment === 'number') html += values[segment][at];
    else if (segment.v) html += escapeHtml(holes[segment.v]);
    else if (options.has(segment.o)) html += fill(fragments[segment.f], at, options, holes);
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
    key = help.shown === '' ? 'not-found-blank' : 'not-found';
    if (help.suggestions.length) options.add(`suggest:${help.suggestions.join(' ')}`);
  } else if (help.kind === 'topics') {
    key = 'topics';
  }
  const state = key === undefined ? undefined : states[key];
  const shape = state?.shapes.find((candidate) => candidate.placements?.includes(at) ?? true);
  if (!shape) return undefined;
  const reference = help.reference ?? null;
  const holes = { contact: contactLink(placement.contact, reference), settings: placement.settings, shown: help.shown ?? '' };
  return {
    html: fill(shape.segments, at, options, holes),
    heading: state.heading,
    title: state.heading + titleSuffix,
    shown: { reference, article: help.kind === 'article' ? help.article : null },
    links: { [holes.contact]: 'contact', [holes.settings]: 'settings' },
  };
}
