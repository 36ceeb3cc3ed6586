// The standalone page's first paint and its loader. `scripts/package.mjs` bundles it (with
// rules.js and paint.js) as a classic script inline at the end of `index.html`'s body, with the
// names from Rust (`nhs-login-help:contract`) and the build's data (`nhs-login-help:build`): every
// state prerendered from the Leptos components, and LOADER, the wasm-bindgen glue's address and
// SRI hash, and the wasm's address (Trunk itself injects no loader, see Trunk.toml). So the help
// for the page's URL is in the page before its first frame.
//
// Every state that needs no interaction is painted here (an article, with a deep-linked expander
// open and focused, the fallback, the topics); `?gallery` leads to the designers' gallery, a page
// of its own that the build writes beside this one (LOADER.gallery, no wasm). The page
// follows back, forward and links to a hash the same way, announcing the new help. The wasm loads
// when the person reaches for the search field or the feedback buttons, or when answers wait to
// be sent, and takes over from the first paint (`src/host/standalone.rs`), keeping the expanders
// the person opened, what they typed and their focus. Links to other articles are ordinary links
// to this page.

import { LOADER, PROBLEMS } from 'nhs-login-help:build';
import { data as DATA, mountId, needsWasm, tag } from 'nhs-login-help:contract';
import { decidePage } from './rules.js';
import { announce, answersWaiting, focusSection, moduleChecked, paint, watchIntents, whenIdle, writeHtml } from './paint.js';

const mount = document.getElementById(mountId);

/** A button the person pressed before the wasm was here: its place among the mount's buttons. */
let pending = null;
/** What to await before the wasm takes over: every press on the page has its click (see `watchIntents`). */
let pressed = () => null;

/**
 * Loads the glue and the wasm, each checked against its hash, and the wasm mounts the widget in
 * place of the first paint (`src/host/standalone.rs`); once. Then replays the button press that
 * asked for it.
 */
let started = false;
function start() {
  if (started) return;
  started = true;
  const wasm = wasmChecked();
  glueChecked()
    // The wasm mounts in place of the first paint: never between a press and its click.
    .then(async (glue) => {
      await pressed();
      return glue.default({ module_or_path: wasm });
    })
    .then(() => {
      if (pending !== null) mount.querySelectorAll('button')[pending]?.click();
    })
    .catch((error) => console.warn(`${tag}: could not load the widget, so the page stays as it is`, error))
    .finally(() => { pending = null; });
}

/**
 * The wasm, fetched once (from this page's origin) and checked against its hash; after a failure
 * (an idle fetch while offline), the next call fetches it again.
 */
let wasmFetch;
const wasmChecked = () => {
  wasmFetch ??= fetch(LOADER.wasm.href, { integrity: LOADER.wasm.integrity }).catch((error) => {
    wasmFetch = undefined;
    throw error;
  });
  return wasmFetch;
};

const glueChecked = () => moduleChecked(LOADER.glue.href, LOADER.glue.integrity);

/** On an idle moment: the glue loaded and the wasm fetched, checked, so they are here when needed. */
function prefetch() {
  glueChecked().catch(() => {});
  wasmChecked().catch(() => {});
}

/**
 * Paints the help for the page's URL over what the mount holds; `changed` when it replaces help
 * the person saw (then it is announced); the gallery's address leads to the gallery. False
 * where the page refuses the first paint (Trusted Types with no policy of ours allowed).
 */
let shown = null;
function show(changed) {
  const decided = decidePage({
    search: location.search,
    hash: location.hash,
    headingLevel: mount.getAttribute(DATA.headingLevel),
    feedbackUrl: mount.getAttribute(DATA.feedbackUrl),
  });
  if (decided.help.kind === 'gallery') {
    location.replace(LOADER.gallery);
    return true;
  }
  const painted = paint(decided.help, decided.placement);
  if (!painted) return false;
  // A link to a hash fires both popstate and hashchange: the help on show stays as it is.
  if (painted.html === shown) return true;
  try {
    writeHtml(mount, painted.html);
  } catch (error) {
    console.warn(`${tag}: no first paint`, error);
    return false;
  }
  shown = painted.html;
  mount.setAttribute(DATA.firstPaint, location.search + location.hash);
  document.title = painted.title;
  if (changed) announce(mount, painted.heading);
  focusSection(mount, decided.help.section, DATA.expander);
  // Answers waiting are sent as soon as the page is idle; help with a search field or the feedback
  // question has the wasm fetched then, so it is here when the person reaches for them.
  if (decided.placement.feedback && answersWaiting()) whenIdle(start);
  else if (mount.querySelector(needsWasm)) whenIdle(prefetch);
  return true;
}

/**
 * A development build whose articles have mistakes (see crates/core/build.rs) shows them,
 * whatever the URL asks for: `PROBLEMS` is the "Content problems" page the components render
 * (null in a release build, which fails instead). Trunk reloads the page when a build succeeds,
 * so it shows the help again by itself once they are fixed. Where the page refuses markup, the
 * wasm shows them.
 */
function showProblems() {
  try {
    writeHtml(mount, PROBLEMS.html);
  } catch (error) {
    console.warn(`${tag}: no first paint`, error);
    start();
    return;
  }
  document.title = PROBLEMS.title;
}

if (mount && PROBLEMS) {
  showProblems();
} else if (mount) {
  if (show(false)) {
    pressed = watchIntents(mount, needsWasm, start);
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
