// Prints the size of each asset in a build directory, raw and compressed as a server would send
// it (gzip -9, brotli q11), and what the standalone page and the embedded element each download,
// so a change that costs bytes shows up in every test run; and fails when the embed entry is over
// its budget (docs/decisions/entry-budget.md), which the benchmark holds it to as well.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The most the embed entry may weigh, brotli (q11) bytes: everything a first paint needs. */
export const ENTRY_BUDGET_BYTES = 13_000;

/** `bytes` as a server would send them with brotli at its best quality. */
export const brotliSize = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Throws when the entry (`bytes`, brotli) is over its budget. */
export function checkEntryBudget(bytes) {
  if (bytes > ENTRY_BUDGET_BYTES) {
    throw new Error(`the embed entry is ${bytes} bytes brotli, over its budget of ${ENTRY_BUDGET_BYTES} (docs/decisions/entry-budget.md)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) printSizes(process.argv[2] ?? 'target/dist-release');

function printSizes(dir) {
  const kB = (bytes) => (bytes / 1000).toFixed(1).padStart(8);
  const rows = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const body = readFileSync(join(dir, entry.name));
      return {
        name: entry.name,
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
        brotli: brotliSize(body),
      };
    })
    .sort((a, b) => b.raw - a.raw);

  /**
   * What each way of using the widget downloads: the standalone page, or the embed entry; in all
   * (once the person reaches for the search or the feedback question, or the page has been idle
   * with them on show), and for the first paint of any help (which needs nothing else).
   */
  const bundles = {
    // The standalone page carries its styles and first paint inline.
    'standalone page total': (name) => name === 'index.html' || /^nhs-login-help-[0-9a-f]+(\.js|_bg\.wasm)$/.test(name),
    // The entry carries the CSS: an element fetches the CSS file only where constructed stylesheets are refused.
    'embedded element total': (name) => /^nhs-login-help(-[0-9a-f]+(_bg\.wasm)?)?\.js$/.test(name),
    'standalone first paint': (name) => name === 'index.html',
    'embedded first paint': (name) => name === 'nhs-login-help.js',
  };
  const totals = Object.entries(bundles).map(([name, included]) => rows.filter((r) => included(r.name)).reduce(
    (sum, r) => ({ ...sum, raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }),
    { name, raw: 0, gzip: 0, brotli: 0 },
  ));
  const width = Math.max(5, ...[...rows, ...totals].map((r) => r.name.length));
  console.log(`${'asset'.padEnd(width)}  raw kB  gzip kB  brotli kB`);
  for (const r of [...rows, ...totals]) {
    console.log(`${r.name.padEnd(width)}${kB(r.raw)} ${kB(r.gzip)}   ${kB(r.brotli)}`);
  }
  const entry = rows.find((r) => r.name === 'nhs-login-help.js');
  console.log(`\nembed entry: ${entry.brotli} bytes brotli, budget ${ENTRY_BUDGET_BYTES}`);
  checkEntryBudget(entry.brotli);
}
