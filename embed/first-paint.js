// The standalone page's first paint and its loader. `scripts/package.mjs` fills in FIRST_PAINT
// (every article's markup as the widget first renders it on this page, from
// examples/first_paint.rs) and LOADER (the wasm-bindgen glue's address and SRI hash, and the
// wasm's address; Trunk itself injects no loader, see Trunk.toml) and puts this script inline at
// the end of `index.html`'s body, so the article is in the page before its first frame.
// Only a plain `?error=<code>` or `?article=<id>` on a page without settings is painted here;
// anything else (a section, a fragment, a malformed reference, the gallery, the topics) needs the
// wasm, which alone reads it fully, and which this script then loads at once. A painted article
// needs nothing more, so the wasm loads only when the page's URL changes without a page load
// (back, forward, a fragment): then it takes over from the first paint (`src/host/standalone.rs`),
// keeping the expanders the person opened and their focus. A classic script, so everything is
// inside one block: nothing leaks into the page's global scope.

{
  const FIRST_PAINT = __NHS_LOGIN_HELP_FIRST_PAINT__;
  const LOADER = __NHS_LOGIN_HELP_LOADER__;

  /** The mount element's attribute that says it holds the first paint, not the widget, and for which query string. */
  const MARK = 'data-first-paint';

  /** The mount element's settings (src/host/standalone.rs) that change what the widget renders. */
  const SETTINGS = ['data-heading-level', 'data-feedback-url'];

  /** `FIRST_PAINT.help`'s entry for the page's URL, if the URL is one this page paints. */
  function helpForUrl() {
    const query = new URLSearchParams(location.search);
    if (location.hash || query.has('section') || query.has('gallery')) return undefined;
    const [table, name] = query.has('article') ? [FIRST_PAINT.articles, 'article'] : [FIRST_PAINT.codes, 'error'];
    const values = query.getAll(name);
    if (values.length !== 1 || !Object.hasOwn(table, values[0])) return undefined;
    return FIRST_PAINT.help[table[values[0]]];
  }

  /** Loads the glue, checked against its hash, and the wasm, which mounts the widget; once. */
  let started = false;
  function start() {
    if (started) return;
    started = true;
    // A module preload carries the integrity check that import() cannot; the import uses it.
    document.head.append(Object.assign(document.createElement('link'), {
      rel: 'modulepreload', href: LOADER.glue.href, integrity: LOADER.glue.integrity, crossOrigin: 'anonymous',
    }));
    import(LOADER.glue.href)
      .then((glue) => glue.default({ module_or_path: LOADER.wasm.href }))
      .catch((error) => console.warn('nhs-login-help: could not load the widget, so the page stays as it is', error));
  }

  const mount = document.getElementById('nhs-login-help-standalone');
  const help = mount && !SETTINGS.some((name) => mount.hasAttribute(name)) && helpForUrl();
  let painted = false;
  // Only over the page's own fallback: never over a widget that is already there.
  if (help && !mount.querySelector('.nhs-login-help')) {
    try {
      mount.innerHTML = help.html;
      mount.setAttribute(MARK, location.search);
      document.title = help.title;
      painted = true;
    } catch (error) {
      // A page that enforces Trusted Types refuses innerHTML: the fallback stays until the wasm.
      console.warn('nhs-login-help: no first paint', error);
    }
  }
  if (painted) {
    for (const type of ['popstate', 'hashchange']) addEventListener(type, start);
  } else {
    start();
  }
}
