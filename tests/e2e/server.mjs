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
 * `widgetOrigin` (leaving it out with `script: false`): for the browser tests and the benchmark.
 */
export function partnerPage(widgetOrigin, content, { h1 = 'Sorry, we could not log you in', script = true } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Partner service – login problem</title>
  <link rel="icon" href="data:,">
  ${script ? `<script type="module" src="${widgetOrigin}/nhs-login-help.js"></script>` : ''}
</head>
<body>
  <main>
    <h1>${h1}</h1>
    ${content}
  </main>
</body>
</html>`;
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
 * Serves `dir`; unknown paths get 404. Options: `cors` adds `Access-Control-Allow-Origin: *`, as
 * a CDN serving the widget to other origins must; `missing(path)` makes chosen paths 404;
 * `alter(path, body)` changes what is sent (a tampered CDN); `requests` (an array) records every
 * path asked for.
 */
export async function serveDirectory(dir, { cors = false, missing = () => false, alter = (path, body) => body, requests } = {}) {
  const root = resolve(dir);
  return listen(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    requests?.push(path);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const headers = cors ? { 'access-control-allow-origin': '*' } : {};
    try {
      if (missing(path) || !file.startsWith(root) || !(await stat(file)).isFile()) throw new Error('not a file');
      const body = alter(path, await readFile(file));
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
