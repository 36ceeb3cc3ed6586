// The setup every browser test file shares: the release build served on 127.0.0.1 and one
// Chromium, started before the file's tests and stopped after them.
import { after, before } from 'node:test';
import { serveDirectory } from './server.mjs';
import { launchBrowser } from './browser.mjs';

const DIST = process.env.WIDGET_DIST ?? 'target/dist-release';

/** Registers the hooks; the returned object's `origin` and `browser` are set once they have run. */
export function servedWidget() {
  const widget = { origin: '', browser: null };
  let server;
  before(async () => {
    server = await serveDirectory(DIST);
    widget.origin = server.origin;
    widget.browser = await launchBrowser();
  });
  after(async () => {
    await widget.browser?.close();
    await server?.close();
  });
  return widget;
}
