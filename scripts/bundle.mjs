// One script from embed/: esbuild bundles an entry with the modules it imports (rules.js,
// paint.js) and gives it the build's data as modules of their own, each value a named export so
// a script carries only the names it uses: `nhs-login-help:contract` (the names hosts rely on,
// from Rust) and `nhs-login-help:build` (the first paint, the assets, the styles). terser
// minifies it (smaller after brotli than esbuild's own minifier here). Used by
// scripts/package.mjs for the embed entry and the standalone page's script, and by the unit tests
// for the rules, so they test the code that ships.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minify } from 'terser';

const EMBED = fileURLToPath(new URL('../embed/', import.meta.url));

/**
 * `embed/<name>` as one script: `format` is `esm` (a module) or `iife` (a classic script);
 * `contract` is the contract's JSON and `build` the other build data, each key an export of its
 * module; minified with `minified`.
 */
export async function bundle(name, { contract, build: values }, { format = 'esm', minified = true } = {}) {
  const modules = { contract, build: values };
  const buildData = {
    name: 'nhs-login-help-build',
    setup(plugin) {
      plugin.onResolve({ filter: /^nhs-login-help:(contract|build)$/ }, ({ path }) => ({ path: path.split(':')[1], namespace: 'nhs-login-help' }));
      plugin.onLoad({ filter: /.*/, namespace: 'nhs-login-help' }, ({ path }) => ({
        contents: Object.entries(modules[path] ?? {}).map(([key, value]) => `export const ${key} = ${JSON.stringify(value)};`).join('\n'),
        loader: 'js',
      }));
    },
  };
  const result = await build({
    entryPoints: [join(EMBED, name)],
    bundle: true,
    write: false,
    format,
    target: 'es2022',
    legalComments: 'none',
    plugins: [buildData],
  });
  const code = result.outputFiles[0].text;
  return minified ? minifiedScript(code, { module: format === 'esm' }) : code;
}

/** `code` minified (a module unless `module` is false). */
export async function minifiedScript(code, { module = true } = {}) {
  const { code: small } = await minify(code, { module, ecma: 2022, compress: { passes: 2 }, format: { comments: false } });
  return small;
}
