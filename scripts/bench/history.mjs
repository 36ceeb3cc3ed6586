// bench/history.tsv: one line per run of the benchmark (scripts/bench.mjs), or per lever tried on
// the wasm (`--sizes`), so a change that costs bytes or time shows in review.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressed } from './servers.mjs';
import { kB, MB, median, ms } from './figures.mjs';

export const HISTORY = fileURLToPath(new URL('../../bench/history.tsv', import.meta.url));

/** `git rev-parse --short HEAD`, plus `+dirty` when the tree has changes besides the history file. */
export function commit() {
  try {
    const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', '.', ':(exclude)bench/history.tsv') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? '+dirty' : ''}`;
  } catch {
    return 'unknown';
  }
}

/**
 * One tab-separated line per run in bench/history.tsv (`cycles`: the leak batches' size). The columns of earlier runs keep their
 * place (where a figure is no longer measured, `-`); new ones are added at the end.
 */
export function appendHistory({ bytes, entry, time, main, memory, native, interaction }, cycles) {
  const t = (mode, name) => time[mode][name] ?? {};
  const columns = [
    ['date', new Date().toISOString().slice(0, 19) + 'Z'],
    ['commit', commit()],
    ['br_standalone_kB', kB(bytes['standalone article'].first)],
    ['br_embedded_kB', kB(bytes['cross article'].first)],
  ];
  for (const [mode, name] of [['fast', 'fast'], ['slow', 'slow4g']]) {
    columns.push([`${name}_static_ms`, ms(t(mode, 'static-css:cannot-connect-to-gp-system').median)]);
    for (const [page, key] of [['standalone', 'standalone article'], ['embedded', 'cross article']]) {
      columns.push([`${name}_${page}_ms`, ms(t(mode, key).median)], [`${name}_${page}_x`, t(mode, key).ratioCss.toFixed(2)]);
    }
  }
  columns.push(
    ['main_1_ms', ms(main[1], 1)], ['main_10_ms', ms(main[10], 1)],
    ['mem_1_MB', MB(memory.one)], ['mem_10_MB', MB(memory.ten)], [`mem_after_${cycles}_cycles_MB`, MB(memory.cycled)],
    ['show_ms', ms(median(memory.changes), 2)],
    ['lookup_us', native.lookup], ['slowest_search_us', native.search],
  );
  for (const name of ['fast', 'slow4g']) columns.push([`${name}_hinted_ms`, '-'], [`${name}_hinted_x`, '-']);
  for (const name of ['fast', 'slow4g']) for (const page of ['standalone', 'embedded', 'hinted']) columns.push([`${name}_${page}_wasm_ms`, '-']);
  columns.push(['main_static_ms', ms(main.static, 1)]);
  for (const page of ['standalone-wasm', 'embedded-wasm']) {
    columns.push([`br_${page}_kB`, '-']);
    for (const name of ['fast', 'slow4g']) columns.push([`${name}_${page}_ms`, '-'], [`${name}_${page}_x`, '-'], [`${name}_${page}_ready_ms`, '-']);
  }
  columns.push(
    ['main_1_wasm_ms', ms(main.wasm1, 1)], ['main_10_wasm_ms', ms(main.wasm10, 1)],
    ['mem_1_wasm_MB', MB(memory.wasm.one)], ['mem_10_wasm_MB', MB(memory.wasm.ten)], [`mem_wasm_after_${cycles}_cycles_MB`, MB(memory.wasm.cycled)],
  );
  // Every kind of page, against the minimal static page, and what it costs.
  columns.push(['br_entry_kB', kB(entry)]);
  for (const [mode, name] of [['fast', 'fast'], ['slow', 'slow4g']]) {
    for (const [key, result] of Object.entries(time[mode])) {
      if (result.ratio === undefined) continue;
      const column = key.replace(/ /g, '_');
      columns.push([`${name}_${column}_ms`, ms(result.median)], [`${name}_${column}_xmin`, result.ratio.toFixed(2)]);
    }
    columns.push([`${name}_spa_change_ms`, ms(t(mode, 'cross spa').changed)]);
  }
  columns.push(['cls_max', Math.max(...Object.values(time.fast).concat(Object.values(time.slow)).map((r) => r.shift ?? 0)).toFixed(3)]);
  for (const [when, result] of Object.entries(interaction)) {
    for (const [key, { ms: taken, bytes: fetched }] of Object.entries(result)) {
      const column = `${when.replace(/ /g, '_')}_${key}`;
      columns.push([`${column}_ms`, ms(taken)], [`${column}_kB`, kB(fetched)]);
    }
  }
  for (const [key, result] of Object.entries(bytes)) columns.push([`br_all_${key.replace(/ /g, '_')}_kB`, kB(result.all)]);
  appendRow(columns);
}

/**
 * Appends `columns` ([name, value] pairs) as one line of bench/history.tsv, under the header's
 * columns in the header's order (`-` for a figure this run did not measure); a column the header
 * lacks is added at its end, and older lines simply lack it.
 */
function appendRow(columns) {
  let [names, rest] = [[], []];
  if (existsSync(HISTORY)) {
    const [first, ...lines] = readFileSync(HISTORY, 'utf8').split('\n');
    [names, rest] = [first.split('\t'), lines];
  } else {
    mkdirSync(join(HISTORY, '..'), { recursive: true });
  }
  const added = columns.map(([name]) => name).filter((name) => !names.includes(name));
  if (added.length) {
    names = [...names, ...added];
    writeFileSync(HISTORY, [names.join('\t'), ...rest].join('\n') + (rest.length ? '' : '\n'));
  }
  const values = new Map(columns);
  appendFileSync(HISTORY, `${names.map((name) => values.get(name) ?? '-').join('\t')}\n`);
}

/** `--sizes`: the wasm's, the glue's and the entry's size, raw and brotli, with what changed. */
export function recordSizes(dist, change) {
  const names = readdirSync(dist);
  const size = (pattern) => {
    const name = names.find((file) => pattern.test(file));
    if (!name) throw new Error(`${dist} has no file matching ${pattern}`);
    const body = readFileSync(join(dist, name));
    return { raw: body.length, br: compressed(body, '').br.length };
  };
  const [wasm, glue, entry] = [/^nhs-login-help-[0-9a-f]+_bg\.wasm$/, /^nhs-login-help-[0-9a-f]+\.js$/, /^nhs-login-help\.js$/].map(size);
  const columns = [
    ['date', new Date().toISOString().slice(0, 19) + 'Z'],
    ['commit', commit()],
    ['br_entry_kB', kB(entry.br)],
    ['raw_wasm_kB', kB(wasm.raw)], ['br_wasm_kB', kB(wasm.br)], ['br_glue_kB', kB(glue.br)],
    ['sizes_only_change', change.replace(/[\t\n]/g, ' ')],
  ];
  for (const [name, value] of columns) console.log(`${name.padEnd(18)} ${value}`);
  appendRow(columns);
}
