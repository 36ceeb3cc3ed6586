// Server-rendered help: an element's first paint as HTML a host can put in its own page, so the
// help shows with no script at all. Never shipped to a browser: scripts/fragments.mjs bundles it
// with the build's data, as the entry is bundled, and runs it in Node at build time. The help is
// what the entry's own `decideElement` and `paint` give for the same attributes, in the shadow
// root the entry builds (`#attachShadowRoot` in nhs-login-help.js) once it has painted: the
// first paint, then the wasm's empty container; no slot, so the element's own children stay
// hidden. A declarative shadow root cannot adopt the entry's constructed stylesheet, so the CSS
// comes inline, in a `<style>` a host's CSP allows by its hash. When the entry loads, it adopts
// this shadow root as it is (see nhs-login-help.js).

import { data, tag } from 'nhs-login-help:contract';
import { decideElement } from './rules.js';
import { escapeHtml, paint } from './paint.js';

/**
 * `<nhs-login-help>` with `attributes` (`{ name: value }`) as HTML with a declarative shadow root:
 * `{ html, help }`, `help` being what was decided (for the caller to check), or `undefined` where
 * the first paint does not cover the help. `styles` is the widget's CSS; `fallback`, the
 * element's own children (shown by a browser without declarative shadow roots).
 */
export function serverRendered(attributes, { styles, fallback }) {
  const decided = decideElement((name) => attributes[name] ?? null, '', '');
  if (decided.warnings.length) throw new Error(decided.warnings.join('\n'));
  const painted = paint(decided.help, decided.placement);
  if (painted === undefined) return undefined;
  if (/<\/style/i.test(styles)) throw new Error('the styles would end their own style element');
  const named = Object.entries(attributes).map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  const shadow = `<style>${styles}</style><div ${data.firstPaint}>${painted.html}</div><div hidden></div>`;
  return {
    html: `<${tag}${named}><template shadowrootmode="open">${shadow}</template>${fallback}</${tag}>`,
    help: decided.help,
  };
}
