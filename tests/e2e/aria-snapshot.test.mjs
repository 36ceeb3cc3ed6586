// Accessibility-tree snapshots of two articles, committed in tests/e2e/snapshots/, so that a
// change to headings, roles or accessible names shows up in review. After an intended change,
// regenerate them with `UPDATE_ARIA_SNAPSHOTS=1 bash scripts/test.sh` and commit the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { servedWidget } from './fixture.mjs';
import { lacks, openAllExpanders, openWidget } from './browser.mjs';

const SNAPSHOTS = new URL('./snapshots/', import.meta.url);
const UPDATE = process.env.UPDATE_ARIA_SNAPSHOTS === '1';

const widget = servedWidget();

const CASES = [
  ['cid7023-closed', '/?error=CID7023', false],
  ['cid7023-open', '/?error=CID7023', true],
  ['nhsmail-login-open', '/?article=nhsmail-login', true],
];

for (const [name, path, open] of CASES) {
  test(`accessibility tree of ${name} matches the committed snapshot`, { skip: lacks('ariaSnapshot') }, async () => {
    const { context, page } = await openWidget(widget.browser, `${widget.origin}${path}`);
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
