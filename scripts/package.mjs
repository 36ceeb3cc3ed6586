// Trunk's post-build hook (see Trunk.toml): writes the embed entry `nhs-login-help.js` next to
// Trunk's content-hashed glue, wasm and CSS, carrying the contract and the first paint of every
// state the widget can show without interaction (both from `cargo run -p nhs-login-help-tools
// --bin prerender`, which renders the Leptos components natively); the wasm again as a JavaScript
// module (for hosts whose CSP lets scripts, not fetches, reach the widget's origin; see
// embed/nhs-login-help.js); the standalone page's first paint and loader, inline in `index.html`;
// `manifest.json` listing every asset with its SRI hash, for hosts that pin what they load,
// `snippet.html`, the tag to copy into a host page, and the content designers' `gallery.html`. The entry and the standalone script are
// bundled from embed/ (rules.js and paint.js are shared) by scripts/bundle.mjs, with the contract
// and the build's data as modules of their own.
// Runs on `trunk serve` and `trunk build` alike. By hand: `node scripts/package.mjs <dist dir>`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, minifiedScript } from './bundle.mjs';
import { writeFragments } from './fragments.mjs';
import { writePackage } from './npm-package.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('usage: node scripts/package.mjs <dist dir> (or run as a Trunk hook)');
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const files = await readdir(dir);

/** The one file Trunk produced whose name matches `pattern`: its name, SRI hash and bytes. */
async function asset(pattern) {
  const found = files.filter((name) => pattern.test(name));
  if (found.length !== 1) throw new Error(`expected one file matching ${pattern} in ${dir}, found ${found.length}`);
  const bytes = await readFile(join(dir, found[0]));
  return { file: found[0], integrity: integrity(bytes), bytes };
}

/** An asset as the entry and the manifest name it: file and SRI hash. */
const named = ({ file, integrity }) => ({ file, integrity });

/**
 * The wasm as a module whose default export is a string with one character (U+0000–U+00FF) per
 * byte; only the characters a string literal cannot hold are escaped.
 */
function wasmAsModule(bytes) {
  const escapes = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r' };
  let text = '';
  for (const byte of bytes) text += escapes[byte] ?? String.fromCharCode(byte);
  return Buffer.from(`export default "${text}";\n`, 'utf8');
}

/** Release builds are minified (Trunk's own minifier fails on wasm-bindgen's glue). */
const RELEASE = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? '/';

const assets = await widgetAssets();
const { contract, firstPaint, problems } = prerender();
/** The one name a host refers to. */
const ENTRY = `${contract.tag}.js`;
const styles = await readFile(join(dir, assets.forEntry.css.file), 'utf8');

const entry = await bundle('nhs-login-help.js', {
  contract,
  build: { ...firstPaint, ASSETS: assets.forEntry, STYLES: styles },
}, { minified: RELEASE });
await writeFile(join(dir, ENTRY), entry);

// Server-rendered help: each article's first paint as `fragments/<reference>.html`, a declarative
// shadow root a host pastes into its page (scripts/fragments.mjs); the manifest lists them, with
// the `style-src` source their inline style needs.
const fragments = await writeFragments(dir, { contract, firstPaint, styles });
await writeStandalonePage();
writeGallery();
const entryIntegrity = integrity(entry);
await writeSnippet(entryIntegrity);
const manifest = await writeManifest(entryIntegrity, fragments);
// The folder as an npm package: the element's types, its Custom Elements Manifest, the licence and
// package.json (scripts/npm-package.mjs).
await writePackage(dir, { contract, manifest });

/**
 * Trunk's glue (minified in place first: its hash is taken after), the wasm again as a
 * JavaScript module, and the widget's CSS; `forEntry` is how the entry names them.
 */
async function widgetAssets() {
  const glue = await asset(/^nhs-login-help-[0-9a-f]+\.js$/);
  if (RELEASE) await writeFile(join(dir, glue.file), await minifiedScript(glue.bytes.toString('utf8')));
  const wasmBinary = await asset(/^nhs-login-help-[0-9a-f]+_bg\.wasm$/);
  const wasmModule = wasmAsModule(wasmBinary.bytes);
  const wasmModuleFile = wasmBinary.file.replace(/\.wasm$/, '.wasm.js');
  await writeFile(join(dir, wasmModuleFile), wasmModule);
  const forEntry = {
    glue: named(await asset(/^nhs-login-help-[0-9a-f]+\.js$/)),
    wasm: { file: wasmModuleFile, integrity: integrity(wasmModule) },
    css: named(await asset(/^widget-[0-9a-f]+\.css$/)),
  };
  return { forEntry, wasmBinary };
}

/**
 * The contract and every state's first paint, from the components themselves; and, in a
 * development build whose articles have mistakes (crates/core/build.rs), the "Content problems"
 * page that the standalone page shows in their place. A release build never gets here with
 * mistakes (crates/core/build.rs fails it first); should one, it fails here.
 */
function prerender() {
  const prerendered = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'nhs-login-help-tools', '--bin', 'prerender'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  }));
  const { problems } = prerendered;
  if (problems && RELEASE) throw new Error(`${problems.count} problem(s) in the help articles: a release build fails`);
  if (problems) console.warn(`warning: ${problems.count} problem(s) in the help articles: the standalone page shows them in place of the help until they are fixed`);
  return prerendered;
}

/**
 * The standalone page's first paint and loader, inline at the end of index.html's body (and its
 * styles inline in its head): it runs as the parser reaches it, so the help is in the page before
 * its first frame, with no request of its own, and it loads the wasm only when the person reaches
 * for what needs it (embed/first-paint.js). Trunk injects no loader and no preloads
 * (`pattern_script` and `pattern_preload` in Trunk.toml), so nothing else fetches the wasm. Run
 * twice on one build (by hand), nothing is added twice.
 */
async function writeStandalonePage() {
  const MARKER = '<script id="nhs-login-help-first-paint">';
  let index = (await readFile(join(dir, 'index.html'), 'utf8')).replace(/<script id="nhs-login-help-first-paint">[^]*?<\/script>/, '');
  if (/import init|modulepreload|_bg\.wasm/.test(index)) {
    throw new Error(`${dir}/index.html has Trunk's own loader or preloads: keep pattern_script and pattern_preload empty in Trunk.toml`);
  }
  const loader = {
    glue: { href: `${publicUrl}${assets.forEntry.glue.file}`, integrity: assets.forEntry.glue.integrity },
    wasm: { href: `${publicUrl}${assets.wasmBinary.file}`, integrity: assets.wasmBinary.integrity },
    // The designers' gallery, written by writeGallery: where `?gallery` leads.
    gallery: `${publicUrl}gallery.html`,
  };
  const firstPaintScript = await bundle('first-paint.js', { contract, build: { ...firstPaint, LOADER: loader, PROBLEMS: problems } }, {
    format: 'iife',
    minified: RELEASE,
  });
  if (!index.includes('</body>')) throw new Error(`no </body> in ${dir}/index.html`);
  if (!index.includes(`id=${contract.mountId}`) && !index.includes(`id="${contract.mountId}"`)) {
    throw new Error(`${dir}/index.html has no element with the id ${contract.mountId} (crates/core/src/contract.rs) to mount into`);
  }
  index = await inlineStyles(index);
  if (/<\/script|<!--/i.test(firstPaintScript)) throw new Error('the first paint would end or confuse its own script element');
  index = index.replace('</body>', () => `${MARKER}${firstPaintScript}</script></body>`);
  await writeFile(join(dir, 'index.html'), index);
}

/**
 * `index` with the page's own styles inline (the widget's and the page's around it), in place of
 * Trunk's links to them: one request for the whole page, as a static page would be. Run again on
 * the same build, the styles inlined before are replaced.
 */
async function inlineStyles(index) {
  const STYLES = /<style id="nhs-login-help-styles">[^]*?<\/style>/;
  const stylesheets = [assets.forEntry.css, await asset(/^page-[0-9a-f]+\.css$/)];
  const css = (await Promise.all(stylesheets.map(({ file }) => readFile(join(dir, file), 'utf8')))).join('\n');
  if (/<\/style/i.test(css)) throw new Error('the styles would end their own style element');
  const element = `<style id="nhs-login-help-styles">${css}</style>`;
  if (STYLES.test(index)) return index.replace(STYLES, () => element);
  stylesheets.forEach(({ file }, i) => {
    const link = new RegExp(`<link[^>]*href=["']?${publicUrl}${file}["']?[^>]*>`);
    if (!link.test(index)) throw new Error(`no link to ${file} in ${dir}/index.html`);
    index = index.replace(link, () => (i === 0 ? element : ''));
  });
  return index;
}

/**
 * The content designers' gallery, with no wasm: `gallery.html`, every article in frames of the
 * standalone page and of small partner pages (`gallery/<id>.html`), with the build's style
 * checks beside each (tools/src/gallery.rs). Not part of the package or the manifest.
 */
function writeGallery() {
  execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'nhs-login-help-tools', '--bin', 'gallery', '--', dir, publicUrl], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * The tag a host puts in its <head>: the entry alone. No preload hints: the entry carries the
 * first paint and the CSS, so nothing else is fetched before the help shows, and hints for the
 * glue and the wasm would fetch what most pages never use (bench/history.tsv has the runs with
 * hints).
 */
async function writeSnippet(entryIntegrity) {
  const base = `https://cdn.example/${contract.tag}/${contract.version}/`;
  const snippet = [
    `<!-- NHS login help widget ${contract.version}: in the <head>, with ${base} replaced by where this build is published. -->`,
    `<script type="module" src="${base}${ENTRY}" integrity="${entryIntegrity}" crossorigin="anonymous"></script>`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'snippet.html'), snippet);
}

/** `manifest.json`: every asset with its SRI hash, and the server-rendered fragments. */
async function writeManifest(entryIntegrity, fragments) {
  const manifest = {
    name: contract.tag,
    version: contract.version,
    entry: ENTRY,
    assets: Object.fromEntries(
      [
        { file: ENTRY, integrity: entryIntegrity },
        assets.forEntry.glue,
        assets.forEntry.wasm,
        named(assets.wasmBinary),
        assets.forEntry.css,
      ].map(({ file, integrity }) => [file, { integrity }]),
    ),
    fragments,
  };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
