// Server-rendered help, written into a build by scripts/package.mjs: `fragments/<reference>.html`
// for each article with each reference it answers (`fragments/CID7023.html`), and
// `fragments/<article id>.html` for an article without one (`article="nhsmail-login"`), and
// `fragments/topics.html` (the topics and the search, an element without attributes), at the
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
  const { attributes } = contract;
  // An article's state is `<article id>|<reference>` (the reference empty for none). The topics
  // are an element without attributes, which reads the page's URL. The fallback for a reference
  // we have no help for is no fixed help: it echoes what was given.
  const wanted = Object.keys(firstPaint.states).filter((state) => state.includes('|')).map((key) => {
    const [article, reference] = key.split('|');
    const given = reference ? { [attributes.error.name]: reference } : { [attributes.article.name]: article };
    return { key, name: reference || article, given, is: (help) => help.kind === 'article' && help.article === article && (help.reference ?? '') === reference };
  });
  wanted.push({ key: 'topics', name: 'topics', given: {}, is: (help) => help.kind === 'topics', what: 'the help topics, shown with no script needed (searching them needs the script)' });
  for (const { key, name, given, is, what = `the help for ${name}, shown with no script needed` } of wanted) {
    if (files[name]) throw new Error(`fragments: two states would be ${name}.html`);
    const rendered = serverRendered(given, { styles, fallback: FALLBACK });
    if (!rendered || !is(rendered.help)) throw new Error(`fragments: ${key} did not render as its own state (${JSON.stringify(rendered?.help)})`);
    const comment = `<!-- NHS login help widget ${contract.version}: ${what}. Under a Content-Security-Policy its style needs style-src ${styleSrc}. -->`;
    await writeFile(join(dir, FRAGMENTS, `${name}.html`), `${comment}\n${rendered.html}\n`);
    files[name] = `${FRAGMENTS}/${name}.html`;
  }
  return { styleSrc, files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) };
}
