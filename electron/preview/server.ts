// `npm run preview`: the real core under Node and the built renderer in any browser, on loopback
// only, with a per-run token. Lets the whole product be driven end to end without Electron.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { createCore } from '../core/core';
import { pathsFor, resolveDataDir } from '../core/paths';
import { systemClock } from '../core/ports';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../core/testing';
import { countryFromLocale } from '../core/services/settings';
import { CONTENT_SECURITY_POLICY } from './csp';
import { whenParentEnds } from './lifetime';

const ROOT = path.resolve(__dirname, '../..');
const RENDERER_DIR = path.join(ROOT, 'out/renderer');
const COOKIE = 'dialdeck_preview';
// Lead files cross as base64 (the contract caps them at about 150 MB).
const MAX_BODY_BYTES = 210_000_000;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface PreviewOptions {
  port: number;
  dataDir: string;
  testMode: boolean;
  token?: string;
  /** Test mode only: start a fake clock at this instant, moved by POST /__dialdeck/test/clock. */
  fakeClockStart?: string;
}

export async function startPreviewServer(options: PreviewOptions) {
  const indexFile = path.join(RENDERER_DIR, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`No built renderer at ${indexFile}: run "npm run build" first.`);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const dialer = new RecordingDialer();
  const fakeClockEarly = options.fakeClockStart === undefined ? null : new FakeClock(options.fakeClockStart);
  const notifier = new RecordingNotifier(fakeClockEarly ?? systemClock);
  const paths = pathsFor(options.dataDir);
  if (options.fakeClockStart !== undefined && !options.testMode) throw new Error('--clock is for test mode only.');
  const fakeClock = fakeClockEarly;
  const core = createCore({
    paths,
    clock: fakeClock ?? systemClock,
    dialer: {
      async open(uri) {
        await dialer.open(uri);
        console.log(`[dial] ${uri}  (the preview records dials; the desktop app hands them to the softphone)`);
      },
    },
    notifier: {
      notify(notification) {
        notifier.notify(notification);
        console.log(`[notify] ${notification.title} — ${notification.body}  (the desktop app shows an OS notification)`);
      },
    },
    initialCountry: countryFromLocale(Intl.DateTimeFormat().resolvedOptions().locale) ?? countryFromLocale(process.env.LANG),
    version: (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
  });
  const bridge = await build({
    entryPoints: [path.join(__dirname, 'bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  const bridgeJs = bridge.outputFiles[0]?.text ?? '';
  const indexHtml = fs
    .readFileSync(indexFile, 'utf8')
    .replace('<head>', '<head>\n    <script src="/__dialdeck/bridge.js"></script>');

  const eventStreams = new Set<http.ServerResponse>();
  core.events.subscribe((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const stream of eventStreams) stream.write(frame);
  });

  const allowedHosts = new Set<string>();
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error('[preview]', error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: only our own loopback host names.
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden host');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (!sameToken(given, token)) return send(res, 403, 'text/plain; charset=utf-8', 'Wrong preview token.');
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return void res.end();
    }
    if (!hasToken(req, token)) {
      return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: this preview needs its token. Open the URL that "npm run preview" printed.');
    }
    if (url.pathname === '/__dialdeck/invoke' && req.method === 'POST') {
      const body = await readJson(req);
      if (!body.ok) return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid_request', message: body.message } }));
      const { channel, request } = body.value as { channel?: unknown; request?: unknown };
      return send(res, 200, 'application/json', JSON.stringify(await core.invoke(channel, request)));
    }
    if (url.pathname === '/__dialdeck/events' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      eventStreams.add(res);
      req.on('close', () => eventStreams.delete(res));
      return;
    }
    if (url.pathname === '/__dialdeck/bridge.js') return send(res, 200, MIME['.js']!, bridgeJs);
    if (options.testMode && url.pathname === '/__dialdeck/test/dialed') {
      return send(res, 200, 'application/json', JSON.stringify(dialer.opened));
    }
    if (options.testMode && url.pathname === '/__dialdeck/test/notifications') {
      return send(res, 200, 'application/json', JSON.stringify(notifier.sent));
    }
    if (fakeClock && url.pathname === '/__dialdeck/test/clock' && req.method === 'POST') {
      // Move the fake clock on, firing due timers in order (as time passing would).
      const body = await readJson(req);
      const advanceMs = body.ok ? Number((body.value as { advanceMs?: unknown }).advanceMs) : Number.NaN;
      if (!Number.isFinite(advanceMs) || advanceMs < 0) return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: 'advanceMs must be a number ≥ 0' }));
      fakeClock.advance(advanceMs);
      // Let the dials the timers started finish before answering.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return send(res, 200, 'application/json', JSON.stringify({ ok: true, now: fakeClock.now().toISOString() }));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, MIME['.html']!, indexHtml);
    return serveStatic(url.pathname, res);
  }

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: never 0.0.0.0.
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  allowedHosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`);
  const url = `http://127.0.0.1:${port}/?token=${token}`;

  return {
    url,
    port,
    token,
    dataDir: paths.dataDir,
    async close() {
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      core.close();
    },
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function serveStatic(pathname: string, res: http.ServerResponse): void {
  const file = path.resolve(RENDERER_DIR, `.${decodeURIComponent(pathname)}`);
  if (!file.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  }
  const type = MIME[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' });
  fs.createReadStream(file).pipe(res);
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function hasToken(req: http.IncomingMessage, token: string): boolean {
  const header = req.headers['x-dialdeck-token'];
  if (typeof header === 'string' && sameToken(header, token)) return true;
  const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim());
  return cookies.some((c) => c.startsWith(`${COOKIE}=`) && sameToken(c.slice(COOKIE.length + 1), token));
}

async function readJson(req: http.IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, message: 'Request too large.' };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, message: 'Request body is not JSON.' };
  }
}

async function runFromCommandLine(): Promise<void> {
  // Watch the parent from the start: it may go while the server is still starting.
  const parentEnded = whenParentEnds();
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5199' },
      'data-dir': { type: 'string' },
      'test-mode': { type: 'boolean', default: false },
      clock: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  const preview = await startPreviewServer({
    port,
    dataDir: resolveDataDir(values['data-dir'], process.env, path.join(ROOT, '.dialdeck-data')),
    testMode: values['test-mode'] === true || process.env.DIALDECK_TEST_MODE === '1',
    fakeClockStart: values.clock,
  });
  console.log(
    `Dialdeck preview is running (loopback only).\n  Open: ${preview.url}\n  Data: ${preview.dataDir}\nPress Ctrl+C to stop (it also stops with the process that started it).`,
  );
  const reason = await parentEnded;
  console.log(`Stopping the preview (${reason}).`);
  // Never outlive the parent because closing hung.
  setTimeout(() => {
    console.error('The preview did not close in 5 s; exiting anyway.');
    process.exit(1);
  }, 5000).unref();
  try {
    await preview.close();
  } catch (error) {
    console.error(`The preview did not close cleanly: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  process.exit(0);
}

if (require.main === module) {
  runFromCommandLine().catch((error: unknown) => {
    console.error(`Dialdeck preview could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
