// <nhs-login-help>: the NHS login help widget as a custom element, the one file a host page loads.
// scripts/package.mjs bundles it (with rules.js and paint.js) into the build as
// `nhs-login-help.js`, with the names hosts rely on from Rust (`nhs-login-help:contract`) and the
// build's data (`nhs-login-help:build`): every state the widget can show without interaction,
// prerendered from its Leptos components; ASSETS, the content-hashed glue, wasm (as a JavaScript
// module, see below) and CSS with their SRI hashes; and STYLES, the CSS, shared by every element
// as one constructed stylesheet (which `style-src` does not govern; the CSS file where a page
// refuses it).
//
// Every element shows its help from the prerendered states as soon as this file has run: an article at any
// placement, with the host's links, the feedback question or a deep-linked expander; the fallback
// for a reference we have no help for; the topics. It follows its attributes and the page's URL
// the same way, and sends its events itself. The wasm (the glue and about 104 kB brotli) adds only
// what markup cannot do: searching as the person types, sending feedback, opening an article in
// place. It loads when the person reaches for one of those (pointer down, focus or a key on the
// search field, a feedback button or an article link: INTENT), or on an idle moment
// when answers wait to be sent, then takes over the element keeping what the person opened, typed
// and focused, and replays the click that asked for it. From then on the wasm renders the element
// and asks this class to send its events: one dispatcher for both.
//
// Assets load relative to this file's URL, so the widget can be served from another origin (with
// CORS). No inline script or style and no eval: it runs under
// `default-src 'self'; script-src <widget origin> 'wasm-unsafe-eval'; style-src <widget origin>`.
// That policy leaves `connect-src` at 'self', so the wasm cannot be fetched from the widget's
// origin; it comes as a module instead, its bytes in one string of U+0000–U+00FF (2% more than
// the .wasm after brotli, where base64 would cost a third more).

import { ASSETS, STYLES } from 'nhs-login-help:build';
import { articleLink, attributes, data, events as EVENTS, needsWasm, tag as TAG, version } from 'nhs-login-help:contract';
import { decideElement } from './rules.js';
import { announce, answersWaiting, focusSection, moduleChecked, paint, watchIntents, whenIdle, writeHtml } from './paint.js';

/** What, touched in an element, needs the wasm: the search, feedback, and links that open an article in place. */
const INTENT = `${needsWasm}, ${articleLink}`;
/** What of that a click acts on (a click in the search field only focuses it). */
const CLICKED = `button, ${articleLink}`;

const assetUrl = ({ file }) => new URL(file, import.meta.url).href;

let sheet;

/**
 * One stylesheet for every element, built from the CSS this file carries, so the first paint
 * needs no request of its own; `null` where the page refuses constructed stylesheets (then each
 * element links the CSS file, checked against its hash).
 */
function sharedSheet() {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      if (sheet.cssRules.length === 0) sheet = null;
    } catch {
      sheet = null;
    }
  }
  return sheet;
}

let loading;

const loadChecked = (asset) => moduleChecked(assetUrl(asset), asset.integrity);

/**
 * On an idle moment, loads the glue and the wasm, checked, without starting the wasm, once per
 * page: for help with something the person may reach for (the search field, the feedback
 * question, links to other articles), so the wasm is here when they do, even if the connection
 * has gone by then.
 */
let prefetching = false;
function prefetchWidget() {
  if (prefetching) return;
  prefetching = true;
  whenIdle(() => [ASSETS.glue, ASSETS.wasm].forEach((asset) => loadChecked(asset).catch(() => {})));
}

/**
 * Loads the glue and the wasm once per page, however many elements there are; after a failure
 * (offline for a moment), the next person to reach for it tries again.
 */
function loadWidget() {
  loading ??= (async () => {
    const [glue, wasm] = await Promise.all([loadChecked(ASSETS.glue), loadChecked(ASSETS.wasm)]);
    const text = wasm.default;
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
    await glue.default({ module_or_path: bytes });
    return glue;
  })().catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Settles once the host page has been parsed and a frame has passed: a host that listens from
 * any script in its page or from `DOMContentLoaded` still hears what its elements first showed.
 */
const pageParsed = new Promise((parsed) => {
  const afterFrame = () => requestAnimationFrame(() => setTimeout(parsed));
  // A module script runs before DOMContentLoaded but after readyState has left 'loading'.
  const navigation = performance.getEntriesByType('navigation')[0];
  const done = navigation ? navigation.domContentLoadedEventEnd > 0 : document.readyState !== 'loading';
  if (done) afterFrame();
  else document.addEventListener('DOMContentLoaded', afterFrame, { once: true });
});

/** The connected elements, so a change of the host page's URL reaches every one of them. */
const connected = new Set();

/** Set in the class body: the element follows the host page's URL (private to this file). */
let followUrl;

/** Has every element follow a change of the page's URL at once, in the frame that shows it. */
function urlChanged() {
  for (const element of connected) followUrl(element);
}

class NhsLoginHelpElement extends HTMLElement {
  static observedAttributes = Object.values(attributes).map(({ name }) => name);

  static {
    followUrl = (element) => element.#urlChanged();
  }

  /** The wasm's widget, once it has taken over; `#loading` while it loads. */
  #help = null;
  #loading = false;
  #fallback;
  #firstPaint;
  /** A server-rendered first paint, adopted, until `#show` has asked whether to keep it (`#kept`). */
  #served = null;
  #container;
  #styled;
  /** Whether the stylesheet has settled, so a first paint would show styled. */
  #paintable = false;
  /** What the first paint shows (`paint()`'s result), and whether the element reads the page URL. */
  #painted = null;
  #readsUrl = false;
  /** What the host has been told: the last `shown` detail, and each expander's last state. */
  #told = { shown: null, open: new Map() };
  /** After a change of the page's URL, the `shown` details that wait a task to be sent, in order. */
  #navigated = null;
  /** Events from the first paint before the page was parsed, sent once it has been. */
  #held = [];
  /** The control the person clicked before the wasm was here: its place among INTENT matches. */
  #pending = null;
  /** What to await before the wasm takes over: every press on the page has its click (see `watchIntents`). */
  #pressed = () => null;

  connectedCallback() {
    if (!this.#firstPaint) this.#attachShadowRoot();
    connected.add(this);
    this.#connect();
  }

  disconnectedCallback() {
    // An element moved within the page is disconnected and connected again at once: keep it.
    queueMicrotask(() => {
      if (!this.isConnected) this.#disconnect();
    });
  }

  attributeChangedCallback() {
    if (this.#help) this.#help.refresh();
    else if (this.#paintable) this.#show({ changed: true, warn: true });
  }

  /** The widget's version, from Cargo.toml: the same string its feedback carries. */
  get version() {
    return version;
  }

  /** Shows the help for `reference` (for apps: `el.show('CID7023')`); same as setting `error`. */
  show(reference) {
    this.removeAttribute(attributes.article.name);
    this.setAttribute(attributes.error.name, String(reference ?? ''));
  }

  /**
   * The element's own children stay on show (through the slot) until the first paint or the
   * widget replaces them. A server-rendered element (a fragment of the build, whose declarative
   * shadow root holds its first paint and the CSS inline) is adopted as it is, nodes and all, with
   * the shared stylesheet too (the same CSS); `#show` keeps its first paint if it is still the
   * help asked for.
   */
  #attachShadowRoot() {
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const served = shadow.querySelector(`[${data.firstPaint}]`);
    const shared = sharedSheet();
    if (shared) {
      shadow.adoptedStyleSheets = [shared];
      this.#styled = Promise.resolve();
    } else if (!served) {
      shadow.append(this.#linkStylesheet());
    }
    this.#served = served;
    this.#fallback = document.createElement('slot');
    this.#firstPaint = served ?? document.createElement('div');
    // `toggle` does not bubble, so it is caught on its way down.
    this.#firstPaint.addEventListener('toggle', (event) => this.#toggled(event.target), true);
    this.#firstPaint.addEventListener('click', (event) => this.#clicked(event));
    this.#pressed = watchIntents(this.#firstPaint, INTENT, () => this.#takeOver());
    this.#container = served?.nextElementSibling ?? document.createElement('div');
    if (!served) {
      this.#firstPaint.hidden = this.#container.hidden = true;
      this.#firstPaint.setAttribute(data.firstPaint, '');
      shadow.append(this.#fallback, this.#firstPaint, this.#container);
    }
  }

  /**
   * Whether the server-rendered first paint adopted (`#served`, asked once) is `painted`
   * already, compared as the browser parses both, whatever expanders the person opened: then it
   * stays, nodes and all. Else (the host changed an attribute) it is painted again. On a page that
   * refuses our Trusted Types policy nothing can be parsed: the served help stays on show and the
   * wasm renders what was asked over it, keeping what the person opened.
   */
  #kept(painted) {
    const served = this.#served;
    this.#served = null;
    if (!served) return false;
    const shown = served.innerHTML;
    const parsed = document.createElement('template');
    try {
      writeHtml(parsed, painted.html);
    } catch {
      this.#takeOver();
      return true;
    }
    const closed = (html) => html.replace(/ open=""/g, '');
    return closed(parsed.innerHTML) === closed(shown);
  }

  /** The stylesheet file, for a page that refuses constructed stylesheets; sets `#styled`. */
  #linkStylesheet() {
    const style = Object.assign(document.createElement('link'), {
      rel: 'stylesheet', href: assetUrl(ASSETS.css), integrity: ASSETS.css.integrity, crossOrigin: 'anonymous',
    });
    // An unstyled widget is still usable (native expanders), so a failed stylesheet only warns.
    this.#styled = new Promise((settled) => {
      style.addEventListener('load', settled, { once: true });
      style.addEventListener('error', () => {
        console.warn(`${TAG}: could not load its stylesheet`);
        settled();
      }, { once: true });
    });
    return style;
  }

  async #connect() {
    await this.#styled;
    if (!this.isConnected || this.#help) return;
    this.#paintable = true;
    this.#show({ changed: false, warn: true });
  }

  #urlChanged() {
    if (this.#help) {
      this.#navigated ??= [];
      this.#help.urlChanged();
    } else if (this.#paintable && this.#readsUrl) {
      this.#navigated ??= [];
      this.#show({ changed: true, warn: false });
    }
  }

  /**
   * Shows the help for the element's attributes and the page's URL as the first paint: `changed`
   * when it replaces help the person saw (then it is announced, as the wasm announces it);
   * `warn` prints the warnings for attribute values it ignores.
   */
  #show({ changed, warn }) {
    // While the wasm loads, the first paint still follows: the wasm takes over what is on show.
    if (this.#help) return;
    const decided = decideElement((name) => this.getAttribute(name), location.search, location.hash);
    if (warn) for (const warning of decided.warnings) console.warn(warning);
    this.#readsUrl = decided.settings.source.kind === 'url';
    const painted = paint(decided.help, decided.placement);
    // Already on show: a move within the page or an unrelated attribute keeps what the person
    // opened, as the wasm does.
    if (painted !== undefined && painted.html === this.#painted?.html) return;
    if (painted === undefined || !(this.#kept(painted) || this.#paint(painted))) {
      // The fallback children until the wasm has rendered what the first paint cannot (the
      // gallery, or a page that refuses innerHTML).
      this.#unpaint();
      this.#takeOver();
      return;
    }
    if (changed && this.#painted !== null) announce(this.#firstPaint, painted.heading);
    this.#painted = painted;
    this.#tell(EVENTS.shown.name, painted.shown);
    focusSection(this.#firstPaint, decided.help.section, data.expander);
    if (decided.placement.feedback && answersWaiting()) whenIdle(() => this.#takeOver());
    else if (this.#firstPaint.querySelector(INTENT)) prefetchWidget();
  }

  /** Puts `painted` on show in place of the fallback children; false where the page refuses it. */
  #paint(painted) {
    try {
      writeHtml(this.#firstPaint, painted.html);
    } catch (error) {
      // A page that enforces Trusted Types and allows no policy of ours: the wasm renders instead.
      console.warn(`${TAG}: no first paint`, error);
      return false;
    }
    this.#firstPaint.hidden = false;
    this.#fallback.remove();
    return true;
  }

  #toggled(target) {
    if (!(target instanceof HTMLDetailsElement) || !this.#painted) return;
    const expander = target.getAttribute(data.expander);
    const article = target.closest(`[${data.article}]`)?.getAttribute(data.article);
    if (expander && article) this.#tell(EVENTS.toggle.name, { article, expander, open: target.open });
  }

  /**
   * A contact or settings link followed, told to the host (an app that cancels the event handles
   * it itself); a click on what needs the wasm before it is here, held to be replayed.
   */
  #clicked(click) {
    const target = click.target instanceof Element ? click.target : null;
    const intent = target?.closest(INTENT);
    const newTab = click.ctrlKey || click.metaKey || click.shiftKey || click.button !== 0;
    if (intent?.matches(CLICKED) && !this.#help && !(newTab && intent.matches(articleLink))) {
      click.preventDefault();
      this.#pending = [...this.#firstPaint.querySelectorAll(INTENT)].indexOf(intent);
      this.#takeOver();
      return;
    }
    const link = target?.closest('a[href]');
    const kind = link && this.#painted ? this.#painted.links[link.getAttribute('href')] : undefined;
    if (kind && !this.#emit(EVENTS.link.name, { kind, href: link.getAttribute('href') })) click.preventDefault();
  }

  /** Sends what the first paint showed or the person did, once the page has been parsed. */
  #tell(name, detail) {
    this.#held.push([name, detail]);
    pageParsed.then(() => {
      const held = this.#held.splice(0);
      if (this.isConnected) for (const [heldName, heldDetail] of held) this.#emit(heldName, heldDetail);
    });
  }

  /**
   * The one place the element's events are sent from, for the first paint and the wasm alike:
   * each bubbles out of the shadow root with its fields in `detail`, cancelable only where the
   * contract says (`false` when the host cancelled it). A change is told once: the wasm taking
   * over the help on show, or opening the expanders the person had opened, tells nothing new.
   */
  #emit(name, detail) {
    if (name === EVENTS.shown.name && this.#navigated) {
      // The help follows a new address at once; telling it waits a task, by when a router acting
      // on the same change has taken out the elements it removes (React, Vue and Lit re-render in
      // a microtask after it), so the app hears nothing about help nobody saw.
      if (this.#navigated.push(detail) === 1) {
        setTimeout(() => {
          const waiting = this.#navigated;
          this.#navigated = null;
          if (this.isConnected) for (const shown of waiting) this.#emit(name, shown);
        });
      }
      return true;
    }
    if (name === EVENTS.shown.name) {
      const shown = JSON.stringify(detail);
      if (shown === this.#told.shown) return true;
      this.#told = { shown, open: new Map() };
    } else if (name === EVENTS.toggle.name) {
      const expander = `${detail.article}/${detail.expander}`;
      if (this.#told.open.get(expander) === detail.open) return true;
      this.#told.open.set(expander, detail.open);
    }
    const cancelable = Object.values(EVENTS).some((event) => event.name === name && event.cancelable);
    return this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, cancelable, detail }));
  }

  /**
   * Loads the wasm (once per page) and has it render the element, taking over from the first
   * paint in one task (nothing moves): what the person opened, typed and focused is carried
   * over, and a click they made meanwhile is replayed. Without the wasm, the first paint or the
   * fallback children stay.
   */
  async #takeOver() {
    if (this.#help || this.#loading) return;
    this.#loading = true;
    const [{ glue, error }] = await Promise.all([
      loadWidget().then((loaded) => ({ glue: loaded }), (failed) => ({ error: failed })),
      this.#styled,
    ]);
    // Never between a press and its click, in this element or another: the click would find its
    // target gone or moved.
    if (!error) await this.#pressed();
    this.#loading = false;
    if (error) {
      console.warn(`${TAG}: could not load the widget, so ${this.#painted ? 'its first paint' : 'the fallback content'} stays.`, error);
      this.#tell(EVENTS.error.name, { kind: 'load', message: String(error?.message ?? error) });
      // A link the person chose goes where its markup says, as it would with no script at all.
      const chosen = this.#pending === null ? null : this.#firstPaint.querySelectorAll(INTENT)[this.#pending];
      this.#pending = null;
      if (chosen?.matches(articleLink)) location.assign(chosen.href);
      return;
    }
    if (!this.isConnected || this.#help) return;
    const taking = this.#painted !== null;
    const handover = taking ? glue.Handover.read(this.#firstPaint) : null;
    const pending = this.#pending;
    this.#help = new glue.EmbeddedHelp(this, this.#container, (name, detail) => this.#emit(name, detail), taking);
    this.#unpaint();
    this.#fallback.remove();
    this.#container.hidden = false;
    handover?.apply(this.#container);
    handover?.free();
    this.#pending = null;
    if (pending !== null) this.#container.querySelectorAll(INTENT)[pending]?.click();
  }

  /** Takes the first paint off and puts the fallback children back. */
  #unpaint() {
    this.#painted = null;
    this.#firstPaint.hidden = true;
    this.#firstPaint.replaceChildren();
    this.#firstPaint.before(this.#fallback);
  }

  #disconnect() {
    connected.delete(this);
    this.#paintable = false;
    this.#told = { shown: null, open: new Map() };
    this.#pending = null;
    this.#unpaint();
    if (!this.#help) return;
    this.#help.free();
    this.#help = null;
    this.#container.hidden = true;
  }
}

if (!customElements.get(TAG)) {
  // The unit every size in style/widget.css is a multiple of, registered as a <length> so it
  // computes to one length at the widget's root (browsers ignore @property in a shadow root).
  // Where it cannot be registered (an older browser), the CSS keeps its fixed px sizes.
  try {
    CSS.registerProperty({ name: '--nhs-login-help-px', syntax: '<length>', inherits: true, initialValue: '1px' });
  } catch {
    // No CSS.registerProperty, or the page registered the name first: its registration stands.
  }
  customElements.define(TAG, NhsLoginHelpElement);
  addEventListener('popstate', urlChanged);
  addEventListener('hashchange', urlChanged);
  if (window.navigation) {
    navigation.addEventListener('currententrychange', urlChanged);
  } else {
    // Without the Navigation API, history.pushState and replaceState fire no event.
    for (const method of ['pushState', 'replaceState']) {
      const original = history[method];
      history[method] = function (...args) {
        const result = original.apply(this, args);
        urlChanged();
        return result;
      };
    }
  }
}
