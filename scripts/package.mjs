// Trunk's post-build hook (see Trunk.toml): writes the embed entry `nhs-login-help.js` next to
// Trunk's content-hashed glue, wasm and CSS, with every article's first paint in it (see
// examples/first_paint.rs); the wasm again as a JavaScript module (for hosts whose CSP lets
// scripts, not fetches, reach the widget's origin; see embed/nhs-login-help.js); the standalone
// page's first-paint module, which `index.html` now loads before Trunk's loader;
// `manifest.json` listing every asset with its SRI hash, for hosts that pin what they load, and
// `snippet.html`, the tags to copy into a host page (the entry and its preload hints).
// Runs on `trunk serve` and `trunk build` alike. By hand: `node scripts/package.mjs <dist dir>`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error('usage: node scripts/package.mjs <dist dir> (or run as a Trunk hook)');
const ENTRY = 'nhs-login-help.js';

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

/**
 * In a release build, `code` minified (Trunk's own minifier fails on wasm-bindgen's glue, so the
 * glue would otherwise ship as written); in a development build, as it is.
 */
const RELEASE = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
async function minified(code) {
  if (!RELEASE) return code;
  const { code: small } = await minify(code, { module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } });
  return small;
}

// The glue, minified in place; Trunk's index.html pins it by hash, so the hash follows.
{
  const glue = await asset(/^nhs-login-help-[0-9a-f]+\.js$/);
  const small = Buffer.from(await minified(glue.bytes.toString('utf8')));
  await writeFile(join(dir, glue.file), small);
  const indexHtml = await readFile(join(dir, 'index.html'), 'utf8');
  if (!indexHtml.includes(glue.integrity)) throw new Error(`index.html does not pin ${glue.file} by its hash`);
  await writeFile(join(dir, 'index.html'), indexHtml.replaceAll(glue.integrity, integrity(small)));
}

const wasmBinary = await asset(/^nhs-login-help-[0-9a-f]+_bg\.wasm$/);
const wasmModule = wasmAsModule(wasmBinary.bytes);
const wasmModuleFile = wasmBinary.file.replace(/\.wasm$/, '.wasm.js');
await writeFile(join(dir, wasmModuleFile), wasmModule);

const assets = {
  glue: named(await asset(/^nhs-login-help-[0-9a-f]+\.js$/)),
  wasm: { file: wasmModuleFile, integrity: integrity(wasmModule) },
  css: named(await asset(/^widget-[0-9a-f]+\.css$/)),
};
const cargo = await readFile(new URL('../Cargo.toml', import.meta.url), 'utf8');
const version = cargo.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
if (!version) throw new Error('no version in Cargo.toml');

// Every article's markup as the widget first renders it, from the same content and renderer.
const firstPaint = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--locked', '--example', 'first_paint'], {
  cwd: new URL('..', import.meta.url),
  encoding: 'utf8',
  maxBuffer: 64 << 20,
  stdio: ['ignore', 'pipe', 'inherit'],
}));

/** `embed/<name>` with each placeholder replaced by its value as JSON. */
async function fromTemplate(name, values) {
  let text = await readFile(new URL(`../embed/${name}`, import.meta.url), 'utf8');
  for (const [placeholder, value] of Object.entries(values)) {
    if (!text.includes(placeholder)) throw new Error(`embed/${name} lost its ${placeholder} placeholder`);
    text = text.replace(placeholder, () => JSON.stringify(value));
  }
  return text;
}

const entry = await minified(await fromTemplate('nhs-login-help.js', {
  __NHS_LOGIN_HELP_ASSETS__: { version, ...assets },
  __NHS_LOGIN_HELP_FIRST_PAINT__: firstPaint.element,
}));
await writeFile(join(dir, ENTRY), entry);

// The standalone page's first paint, content-hashed like Trunk's assets, loaded by index.html
// before Trunk's loader (module scripts run in document order).
const standalone = Buffer.from(await minified(await fromTemplate('first-paint.js', { __NHS_LOGIN_HELP_FIRST_PAINT__: firstPaint.page })));
const standaloneFile = `first-paint-${createHash('sha256').update(standalone).digest('hex').slice(0, 16)}.js`;
for (const stale of files.filter((name) => /^first-paint-[0-9a-f]+\.js$/.test(name))) await unlink(join(dir, stale));
await writeFile(join(dir, standaloneFile), standalone);
// Run twice on one build (by hand), the tag is replaced, not added again.
const index = (await readFile(join(dir, 'index.html'), 'utf8')).replace(/<script type="module" src="[^"]*first-paint-[0-9a-f]+\.js"[^>]*><\/script>\n/, '');
const loader = index.indexOf('<script');
if (loader < 0) throw new Error(`no <script> (Trunk's loader) in ${dir}/index.html`);
// Where Trunk's own loader finds the glue (its public_url), so the module is found the same way.
const prefix = index.match(/["']([^"']*)nhs-login-help-[0-9a-f]+\.js["']/)?.[1];
if (prefix === undefined) throw new Error(`no reference to the glue in ${dir}/index.html`);
const firstPaintTag = `<script type="module" src="${prefix}${standaloneFile}" integrity="${integrity(standalone)}" crossorigin="anonymous"></script>\n`;
await writeFile(join(dir, 'index.html'), index.slice(0, loader) + firstPaintTag + index.slice(loader));

// The tags a host puts in its <head>: the entry, and preload hints so the browser fetches the CSS
// and the glue at once instead of after the entry has run (one round trip less). Not the wasm:
// the article's first paint does not need it, and on a slow connection its 100 kB would take the
// bandwidth the entry and the stylesheet need; the entry fetches it once the article is painted.
const preload = [
  { rel: 'preload', as: 'style', ...assets.css },
  { rel: 'modulepreload', ...assets.glue },
];
const entryIntegrity = integrity(entry);
const base = `https://cdn.example/nhs-login-help/${version}/`;
const tag = ({ rel, as, file, integrity }) =>
  `<link rel="${rel}" href="${base}${file}"${as ? ` as="${as}"` : ''} integrity="${integrity}" crossorigin="anonymous">`;
const snippet = [
  `<!-- NHS login help widget ${version}: in the <head>, with ${base} replaced by where this build is published. -->`,
  `<script type="module" src="${base}${ENTRY}" integrity="${entryIntegrity}" crossorigin="anonymous"></script>`,
  ...preload.map(tag),
  '',
].join('\n');
await writeFile(join(dir, 'snippet.html'), snippet);

const manifest = {
  name: 'nhs-login-help',
  version,
  entry: ENTRY,
  preload: preload.map(({ rel, as, file }) => ({ rel, ...(as ? { as } : {}), file })),
  assets: Object.fromEntries(
    [
      { file: ENTRY, integrity: entryIntegrity },
      assets.glue,
      assets.wasm,
      named(wasmBinary),
      assets.css,
    ].map(({ file, integrity }) => [file, { integrity }]),
  ),
};
await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
