// Static file servers for the browser tests, on 127.0.0.1 only and a free port, so tests load
// the release build exactly as a host would: real HTTP, real MIME types, and for the embed
// tests a second origin with its own Content-Security-Policy.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
};

/**
 * A partner's page with `content` under its `h1`, loading the widget's entry from
 * `widgetOrigin` (leaving it out with `script: false`), after the classic `scripts` of its own
 * origin (see `script`), and `head` (a stylesheet, say) first in its head; `icon: false` leaves
 * out the empty icon, which a policy allowing no images refuses: for the browser tests and the
 * benchmark.
 */
export function partnerPage(widgetOrigin, content, { h1 = 'Sorry, we could not log you in', script = true, scripts = [], head = '', icon = true } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Partner service – login problem</title>
  ${icon ? '<link rel="icon" href="data:,">\n  ' : ''}${head}${scripts.map((src) => `<script src="${src}"></script>\n  `).join('')}${script ? `<script type="module" src="${widgetOrigin}/nhs-login-help.js"></script>` : ''}
</head>
<body>
  <main>
    <h1>${h1}</h1>
    ${content}
  </main>
</body>
</html>`;
}

/**
 * A file that runs `fn` as a page's first script, served from the page's own origin (which a CSP
 * of `script-src 'self'` allows): what an init script does, in every engine, as classic
 * WebDriver has no init scripts.
 */
export function script(fn) {
  return { body: `(${fn})();`, type: TYPES['.js'] };
}

/** `html` (a page of the build) with classic scripts `scripts` first in its head, before its own. */
export function withScripts(html, scripts) {
  const charset = /<meta charset=[^>]*>/i;
  if (!charset.test(html)) throw new Error('the page has no <meta charset> to put scripts after');
  return html.replace(charset, (meta) => `${meta}${scripts.map((src) => `<script src="${src}"></script>`).join('')}`);
}

/** A path's leading `/page/<key>`: a page a test treats on its own (see `serveDirectory`). */
const PAGE_KEY = /^\/page\/([\w-]+)(?=\/)/;

/**
 * The key of the page a request is for: its own path's (a page, or an asset an entry under the
 * key loads relative to itself), else its Referer's (an asset a standalone page under the key
 * asks for by absolute path, a same-origin request, whose Referer is the page's full URL).
 */
function pageKey(request, path) {
  const own = PAGE_KEY.exec(path)?.[1];
  if (own !== undefined) return own;
  const referer = request.headers.referer;
  return referer ? PAGE_KEY.exec(new URL(referer).pathname)?.[1] : undefined;
}

/** Starts `handle(request, response)` on 127.0.0.1; resolves to `{ origin, close() }`. */
async function listen(handle) {
  // Hostile-input tests send 100 kB URLs; Node's default header limit (16 kB) would refuse them.
  const server = createServer({ maxHeaderSize: 1 << 20 }, handle);
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => {
      server.close(done);
      server.closeAllConnections();
    }),
  };
}

/**
 * Serves `dir`; unknown paths get 404. A path may start `/page/<key>` (the rest is the file), so
 * each page a test opens can be treated on its own: its key reaches the hooks below, for its
 * assets too (see `pageKey`). Options: `cors` adds `Access-Control-Allow-Origin: *`, as a CDN
 * serving the widget to other origins must; `missing(path, key)` makes chosen paths 404;
 * `alter(path, body, key)` changes what is sent (a tampered CDN, a rewritten page); `hold(path,
 * key)` is what the response waits for: true (or a promise of it) sends it, false refuses it by
 * closing the connection unanswered, as a failed network does; `pages` (path → `{ body, type }`)
 * serves files `dir` lacks (a test's scripts); `requests` (an array) records every path asked for.
 */
export async function serveDirectory(dir, { cors = false, missing = () => false, alter = (path, body) => body, hold = () => true, pages = {}, requests } = {}) {
  const root = resolve(dir);
  return listen(async (request, response) => {
    const asked = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    requests?.push(asked);
    const key = pageKey(request, asked);
    const path = asked.replace(PAGE_KEY, '');
    if (!(await hold(path, key))) {
      request.socket.destroy();
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const headers = cors ? { 'access-control-allow-origin': '*' } : {};
    if (Object.hasOwn(pages, path)) {
      response.writeHead(200, { ...headers, 'content-type': pages[path].type ?? TYPES['.html'], 'cache-control': 'no-store' });
      response.end(pages[path].body);
      return;
    }
    try {
      if (missing(path, key) || !file.startsWith(root) || !(await stat(file)).isFile()) throw new Error('not a file');
      const body = alter(path, await readFile(file), key);
      response.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
}

/** Serves `pages` (path → `{ body, type }`), each with the response headers `headers`. */
export async function servePages(pages, headers = {}) {
  return listen((request, response) => {
    const page = pages[new URL(request.url, 'http://127.0.0.1').pathname];
    if (!page) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': page.type ?? TYPES['.html'], 'cache-control': 'no-store' });
    response.end(page.body);
  });
}

/**
 * The strict Content-Security-Policy the docs tell hosts they may keep, with the widget from
 * `widgetOrigins` (one or more, space-separated): no inline script or style, WebAssembly allowed.
 * Options: `images` allows data: images (the standalone page's icon), `connect` the feedback
 * endpoint's origin, `styleSrc` the sources for style in place of the widget's origins, `extra`
 * further directives.
 */
export function strictPolicy(widgetOrigins, { images = false, connect, styleSrc = widgetOrigins, extra } = {}) {
  return [
    "default-src 'self'",
    images && 'img-src data:',
    `script-src 'self' ${widgetOrigins} 'wasm-unsafe-eval'`,
    `style-src 'self' ${styleSrc}`,
    connect && `connect-src 'self' ${connect}`,
    extra,
  ].filter(Boolean).join('; ');
}

/**
 * A page's first script (see `script`): `localStorage` and `sessionStorage` throw a SecurityError
 * on access, as in a WebView or private mode that refuses storage.
 */
export function refuseStorage() {
  for (const name of ['localStorage', 'sessionStorage']) {
    Object.defineProperty(window, name, {
      configurable: true,
      get() {
        throw new DOMException(`access to ${name} is denied`, 'SecurityError');
      },
    });
  }
}
