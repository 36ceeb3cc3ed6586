// The benchmark's servers (scripts/bench.mjs). Every body is compressed once at start (brotli q11
// and gzip -9, as sizes.mjs counts them) and the encoding is chosen per request from
// Accept-Encoding, as a CDN would.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The content type of each kind of file served. */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** `{ type, identity, gzip, br }`: one response body in each encoding. */
export function compressed(body, type) {
  return {
    type,
    identity: body,
    gzip: gzipSync(body, { level: 9 }),
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  };
}

/** Every file under `dir` by its URL path under `prefix`; an `index.html` also as its folder. */
export function filesUnder(dir, prefix = '/') {
  const files = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const path = prefix + relative(dir, file).split('\\').join('/');
    const body = compressed(readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
    files.set(path, body);
    if (entry.name === 'index.html') files.set(path.slice(0, -'index.html'.length), body);
  }
  return files;
}

/** br if the request accepts it, else gzip, else none (`;q=0` refuses). */
function encodingFor(acceptEncoding = '') {
  const accepted = acceptEncoding.split(',').map((part) => part.trim().split(/\s*;\s*/))
    .filter(([, q]) => q !== 'q=0').map(([name]) => name);
  return ['br', 'gzip'].find((encoding) => accepted.includes(encoding)) ?? 'identity';
}

/**
 * Serves `files` on 127.0.0.1 with `headers`. `sent` records `{ path, encoding, bytes }` for
 * each response and `missing` each path that got a 404 (none should: each is a broken page).
 */
export async function serve(files, headers = {}) {
  const sent = [];
  const missing = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://127.0.0.1').pathname;
    // The feedback endpoint of the host pages that ask "Was this helpful?".
    if (request.method === 'POST') {
      request.resume();
      response.writeHead(204, headers);
      response.end();
      return;
    }
    const file = files.get(path);
    if (!file) {
      missing.push(path);
      response.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    const encoding = encodingFor(request.headers['accept-encoding']);
    const body = file[encoding];
    sent.push({ path, encoding, bytes: body.length });
    response.writeHead(200, {
      ...headers,
      'content-type': file.type,
      'content-length': body.length,
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
      vary: 'accept-encoding',
      'cache-control': 'no-store',
    });
    response.end(body);
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    pages: files,
    sent,
    missing,
    close: () => new Promise((done) => {
      server.close(done);
      server.closeAllConnections();
    }),
  };
}
