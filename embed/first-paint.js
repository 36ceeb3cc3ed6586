// The standalone page's first paint and its loader. `scripts/package.mjs` bundles it (with
// rules.js and paint.js) as a classic script inline at the end of `index.html`'s body, with the
// build's data as `nhs-login-help:build`: CONTRACT, the names from Rust; FIRST_PAINT, every state
// prerendered from the Leptos components; LOADER, the wasm-bindgen glue's address and SRI hash,
// and the wasm's address (Trunk itself injects no loader, see Trunk.toml). So the help for the
// page's URL is in the page before its first frame.
//
// Every state that needs no interaction is painted here (an article, with a deep-linked expander
// open and focused, the fallback, the topics); only the gallery needs the wasm at once. The page
// follows back, forward and fragment links the same way, announcing the new help. The wasm loads
// when the person reaches for the search field or the feedback buttons, or when answers wait to
// be sent, and takes over from the first paint (`src/host/standalone.rs`), keeping the expanders
// the person opened, what they typed and their focus. Links to other articles are ordinary links
// to this page.

import { CONTRACT, LOADER } from 'nhs-login-help:build';
import { decidePage } from './rules.js';
import { announce, focusSection, paint } from './paint.js';

const { data: DATA } = CONTRACT;

const mount = document.getElementById(CONTRACT.mountId);

/** A button the person pressed before the wasm was here: its place among the mount's buttons. */
let pending = null;

/**
 * Loads the glue, checked against its hash, and the wasm, which mounts the widget in its place
 * (`src/host/standalone.rs`); once. Then replays the button press that asked for it.
 */
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
    .then(() => {
      if (pending !== null) mount.querySelectorAll('button')[pending]?.click();
    })
    .catch((error) => console.warn(`${CONTRACT.tag}: could not load the widget, so the page stays as it is`, error))
    .finally(() => { pending = null; });
}

/** Whether answers to "Was this helpful?" wait in this browser to be sent. */
function answersWaiting() {
  try {
    return Boolean(localStorage.getItem(CONTRACT.feedbackQueueKey));
  } catch {
    return false;
  }
}

/**
 * Paints the help for the page's URL over what the mount holds; `changed` when it replaces help
 * the person saw (then it is announced). False where there is no first paint for it (the
 * gallery) or the page refuses innerHTML (Trusted Types).
 */
let shown = null;
function show(changed) {
  const decided = decidePage({
    search: location.search,
    hash: location.hash,
    headingLevel: mount.getAttribute(DATA.headingLevel),
    feedbackUrl: mount.getAttribute(DATA.feedbackUrl),
  });
  const painted = paint(decided.help, decided.placement);
  if (!painted) return false;
  // A fragment link fires both popstate and hashchange: the help on show stays as it is.
  if (painted.html === shown) return true;
  try {
    mount.innerHTML = painted.html;
  } catch (error) {
    console.warn(`${CONTRACT.tag}: no first paint`, error);
    return false;
  }
  shown = painted.html;
  mount.setAttribute(DATA.firstPaint, location.search + location.hash);
  document.title = painted.title;
  if (changed) announce(mount, painted.heading);
  focusSection(mount, decided.help.section, DATA.expander);
  if (decided.placement.feedback && answersWaiting()) {
    (window.requestIdleCallback ?? setTimeout)(start, 1000);
  }
  return true;
}

if (mount) {
  if (show(false)) {
    for (const intent of ['pointerdown', 'focusin', 'keydown']) {
      mount.addEventListener(intent, (event) => {
        if (event.target instanceof Element && event.target.closest(CONTRACT.needsWasm)) start();
      }, true);
    }
    mount.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (!button || !mount.hasAttribute(DATA.firstPaint)) return;
      pending = [...mount.querySelectorAll('button')].indexOf(button);
      start();
    });
    // Until the wasm is here, the first paint follows the URL; then the wasm does.
    const follow = () => {
      if (!started && !show(true)) start();
    };
    addEventListener('popstate', follow);
    addEventListener('hashchange', follow);
  } else {
    start();
  }
}
