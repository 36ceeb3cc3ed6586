// The docs as a newcomer follows them: every relative link in the README, docs/ and the content
// guide leads to a file that exists (and to a heading that exists, for a link with `#`), and every
// file path written in backticks names a file or folder of the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Markdown files written for people: the README, everything under docs/, the content guide. */
function docs() {
  const under = (dir) => readdirSync(join(ROOT, dir), { recursive: true })
    .filter((name) => name.endsWith('.md')).map((name) => join(dir, name));
  return ['README.md', 'CHANGELOG.md', 'content/README.md', ...under('docs')];
}

/** A heading's anchor as GitHub makes it. */
const slug = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\- ]/gu, '').replace(/ /g, '-');

function anchors(file) {
  const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[^]*?```/g, '');
  return new Set([...text.matchAll(/^#+ (.*)$/gm)].map(([, heading]) => slug(heading)));
}

/** Text outside fenced code blocks, where links and paths are prose. */
const prose = (text) => text.replace(/```[^]*?```/g, '');

test('every relative link in the docs leads to a file, and to a heading where it names one', () => {
  const broken = [];
  for (const file of docs()) {
    for (const [, target] of prose(readFileSync(join(ROOT, file), 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [path, anchor] = target.split('#');
      const dest = path === '' ? file : relative(ROOT, join(ROOT, dirname(file), path));
      if (!existsSync(join(ROOT, dest))) broken.push(`${file}: ${target} (no ${dest})`);
      else if (anchor && statSync(join(ROOT, dest)).isFile() && dest.endsWith('.md') && !anchors(dest).has(anchor)) {
        broken.push(`${file}: ${target} (no heading #${anchor} in ${dest})`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('every repository path written in backticks in the docs exists', () => {
  const missing = [];
  const path = /^(?:src|embed|scripts|tests|tools|docs|content|style|bench|build|crates|\.cargo|\.ci)\/[\w./-]*$/;
  for (const file of docs()) {
    for (const [, code] of prose(readFileSync(join(ROOT, file), 'utf8')).matchAll(/`([^`\n]+)`/g)) {
      if (path.test(code) && !existsSync(join(ROOT, code))) missing.push(`${file}: ${code}`);
    }
  }
  assert.deepEqual(missing, []);
});
