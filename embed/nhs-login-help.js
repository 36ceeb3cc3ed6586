// <nhs-login-help>: the NHS login help widget as a custom element, the one file a host page loads.
// scripts/package.mjs copies this file into the build as `nhs-login-help.js` and fills in
// ASSETS: the widget's version and the content-hashed names of the wasm-bindgen glue, the wasm
// (as a JavaScript module, see below) and the CSS, with their SRI hashes; FIRST_PAINT, every
// article's markup as the widget renders it in an element with default attributes, with its
// `shown` event and its links' kinds (from examples/first_paint.rs), which this file shows and
// tells the host itself, with no wasm (see NhsLoginHelpElement); and STYLES, the CSS, so that
// needs no request either (one constructed stylesheet, which `style-src` does not govern; the CSS
// file where a page refuses it). Every asset is loaded relative to this file's own URL, so the
// widget can be served from another origin (with CORS). No inline script or style and no eval:
// it runs under
// `default-src 'self'; script-src <widget origin> 'wasm-unsafe-eval'; style-src <widget origin>`.
// That policy leaves `connect-src` at 'self', so the wasm cannot be fetched from the widget's
// origin; it comes as a module instead, its bytes in one string of U+0000–U+00FF (2% more
// than the .wasm after brotli, where base64 would cost a third more).

const ASSETS = __NHS_LOGIN_HELP_ASSETS__;
const FIRST_PAINT = __NHS_LOGIN_HELP_FIRST_PAINT__;
const STYLES = __NHS_LOGIN_HELP_STYLES__;
const TAG = 'nhs-login-help';

/** The attributes the widget reads (see ELEMENT_ATTRIBUTES in src/config.rs). */
const ATTRIBUTES = [
  'error', 'article', 'param', 'variant', 'heading-level', 'contact-url', 'settings-url', 'feedback-url', 'history',
];

/** Attributes that change the widget's links or add the feedback form: with any of them set, nothing is painted before the wasm. */
const UNPAINTED_ATTRIBUTES = ['contact-url', 'settings-url', 'feedback-url'];

/**
 * The element's heading level and variant as the first paint can be sure of them: the defaults,
 * or `heading-level` 2 to 6 and `variant` page or inline written exactly so; `undefined` for any
 * other spelling, which only the wasm reads.
 */
function placementOf(element) {
  const level = element.getAttribute('heading-level') ?? '2';
  const variant = element.getAttribute('variant') ?? 'page';
  return /^[2-6]$/.test(level) && ['page', 'inline'].includes(variant) ? { level: Number(level), variant } : undefined;
}

/**
 * The first paint's markup (built for the default placement: an `h2` title with `h3` headings
 * under it, page variant) at another heading level and variant, as the widget renders it there:
 * the root's and the title's classes and the heading elements change, nothing else.
 */
function placed(html, { level, variant }) {
  if (level === 2 && variant === 'page') return html;
  const below = Math.min(level + 1, 6);
  let placedHtml = html.replace(/<(\/?)h3\b/g, `<$1h${below}`).replace(/<(\/?)h2\b/g, `<$1h${level}`);
  if (variant === 'inline') {
    placedHtml = placedHtml
      .replace('<div class="nhs-login-help">', '<div class="nhs-login-help nhs-login-help--inline">')
      .replace(`<h${level} class="nhsuk-heading-l">`, `<h${level} class="nhsuk-heading-s">`);
  }
  return placedHtml;
}

/**
 * The help the widget would render for `element`, where that is certain without the wasm:
 * default links and no feedback form, a heading level and variant written plainly, and an
 * `error` code or `article` id exactly as the articles give it (or, with neither, the one value of
 * its query parameter in a page URL with no section or fragment). `{ help, html }`: the
 * FIRST_PAINT entry (markup, `shown` detail, link kinds) and its markup at the element's
 * placement. Anything else is `undefined` and needs the wasm, which alone reads every form of a
 * reference.
 */
function firstPaintFor(element) {
  const placement = placementOf(element);
  if (!placement || UNPAINTED_ATTRIBUTES.some((name) => element.hasAttribute(name))) return undefined;
  const given = (name) => (element.getAttribute(name)?.trim() ? element.getAttribute(name) : null);
  let [table, key] = [FIRST_PAINT.codes, given('error')];
  if (key === null && given('article') !== null) [table, key] = [FIRST_PAINT.articles, given('article').trim()];
  if (key === null) {
    const query = new URLSearchParams(location.search);
    const values = query.getAll(given('param')?.trim() ?? 'error');
    if (location.hash || query.has('section') || values.length !== 1) return undefined;
    [key] = values;
  }
  if (!Object.hasOwn(table, key)) return undefined;
  const help = FIRST_PAINT.help[table[key]];
  return { help, html: placed(help.html, placement) };
}

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

/**
 * Imports a module after checking it against its SRI hash: a module preload can carry an
 * integrity check where import() cannot, and the import then uses the checked module.
 */
function importChecked(asset) {
  const href = assetUrl(asset);
  const preload = Object.assign(document.createElement('link'), {
    rel: 'modulepreload', href, integrity: asset.integrity, crossOrigin: 'anonymous',
  });
  document.head.append(preload);
  return import(href);
}

/** Loads the glue and the wasm once per page, however many elements there are. */
function loadWidget() {
  loading ??= (async () => {
    const [glue, wasm] = await Promise.all([importChecked(ASSETS.glue), importChecked(ASSETS.wasm)]);
    const text = wasm.default;
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
    await glue.default({ module_or_path: bytes });
    return glue;
  })();
  return loading;
}

/**
 * Sends `name` from `element` to the host page as the wasm does (src/host/element.rs): bubbling
 * out of the shadow root, its fields in `detail`, only a `link` event cancelable. False when the
 * host cancelled it.
 */
function notify(element, name, detail) {
  const cancelable = name === `${TAG}:link`;
  return element.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, cancelable, detail }));
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

function urlChanged() {
  for (const element of connected) followUrl(element);
}

/**
 * An article the build rendered (FIRST_PAINT) is shown and told to the host by this file alone:
 * its markup, the `shown` event, and the `toggle` and `link` events as the person opens
 * expanders and follows links, the same events the wasm sends for the same markup. The wasm (the
 * glue and 113 kB brotli) is fetched only for what needs it: an unknown or malformed reference,
 * the topics and search, a link or feedback setting, a section, any spelling only Rust reads, a
 * page that refuses innerHTML (Trusted Types). Once it has mounted, it alone renders the element.
 */
class NhsLoginHelpElement extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  static {
    followUrl = (element) => element.#urlChanged();
  }

  /** The wasm's widget, once mounted; `#mounting` while it loads. */
  #help = null;
  #mounting = false;
  #fallback;
  #firstPaint;
  #container;
  #styled;
  /** Whether the stylesheet has settled, so a first paint would show styled. */
  #paintable = false;
  /** What is on show without the wasm (`firstPaintFor`'s `{ help, html }`), and the help last told to the host. */
  #painted = null;
  #announced = null;

  connectedCallback() {
    if (!this.shadowRoot) this.#attachShadowRoot();
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
    else if (this.#paintable) this.#show();
  }

  /** The widget's version, from Cargo.toml: the same string its feedback carries. */
  get version() {
    return ASSETS.version;
  }

  /** Shows the help for `reference` (for apps: `el.show('CID7023')`); same as setting `error`. */
  show(reference) {
    this.removeAttribute('article');
    this.setAttribute('error', String(reference ?? ''));
  }

  /**
   * The element's own children stay on show (through the slot) until the first paint or the
   * widget replaces them.
   */
  #attachShadowRoot() {
    const shadow = this.attachShadow({ mode: 'open' });
    const sheet = sharedSheet();
    if (sheet) {
      shadow.adoptedStyleSheets = [sheet];
      this.#styled = Promise.resolve();
    } else {
      shadow.append(this.#linkStylesheet());
    }
    this.#fallback = document.createElement('slot');
    this.#firstPaint = document.createElement('div');
    this.#firstPaint.hidden = true;
    this.#firstPaint.dataset.firstPaint = '';
    // `toggle` does not bubble, so it is caught on its way down.
    this.#firstPaint.addEventListener('toggle', (event) => this.#toggled(event.target), true);
    this.#firstPaint.addEventListener('click', (event) => this.#clicked(event));
    this.#container = document.createElement('div');
    this.#container.hidden = true;
    shadow.append(this.#fallback, this.#firstPaint, this.#container);
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
    // What needs the wasm starts loading it at once, beside the stylesheet.
    if (firstPaintFor(this) === undefined) this.#mount();
    await this.#styled;
    if (!this.isConnected) return;
    this.#paintable = true;
    this.#show();
  }

  #urlChanged() {
    if (this.#help) this.#help.urlChanged();
    else if (this.#paintable) this.#show();
  }

  /** Shows the help for the element's attributes and the page's URL: the first paint if there is one, else the wasm. */
  #show() {
    if (this.#help || this.#mounting) return;
    const painted = firstPaintFor(this);
    // Already on show: a move within the page or an unrelated attribute keeps what the person
    // opened, as the wasm does.
    if (painted !== undefined && painted.html === this.#painted?.html) return;
    if (painted === undefined || !this.#paint(painted.html)) {
      // The fallback children, not help for something else, until the wasm has rendered.
      this.#unpaint();
      this.#mount();
      return;
    }
    this.#painted = painted;
    // As the wasm does, only a change of help is told, not a change of placement.
    if (this.#announced === painted.help) return;
    this.#announced = painted.help;
    pageParsed.then(() => {
      if (this.#painted?.help === painted.help && this.isConnected) notify(this, `${TAG}:shown`, { ...painted.help.shown });
    });
  }

  /** Puts `html` on show in place of the fallback children; false where the page refuses it. */
  #paint(html) {
    try {
      this.#firstPaint.innerHTML = html;
    } catch (error) {
      // A page that enforces Trusted Types refuses innerHTML: the wasm renders instead.
      console.warn(`${TAG}: no first paint`, error);
      return false;
    }
    this.#firstPaint.hidden = false;
    this.#fallback.remove();
    return true;
  }

  #toggled(target) {
    if (!(target instanceof HTMLDetailsElement) || !this.#painted || !target.dataset.expander) return;
    const article = target.closest('[data-article]')?.dataset.article;
    notify(this, `${TAG}:toggle`, { article, expander: target.dataset.expander, open: target.open });
  }

  /** A contact or settings link followed; an app that cancels the event handles it itself. */
  #clicked(click) {
    const link = click.target instanceof Element ? click.target.closest('a[href]') : null;
    const href = link?.getAttribute('href');
    const links = this.#painted?.help.links;
    const kind = link && links && Object.hasOwn(links, href) ? links[href] : undefined;
    if (kind && !notify(this, `${TAG}:link`, { kind, href })) click.preventDefault();
  }

  /** Loads the wasm (once per page) and mounts it; the fallback children stay until then, or for good if it fails. */
  async #mount() {
    if (this.#help || this.#mounting) return;
    this.#mounting = true;
    const [{ glue, error }] = await Promise.all([
      loadWidget().then((loaded) => ({ glue: loaded }), (failed) => ({ error: failed })),
      this.#styled,
    ]);
    this.#mounting = false;
    if (error) {
      console.warn(`${TAG}: could not load the widget, so the fallback content stays.`, error);
      return;
    }
    if (!this.isConnected || this.#help) return;
    this.#help = new glue.EmbeddedHelp(this, this.#container);
    this.#unpaint();
    this.#fallback.remove();
    this.#container.hidden = false;
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
    this.#announced = null;
    this.#unpaint();
    if (!this.#help) return;
    this.#help.free();
    this.#help = null;
    this.#container.hidden = true;
  }
}

if (!customElements.get(TAG)) {
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
