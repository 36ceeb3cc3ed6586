// What the package tests share: the build folder they check and TypeScript's compiler run on a
// host's snippet, as a host would run it (`tsc --strict --noEmit`).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The build under test (`WIDGET_DIST`, as the browser suite has it). */
export const DIST = resolve(ROOT, process.env.WIDGET_DIST ?? 'target/dist-release');

const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

const scratches = [];
// Registered as the test file imports this module, so it runs once that file's tests have ended.
after(() => Promise.all(scratches.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A new empty folder, removed when the file's tests end. */
export async function scratch() {
  const dir = await mkdtemp(join(tmpdir(), 'nhs-login-help-package-'));
  scratches.push(dir);
  return dir;
}

/** The compiler options a strict host might use with a bundler, or with Node's own resolution. */
export const RESOLUTION = {
  bundler: ['--module', 'esnext', '--moduleResolution', 'bundler'],
  nodenext: ['--module', 'nodenext', '--moduleResolution', 'nodenext'],
};

/**
 * `tsc --strict --noEmit` on `files` in `cwd`: `{ ok, errors, output }`, each error
 * `{ file, line, code, message }` as tsc printed it.
 */
export function tsc(cwd, files, resolution = RESOLUTION.bundler) {
  const args = ['--strict', '--noEmit', '--pretty', 'false', '--target', 'es2022', '--lib', 'es2022,dom', ...resolution, ...files];
  return new Promise((done, fail) => {
    execFile(TSC, args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return fail(error);
      const errors = [...stdout.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map(([, file, line, code, message]) => ({
        file, line: Number(line), code, message,
      }));
      if (error && errors.length === 0) return fail(new Error(`tsc failed without errors to show:\n${stdout}${stderr}`));
      done({ ok: !error, errors, output: stdout });
    });
  });
}
