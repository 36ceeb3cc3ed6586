// The build folder as an npm package (`npm install nhs-login-help`, then `import 'nhs-login-help'`):
// writes its typed API, `nhs-login-help.d.ts`, `custom-elements.json` and the element in React's,
// Preact's and Solid's JSX (`react.d.ts`, … for `nhs-login-help/react`; all from the contract, by
// `cargo run -p nhs-login-help-tools --bin declarations`: tools/src/declarations.rs), the licence
// and `package.json`. Called by scripts/package.mjs once manifest.json is written: the package
// holds what the manifest lists (the entry, the glue, the wasm, the CSS, the fragments) and the
// manifest itself, served together as they are, since the entry loads the rest relative to its
// own URL (README, "Embedding it on your page"). The standalone page (index.html, its CSS) and
// snippet.html, for hosts that load the widget from where the folder is published, stay out.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The files the package's `package.json` points to, beside the entry. */
export const TYPES_FILE = 'nhs-login-help.d.ts';
export const CUSTOM_ELEMENTS_FILE = 'custom-elements.json';

/**
 * Writes the package into `dir`: `contract` is the contract's JSON (its tag names the package,
 * its version is the package's), `manifest` what manifest.json says.
 */
export async function writePackage(dir, { contract, manifest }) {
  const { typescript, customElements, jsx } = JSON.parse(
    execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'nhs-login-help-tools', '--bin', 'declarations'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  if (TYPES_FILE !== `${contract.tag}.d.ts`) throw new Error(`the types are named after the tag: ${contract.tag}.d.ts`);
  await writeFile(join(dir, TYPES_FILE), typescript);
  await writeFile(join(dir, CUSTOM_ELEMENTS_FILE), `${JSON.stringify(customElements, null, 2)}\n`);
  for (const [name, types] of Object.entries(jsx)) await writeFile(join(dir, `${name}.d.ts`), types);
  // MIT asks for the notice in every copy; the same file names the help content's licence.
  await writeFile(join(dir, 'LICENSE'), await readFile(join(ROOT, 'LICENSE')));

  const cargo = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
  const description = /^description = "(.*)"$/m.exec(cargo)?.[1];
  if (!description) throw new Error('no description in Cargo.toml');
  const entry = `./${manifest.entry}`;
  const fragments = Object.values(manifest.fragments?.files ?? {});
  const packageJson = {
    name: contract.tag,
    version: contract.version,
    description,
    // The code is MIT; the help content it carries is Crown copyright under the Open Government
    // Licence v3.0 (LICENSE, content/README.md).
    license: 'MIT AND OGL-UK-3.0',
    type: 'module',
    exports: {
      '.': { types: `./${TYPES_FILE}`, default: entry },
      './custom-elements.json': `./${CUSTOM_ELEMENTS_FILE}`,
      // Types only: `import type {} from 'nhs-login-help/react'` types the element in TSX.
      ...Object.fromEntries(Object.keys(jsx).map((name) => [`./${name}`, { types: `./${name}.d.ts` }])),
      './manifest.json': './manifest.json',
      './package.json': './package.json',
      ...(fragments.length ? { './fragments/*': './fragments/*' } : {}),
    },
    main: entry,
    types: `./${TYPES_FILE}`,
    customElements: `./${CUSTOM_ELEMENTS_FILE}`,
    // Importing the entry defines the element: a bundler must keep it even though nothing is imported from it.
    sideEffects: [entry],
    files: [...Object.keys(manifest.assets), ...fragments, 'manifest.json', TYPES_FILE, CUSTOM_ELEMENTS_FILE, ...Object.keys(jsx).map((name) => `${name}.d.ts`)],
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  return packageJson;
}
