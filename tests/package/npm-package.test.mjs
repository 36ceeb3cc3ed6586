// The build folder as an npm package, as a host installs it: `npm pack` packs what the manifest
// lists with the manifest, the types, the Custom Elements Manifest and the licence, and nothing of
// the standalone page; package.json has the contract's name and version, the entry as the export
// with its types, the manifests as exports of their own. Installed from the tarball into a new
// project (offline: it has no dependencies), `nhs-login-help` resolves to the entry, and
// `tsc --strict` finds the types through the package name, with Node's resolution and a
// bundler's: `document.querySelector('nhs-login-help')` is the element class. Bundled into an app
// by esbuild, the entry still looks for its other files beside itself, now the app's bundle.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { DIST, RESOLUTION, scratch, tsc } from './tsc.mjs';

const run = promisify(execFile);
const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--no-update-notifier'], { cwd, encoding: 'utf8' });

let manifest;
let packed;
let host;
let installed;

before(async () => {
  manifest = JSON.parse(await readFile(join(DIST, 'manifest.json'), 'utf8'));
  const packs = await scratch();
  const { stdout } = await npm(['pack', DIST, '--pack-destination', packs, '--json'], packs);
  [packed] = JSON.parse(stdout);
  packed.tarball = join(packs, packed.filename);

  host = await scratch();
  await writeFile(join(host, 'package.json'), `${JSON.stringify({ name: 'host-app', private: true, type: 'module' })}\n`);
  await npm(['install', packed.tarball, '--offline'], host);
  installed = join(host, 'node_modules', manifest.name);
});

/** Every file under `dir`, relative to it, sorted. */
async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name))).sort();
}

test('npm pack holds what the manifest lists, the manifest, the types and the licence, and nothing of the standalone page', async () => {
  const expected = [
    ...Object.keys(manifest.assets),
    ...Object.values(manifest.fragments?.files ?? {}),
    'manifest.json', 'nhs-login-help.d.ts', 'custom-elements.json', 'LICENSE', 'package.json',
    'react.d.ts', 'preact.d.ts', 'solid.d.ts',
  ].sort();
  assert.deepEqual(packed.files.map(({ path }) => path).sort(), expected);
  assert.deepEqual(await filesUnder(installed), expected);
  for (const file of ['index.html', 'snippet.html']) assert.ok(!expected.includes(file), file);
  // The files are the build's, byte for byte: the SRI hashes in the manifest still hold.
  for (const file of Object.keys(manifest.assets)) {
    assert.ok((await readFile(join(installed, file))).equals(await readFile(join(DIST, file))), file);
  }
});

test("package.json: the contract's name and version, an ES module whose export is the entry with its types", async () => {
  const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'nhs-login-help');
  assert.equal(pkg.name, manifest.name);
  assert.equal(pkg.version, manifest.version);
  assert.equal(packed.version, manifest.version);
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.license, 'MIT AND OGL-UK-3.0');
  assert.deepEqual(pkg.exports['.'], { types: './nhs-login-help.d.ts', default: `./${manifest.entry}` });
  assert.equal(pkg.exports['./custom-elements.json'], './custom-elements.json');
  assert.equal(pkg.exports['./manifest.json'], './manifest.json');
  for (const jsx of ['react', 'preact', 'solid']) assert.deepEqual(pkg.exports[`./${jsx}`], { types: `./${jsx}.d.ts` }, jsx);
  assert.equal(pkg.types, './nhs-login-help.d.ts');
  assert.equal(pkg.customElements, './custom-elements.json');
  assert.deepEqual(pkg.sideEffects, [`./${manifest.entry}`]);
});

test("'nhs-login-help' resolves to the entry, and its manifests by their export names", async () => {
  const script = `for (const name of ['nhs-login-help', 'nhs-login-help/custom-elements.json', 'nhs-login-help/manifest.json']) console.log(import.meta.resolve(name));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: host, encoding: 'utf8' });
  const resolved = stdout.trim().split('\n');
  assert.deepEqual(resolved, [manifest.entry, 'custom-elements.json', 'manifest.json'].map((file) => pathToFileURL(join(installed, file)).href));
});

test("tsc --strict finds the types through the package name: querySelector('nhs-login-help') is the element", async () => {
  await writeFile(join(host, 'app.ts'), `
import 'nhs-login-help';
import type { NhsLoginHelpElement } from 'nhs-login-help';

const help = document.querySelector('nhs-login-help');
const element: NhsLoginHelpElement | null = help;
const version: string | undefined = help?.version;
help?.show('CID7023');
help?.addEventListener('nhs-login-help:toggle', (event) => {
  const open: boolean = event.detail.open;
  console.log(open);
});
console.log(element, version);
`);
  await writeFile(join(host, 'wrong.ts'), `
import 'nhs-login-help';
const help = document.querySelector('nhs-login-help');
help?.addEventListener('nhs-login-help:toggle', (event) => console.log(event.detail.opened));
`);
  // A page that loads the entry with a script tag takes the types alone.
  await writeFile(join(host, 'types-only.ts'), `
import type {} from 'nhs-login-help';
document.querySelector('nhs-login-help')?.addEventListener('nhs-login-help:link', (event) => {
  if (event.detail.kind === 'settings') event.preventDefault();
});
`);
  for (const [name, options] of Object.entries(RESOLUTION)) {
    const { errors, output } = await tsc(host, ['app.ts', 'types-only.ts', 'wrong.ts'], options);
    // app.ts and types-only.ts compile; wrong.ts fails only where it names a field the detail does not have.
    assert.deepEqual(errors.map((error) => [error.file, error.line, error.code]), [['wrong.ts', 4, 'TS2551']], `${name}:\n${output}`);
  }
});

test("a React app's TSX takes the element's types through 'nhs-login-help/react'", async () => {
  // The app's own React types, from this project's node_modules.
  const ours = (name) => fileURLToPath(new URL(`../../node_modules/${name}`, import.meta.url));
  await mkdir(join(host, 'node_modules', '@types'), { recursive: true });
  await symlink(ours('@types/react'), join(host, 'node_modules', '@types', 'react'), 'dir');
  await symlink(ours('csstype'), join(host, 'node_modules', 'csstype'), 'dir');
  await writeFile(join(host, 'help.tsx'), `
import 'nhs-login-help';
import type {} from 'nhs-login-help/react';
export const Help = ({ reference }: { reference: string }) => <nhs-login-help error={reference} variant="inline" heading-level="3" />;
export const Wrong = () => <nhs-login-help variant="sidebar" />;
`);
  for (const [name, options] of Object.entries(RESOLUTION)) {
    const { errors, output } = await tsc(host, ['help.tsx'], [...options, '--jsx', 'react-jsx']);
    assert.deepEqual(errors.map((error) => [error.file, error.line, error.code]), [['help.tsx', 5, 'TS2322']], `${name}:\n${output}`);
  }
});

test("bundled into an app by esbuild, the entry looks for the package's other files beside the bundle", async () => {
  await writeFile(join(host, 'main.js'), "import 'nhs-login-help';\n");
  const result = await build({ absWorkingDir: host, entryPoints: ['main.js'], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  const [bundle] = result.outputFiles;
  assert.deepEqual(result.errors, []);
  // The entry is inlined; the glue, the wasm module and the CSS are not, and are resolved against
  // the bundle's own URL, by the names the manifest lists.
  assert.match(bundle.text, /import\.meta\.url/);
  for (const file of Object.keys(manifest.assets).filter((name) => name !== manifest.entry && !name.endsWith('.wasm'))) {
    assert.ok(bundle.text.includes(JSON.stringify(file)), `${file} named in the bundle`);
  }
  assert.equal(result.outputFiles.length, 1, 'esbuild emits no copy of them');
});
