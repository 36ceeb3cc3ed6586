// The benchmark's figures and tables (scripts/bench.mjs).

/** Nearest-rank quantile. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}
export const median = (values) => quantile(values, 0.5);
export const sum = (values) => values.reduce((total, value) => total + value, 0);
export const kB = (bytes) => (bytes / 1000).toFixed(1);
export const MB = (bytes) => (bytes / 1e6).toFixed(2);
export const ms = (value, digits = 0) => value.toFixed(digits);
export const times = (value) => `${value.toFixed(2)}×`;
export const signed = (text) => (text.startsWith('-') ? text : `+${text}`);
export const mark = (ok) => (ok ? '✓' : '✗');

/** Prints rows under a title; `align` has `l` or `r` per column (default: first left, rest right). */
export function printTable(title, header, rows, align = `l${'r'.repeat(header.length - 1)}`) {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const pad = (text, i) => (align[i] === 'l' ? text.padEnd(widths[i]) : text.padStart(widths[i]));
  console.log(`\n${title}`);
  for (const row of cells) console.log(row.map(pad).join('  ').trimEnd());
}

export const progress = (text) => process.stderr.write(`  … ${text}\n`);
