// The standalone page's first paint. `scripts/package.mjs` fills in FIRST_PAINT (every article's
// markup as the widget first renders it on this page, from examples/first_paint.rs) and puts
// this script inline at the end of `index.html`'s body, so the article is in the page before its
// first frame; the wasm takes over from it when it has loaded (`src/host/standalone.rs`),
// keeping the expanders the person opened and their focus. A classic script, so everything is
// inside one block: nothing leaks into the page's global scope.
// Only a plain `?error=<code>` or `?article=<id>` on a page without settings is painted here;
// anything else (a section, a fragment, a malformed reference, the gallery) waits for the wasm,
// which alone reads it fully.

{
  const FIRST_PAINT = __NHS_LOGIN_HELP_FIRST_PAINT__;

  /** The mount element's attribute that says it holds the first paint, not the widget. */
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

  const mount = document.getElementById('nhs-login-help-standalone');
  const help = mount && !SETTINGS.some((name) => mount.hasAttribute(name)) && helpForUrl();
  // Only over the page's own fallback: never over a widget that is already there.
  if (help && !mount.querySelector('.nhs-login-help')) {
    try {
      mount.innerHTML = help.html;
      mount.setAttribute(MARK, '');
      document.title = help.title;
    } catch (error) {
      // A page that enforces Trusted Types refuses innerHTML: the fallback stays until the wasm.
      console.warn('nhs-login-help: no first paint', error);
    }
  }
}
