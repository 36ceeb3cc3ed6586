// The typed API in the build (nhs-login-help.d.ts, written from the contract by
// tools/src/declarations.rs) as a TypeScript host sees it: a host's snippet using the element, its
// members and every event's detail compiles under `tsc --strict`, and snippets that get a field's
// name or type wrong, or write the read-only version, are each rejected with tsc's error. The
// Custom Elements Manifest names the same element, attributes and events. In TSX, React's, Preact's
// and Solid's hosts get the element with its typed attributes, and a wrong value fails to compile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST, RESOLUTION, scratch, tsc } from './tsc.mjs';

const TYPES = 'nhs-login-help.d.ts';

/** A host's code that must compile: every member and every field of every event, typed. */
const GOOD = `
import './nhs-login-help.js';
import type { NhsLoginHelpAttributes, NhsLoginHelpElement, NhsLoginHelpEventMap } from './nhs-login-help.js';

const help = document.querySelector('nhs-login-help');
if (help) {
  const version: string = help.version;
  help.show('CID7023');
  help.addEventListener('nhs-login-help:shown', (event) => {
    const reference: string | null = event.detail.reference;
    const article: string | null = event.detail.article;
    console.log(version, reference, article);
  });
  help.addEventListener('nhs-login-help:toggle', (event) => {
    const { article, expander, open }: { article: string; expander: string; open: boolean } = event.detail;
    console.log(article, expander, open);
  });
  help.addEventListener('nhs-login-help:link', (event) => {
    const href: string = event.detail.href;
    if (event.detail.kind === 'settings') event.preventDefault();
    else { const contact: 'contact' = event.detail.kind; console.log(contact, href); }
  });
}
// The events bubble out of the shadow root: a listener on the document is typed too.
document.addEventListener('nhs-login-help:toggle', (event) => console.log(event.detail.open));
const made: NhsLoginHelpElement = document.createElement('nhs-login-help');
const attributes: NhsLoginHelpAttributes = { error: 'CID7023', variant: 'inline', 'heading-level': '3', history: 'push' };
const link: NhsLoginHelpEventMap['nhs-login-help:link'] | undefined = undefined;
console.log(made, attributes, link);
`;

/** Mistakes a host could make, one a line, with the error tsc must give for each. */
const MISTAKES = [
  ["help.addEventListener('nhs-login-help:toggle', (event) => console.log(event.detail.opened));", 'TS2551', /'opened' does not exist/],
  ["help.addEventListener('nhs-login-help:toggle', (event) => { const open: string = event.detail.open; });", 'TS2322', /'boolean' is not assignable to type 'string'/],
  ["help.addEventListener('nhs-login-help:shown', (event) => { const reference: string = event.detail.reference; });", 'TS2322', /'string \| null' is not assignable to type 'string'/],
  ["help.addEventListener('nhs-login-help:link', (event) => { if (event.detail.kind === 'account') {} });", 'TS2367', /no overlap/],
  ["document.addEventListener('nhs-login-help:shown', (event) => console.log(event.detail.expander));", 'TS2339', /'expander' does not exist/],
  ['help.version = "2.0.0";', 'TS2540', /read-only/],
  ['help.show(7023);', 'TS2345', /'number' is not assignable/],
  ["const variant: NhsLoginHelpAttributes = { variant: 'sidebar' };", 'TS2322', /'"sidebar"' is not assignable/],
];
const BAD_HEADER = [
  "import './nhs-login-help.js';",
  "import type { NhsLoginHelpAttributes } from './nhs-login-help.js';",
  "const help = document.querySelector('nhs-login-help')!;",
];

/** A folder with the build's declarations and the snippets, as a host's project would have them. */
async function project() {
  const dir = await scratch();
  await copyFile(join(DIST, TYPES), join(dir, TYPES));
  await writeFile(join(dir, 'good.ts'), GOOD);
  await writeFile(join(dir, 'bad.ts'), [...BAD_HEADER, ...MISTAKES.map(([line]) => line), ''].join('\n'));
  return dir;
}

test('a host using the element and every event detail as documented compiles under --strict; each mistake is rejected', async () => {
  const dir = await project();
  // One run for both files (tsc takes a few seconds to start): each error names its file.
  const { errors, output } = await tsc(dir, ['good.ts', 'bad.ts']);
  assert.deepEqual(errors.filter((error) => error.file === 'good.ts'), [], `the good snippet must compile:\n${output}`);
  const bad = errors.filter((error) => error.file === 'bad.ts');
  MISTAKES.forEach(([line, code, message], i) => {
    const at = BAD_HEADER.length + i + 1;
    const found = bad.filter((error) => error.line === at);
    assert.ok(found.some((error) => error.code === code && message.test(error.message)),
      `line ${at} (${line}) must fail with ${code} ${message}; tsc said:\n${found.map((e) => `${e.code} ${e.message}`).join('\n') || '(nothing)'}`);
  });
  assert.equal(new Set(bad.map((error) => error.line)).size, MISTAKES.length, `one error a mistake:\n${output}`);
});

/** The JSX libraries the build declares the element for, by the package subpath and jsxImportSource. */
const JSX_LIBRARIES = [['react', 'react'], ['preact', 'preact'], ['solid', 'solid-js']];

/** A host's TSX for `library` (subpath `name`): its element as documented, and each mistake a line. */
function tsxHost([name, library]) {
  const header = [`/** @jsxImportSource ${library} */`, "import './nhs-login-help.js';", `import type {} from './${name}.js';`];
  const good = `${header.join('\n')}
export const help = (
  <nhs-login-help id="help" error="CID7023" variant="inline" heading-level="3" label="Staff login" contact-url="/contact" history="push">
    <a href="https://help.login.nhs.uk/">Get help with NHS login</a>
  </nhs-login-help>
);
export const topics = <nhs-login-help variant="page" />;
`;
  const mistakes = [
    ['export const a = <nhs-login-help variant="sidebar" />;', /'"sidebar"' is not assignable/],
    ['export const b = <nhs-login-help heading-level="1" />;', /'\{ "heading-level": "1"; \}' is not assignable/],
    ['export const c = <nhs-login-help history="replace" />;', /'"replace"' is not assignable/],
  ];
  const bad = [...header, ...mistakes.map(([line]) => line), ''].join('\n');
  return { good, bad, mistakes, first: header.length + 1 };
}

test("in TSX, React's, Preact's and Solid's hosts get the element with its attributes typed; a wrong value fails to compile", async () => {
  const dir = await scratch();
  for (const file of [TYPES, ...JSX_LIBRARIES.map(([name]) => `${name}.d.ts`)]) await copyFile(join(DIST, file), join(dir, file));
  // The host's own dependencies: this project's copies of React's types, Preact and Solid.
  await symlink(fileURLToPath(new URL('../../node_modules', import.meta.url)), join(dir, 'node_modules'), 'dir');
  const hosts = JSX_LIBRARIES.map((library) => ({ name: library[0], ...tsxHost(library) }));
  const files = [];
  for (const { name, good, bad } of hosts) {
    await writeFile(join(dir, `${name}-good.tsx`), good);
    await writeFile(join(dir, `${name}-bad.tsx`), bad);
    files.push(`${name}-good.tsx`, `${name}-bad.tsx`);
  }
  const { errors, output } = await tsc(dir, files, [...RESOLUTION.bundler, '--jsx', 'react-jsx']);
  for (const { name, mistakes, first } of hosts) {
    assert.deepEqual(errors.filter((error) => error.file === `${name}-good.tsx`), [], `${name}: the good host must compile:\n${output}`);
    const bad = errors.filter((error) => error.file === `${name}-bad.tsx`);
    mistakes.forEach(([line, message], i) => {
      assert.ok(bad.some((error) => error.line === first + i && message.test(error.message)),
        `${name}: line ${first + i} (${line}) must fail with ${message}; tsc said:\n${output}`);
    });
    assert.equal(new Set(bad.map((error) => error.line)).size, mistakes.length, `${name}: one error a mistake:\n${output}`);
  }
});

test('the Custom Elements Manifest names the entry, the tag, every attribute and event the types have', async () => {
  const manifest = JSON.parse(await readFile(join(DIST, 'custom-elements.json'), 'utf8'));
  const types = await readFile(join(DIST, TYPES), 'utf8');
  assert.equal(manifest.schemaVersion, '2.1.0');
  const [module] = manifest.modules;
  assert.equal(module.path, 'nhs-login-help.js');
  const [element] = module.declarations;
  assert.equal(element.tagName, 'nhs-login-help');
  assert.ok(types.includes(`export interface ${element.name} extends HTMLElement {`), element.name);
  for (const { name, type } of element.attributes) {
    const key = name.includes('-') ? `'${name}'` : name;
    assert.ok(types.includes(`  ${key}?: ${type.text};`), `${name}: ${type.text}`);
  }
  for (const { name } of element.events) assert.ok(types.includes(`  '${name}': CustomEvent<`), name);
  assert.deepEqual(element.slots.map((slot) => slot.name), ['']);
  assert.deepEqual(element.members.map((member) => member.name), ['version', 'show']);
});
