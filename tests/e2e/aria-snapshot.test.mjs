// Accessibility-tree snapshots of two articles, committed in tests/e2e/snapshots/, so that a
// change to headings, roles or accessible names shows up in review. After an intended change,
// regenerate them with `UPDATE_ARIA_SNAPSHOTS=1 bash scripts/test.sh` and commit the diff.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { serveDirectory } from './server.mjs';
import { launchChromium, openAllExpanders, openWidget } from './browser.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';
const SNAPSHOTS = new URL('./snapshots/', import.meta.url);
const UPDATE = process.env.UPDATE_ARIA_SNAPSHOTS === '1';

let server;
let browser;

before(async () => {
  server = await serveDirectory(DIST);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const CASES = [
  ['cid7023-closed', '/?error=CID7023', false],
  ['cid7023-open', '/?error=CID7023', true],
  ['nhsmail-login-open', '/?article=nhsmail-login', true],
];

for (const [name, path, open] of CASES) {
  test(`accessibility tree of ${name} matches the committed snapshot`, async () => {
    const { context, page } = await openWidget(browser, `${server.origin}${path}`);
    if (open) await openAllExpanders(page);
    const snapshot = `${await page.locator('main').ariaSnapshot()}\n`;
    const file = new URL(`${name}.aria.yml`, SNAPSHOTS);
    if (UPDATE || !existsSync(file)) {
      assert.ok(UPDATE, `no snapshot ${file.pathname}; run with UPDATE_ARIA_SNAPSHOTS=1 to create it`);
      writeFileSync(file, snapshot);
    }
    assert.equal(snapshot, readFileSync(file, 'utf8'));
    await context.close();
  });
}
