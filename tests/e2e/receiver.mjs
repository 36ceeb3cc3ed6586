// The feedback endpoints the browser tests send answers to. `startReceiver`: a stand-in on
// 127.0.0.1 only and a free port; it takes "Was this helpful?" answers as a real endpoint on
// another origin would (CORS preflight, JSON POSTs) and records what arrived, and on request
// fails, refuses or never answers, so tests can check that answers are retried, dropped or kept
// in the queue. `builtReceiver` and `spawnReceiver`: the real receiver (`crates/receiver`).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';

/** The CORS headers a cross-origin `fetch` with a JSON body needs from the endpoint. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'content-type',
  // So the widget can read how long a 429 or 503 asks it to wait.
  'access-control-expose-headers': 'retry-after',
};

/** Largest body accepted, far above a real answer (a 500-character comment and a few ids). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Starts the receiver; resolves to:
 * - `url`: the endpoint, `http://127.0.0.1:<port>/feedback`;
 * - `received`: one `{ body, headers: { 'content-type', origin, cookie } }` per answer accepted
 *   (`body` parsed from JSON; a header that was not sent is `undefined`);
 * - `failNext(n)`: the next `n` POSTs get 503 (worth retrying) and are not recorded;
 * - `rejectNext(status = 400, n = 1, headers = {})`: the next `n` POSTs get `status` (with
 *   `headers`, such as a `retry-after`) and are not recorded;
 * - `hang(on = true)`: POSTs get no answer at all while on (the socket stays open, as with a
 *   stalled network); turning it off leaves already hanging requests hanging;
 * - `reset()`: forgets what was received and every failure, rejection and hang;
 * - `close()`: stops at once, cutting hanging requests.
 *
 * Other paths get 404, other methods 405, a POST without `Content-Type: application/json` 415,
 * and a body that is not JSON 400; none of these is recorded.
 */
export async function startReceiver() {
  const received = [];
  let failures = 0;
  let rejections = { status: 400, count: 0, headers: {} };
  let hanging = false;
  const sockets = new Set();

  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://127.0.0.1').pathname;
    const answer = (status, headers = {}) => {
      response.writeHead(status, { ...CORS, ...headers });
      response.end();
    };
    if (path !== '/feedback') return answer(404);
    if (request.method === 'OPTIONS') return answer(204, { 'access-control-max-age': '0' });
    if (request.method !== 'POST') return answer(405, { allow: 'POST, OPTIONS' });

    if (hanging) return request.resume();
    if (failures > 0) {
      failures -= 1;
      return drain(request, () => answer(503));
    }
    if (rejections.count > 0) {
      rejections.count -= 1;
      const { status, headers } = rejections;
      return drain(request, () => answer(status, headers));
    }
    const type = request.headers['content-type'] ?? '';
    if (type.split(';')[0].trim().toLowerCase() !== 'application/json') return drain(request, () => answer(415));

    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return answer(413);
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400);
      }
      const { origin, cookie } = request.headers;
      received.push({ body, headers: { 'content-type': type, origin, cookie } });
      answer(204);
    });
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));

  return {
    url: `http://127.0.0.1:${server.address().port}/feedback`,
    received,
    failNext(n) {
      failures = n;
    },
    rejectNext(status = 400, n = 1, headers = {}) {
      rejections = { status, count: n, headers };
    },
    hang(on = true) {
      hanging = on;
    },
    reset() {
      received.length = 0;
      failures = 0;
      rejections = { status: 400, count: 0, headers: {} };
      hanging = false;
    },
    close: () => new Promise((done) => {
      server.close(() => done());
      for (const socket of sockets) socket.destroy();
    }),
  };
}

/** Reads and discards the request body, then calls `then`: answering before the body has been
 * read can make the browser see a reset connection instead of the status. */
function drain(request, then) {
  request.resume();
  request.on('end', then);
}

/**
 * The real feedback receiver (`crates/receiver`), built as its tests build it (a no-op when it is
 * up to date): the path of its executable as cargo reports it, or `RECEIVER_BIN`.
 */
export function builtReceiver() {
  if (process.env.RECEIVER_BIN) return process.env.RECEIVER_BIN;
  const built = spawnSync('cargo', ['build', '--quiet', '--locked', '-p', 'nhs-login-help-receiver', '--bin', 'nhs-login-help-receiver', '--message-format=json'], {
    encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (built.status !== 0) throw new Error('cargo build -p nhs-login-help-receiver failed');
  const executable = built.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line))
    .find((message) => message.reason === 'compiler-artifact' && message.target?.name === 'nhs-login-help-receiver' && message.executable)?.executable;
  if (!executable) throw new Error('cargo named no executable for nhs-login-help-receiver');
  return executable;
}

/**
 * Starts the receiver's executable (`builtReceiver()`) on 127.0.0.1: `port` 0 picks a free one, a
 * restart passes the same again; `env` goes into an environment of its own with only PATH.
 * Resolves once it listens to `{ child, origin, url, port, stopped, kill(signal), stop() }`, where
 * `stopped` settles to `{ code, signal }` when it exits.
 */
export async function spawnReceiver(executable, env, { port = 0 } = {}) {
  const child = spawn(executable, [], {
    env: { PATH: process.env.PATH, LISTEN: `127.0.0.1:${port}`, RATE_LIMIT_PER_MINUTE: '6000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stopped = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const address = await new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      seen += chunk;
      const found = /listening on http:\/\/(127\.0\.0\.1:\d+)/.exec(seen);
      if (found) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(found[1]);
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code}) before listening:\n${seen}`)));
  });
  return {
    child,
    origin: `http://${address}`,
    url: `http://${address}/feedback`,
    port: Number(address.split(':')[1]),
    stopped,
    kill: (signal = 'SIGTERM') => child.kill(signal),
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return stopped;
    },
  };
}
