// Prints the size of each asset in a build directory, raw and compressed as a server would send
// it (gzip -9, brotli q11), so a change that costs bytes shows up in every test run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'target/dist-release';
const kB = (bytes) => (bytes / 1000).toFixed(1).padStart(8);
const rows = readdirSync(dir, { withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => {
    const body = readFileSync(join(dir, entry.name));
    return {
      name: entry.name,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  })
  .sort((a, b) => b.raw - a.raw);

const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const width = Math.max(5, ...rows.map((r) => r.name.length));
console.log(`${'asset'.padEnd(width)}  raw kB  gzip kB  brotli kB`);
for (const r of [...rows, { name: 'total', ...total }]) {
  console.log(`${r.name.padEnd(width)}${kB(r.raw)} ${kB(r.gzip)}   ${kB(r.brotli)}`);
}
