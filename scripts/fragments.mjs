// Server-rendered help, written into a build by scripts/package.mjs: `fragments/<reference>.html`
// for each article with each reference it answers (`fragments/CID7023.html`), and
// `fragments/<article id>.html` for an article without one (`article="nhsmail-login"`), at the
// element's default placement (heading level 2, the page variant, the default contact and
// settings links). Each is `<nhs-login-help>` with a declarative shadow root holding the entry's
// first paint, which a host pastes into its HTML: the help shows with no script, and the entry,
// if the page loads it, adopts it as it is. The markup comes from the entry's own rules and paint
// (embed/fragments.js, bundled like the entry and run here), never from a second renderer.
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle } from './bundle.mjs';

/** Where the fragments go in a build. */
export const FRAGMENTS = 'fragments';

/** The element's own children, as the README's snippet has them. */
const FALLBACK = '<a href="https://help.login.nhs.uk/">Get help with NHS login</a>';

/**
 * Writes the fragments into `dir` (replacing any written before) from the build's `contract`,
 * `firstPaint` and `styles` (the widget's CSS). Returns what manifest.json says of them: their
 * folder, each file by the reference or article id it is named after, and the `style-src`
 * source that lets their inline style through a host's CSP.
 */
export async function writeFragments(dir, { contract, firstPaint, styles }) {
  const code = await bundle('fragments.js', { contract, build: firstPaint }, { minified: false });
  const { serverRendered } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const styleSrc = `'sha256-${createHash('sha256').update(styles, 'utf8').digest('base64')}'`;
  await rm(join(dir, FRAGMENTS), { recursive: true, force: true });
  await mkdir(join(dir, FRAGMENTS));
  const files = {};
  // An article's state is `<article id>|<reference>` (the reference empty for none); the
  // fallback and the topics are not fixed help (they echo what was given, or need the wasm to search).
  for (const key of Object.keys(firstPaint.states).filter((state) => state.includes('|'))) {
    const [article, reference] = key.split('|');
    const { attributes } = contract;
    const rendered = serverRendered(reference ? { [attributes.error.name]: reference } : { [attributes.article.name]: article }, { styles, fallback: FALLBACK });
    const help = rendered?.help;
    if (help?.kind !== 'article' || help.article !== article || (help.reference ?? '') !== reference) {
      throw new Error(`fragments: ${key} did not render as its own state (${JSON.stringify(help)})`);
    }
    const name = reference || article;
    const comment = `<!-- NHS login help widget ${contract.version}: the help for ${name}, with no script needed. Under a Content-Security-Policy its style needs style-src ${styleSrc}. -->`;
    await writeFile(join(dir, FRAGMENTS, `${name}.html`), `${comment}\n${rendered.html}\n`);
    files[name] = `${FRAGMENTS}/${name}.html`;
  }
  return { styleSrc, files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) };
}
