// `npm run preview`: the real core under Node and the built renderer in any browser, on loopback
// only, with a per-run token. Lets the whole product be driven end to end without Electron.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { startCore, type Core, type CoreOptions, type RecoveryMode } from '../core/core';
import { exportFolder } from '../core/exports/folder';
import { pathsFor, resolveDataDir } from '../core/paths';
import { systemClock } from '../core/ports';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../core/testing';
import { countryFromLocale } from '../core/settings/locale';
import { fileSecrets, teamUrlFile } from '../core/team/secrets';
import { CONTENT_SECURITY_POLICY } from './csp';
import { whenParentEnds } from './lifetime';
import { SESSION_ENDED_ADVICE, SESSION_ENDED_MESSAGE, SESSION_ENDED_TITLE } from './session-ended';
import { CallSockets } from './socket';

const ROOT = path.resolve(__dirname, '../..');
const RENDERER_DIR = path.join(ROOT, 'out/renderer');
// Cookies are kept per host, not per port: each preview names its own, so that opening a second
// preview on 127.0.0.1 does not overwrite the first one's.
const COOKIE_PREFIX = 'dialdeck_preview_';
// Lead files cross as base64 (the contract caps them at about 150 MB).
const MAX_BODY_BYTES = 210_000_000;
/** Where the bridge opens its socket for calls (socket.ts). */
const SOCKET_PATH = '/__dialdeck/socket';
const TEXT = 'text/plain; charset=utf-8';
const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json';
const MIME = new Map<string, string>([
  ['.html', HTML],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.woff2', 'font/woff2'],
  ['.json', JSON_TYPE],
]);
// The page's own policy, plus what only a header can say: no other page may frame the preview
// (a page on another loopback port is the same site, so it would get the cookie in a frame).
const HEADER_CSP = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
// No script: the CSP forbids inline script, and this page needs none.
const SESSION_ENDED_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Dialdeck preview — session ended</title>
    <link rel="stylesheet" href="/__dialdeck/session-ended.css" />
  </head>
  <body>
    <main>
      <h1>${SESSION_ENDED_TITLE}</h1>
      <p>${SESSION_ENDED_ADVICE[0]}<code>${SESSION_ENDED_ADVICE[1]}</code>${SESSION_ENDED_ADVICE[2]}</p>
    </main>
  </body>
</html>
`;
// Served without the token: the page above needs it when the token is what is missing.
const SESSION_ENDED_CSS = `:root { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: #1b1f24; background: #f4f5f7; }
body { margin: 0; min-height: 100vh; box-sizing: border-box; display: flex; align-items: center; justify-content: center; padding: 24px; }
main { max-width: 36rem; padding: 24px 28px; background: #fff; border: 1px solid #d9dde3; border-left: 6px solid #b3261e; border-radius: 10px; }
h1 { font-size: 22px; margin: 0 0 12px; }
p { margin: 0; }
`;

export interface PreviewOptions {
  port: number;
  dataDir: string;
  testMode: boolean;
  token?: string;
  /** Test mode only: start a fake clock at this instant, moved by POST /__dialdeck/test/clock. */
  fakeClockStart?: string;
  /** The recovery screen's "Quit": the preview stops (the command line ends the process). */
  onQuit?: () => void;
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
  const coreOptions: CoreOptions = {
    paths,
    clock: fakeClock ?? systemClock,
    dialer: {
      async open(uri, preset) {
        await dialer.open(uri, preset);
        console.log(`[dial] ${uri}  (the preview records dials; the desktop app hands them to the softphone)`);
      },
    },
    notifier: {
      notify(notification) {
        notifier.notify(notification);
        console.log(`[notify] ${notification.title} — ${notification.body}  (the desktop app shows an OS notification)`);
      },
    },
    // The browser cannot show a save dialog for the core: exports go to <dataDir>/exports/, and the page says where.
    files: exportFolder(path.join(paths.dataDir, 'exports')),
    initialCountry: countryFromLocale(Intl.DateTimeFormat().resolvedOptions().locale) ?? countryFromLocale(process.env.LANG),
    version: (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    // A browser has no keychain for the core: the team URL is kept as the CLI keeps it (mode 0600).
    teamSecrets: fileSecrets(teamUrlFile(paths.dataDir)),
  };
  // A damaged call log starts the recovery mode in the core's place: only the recovery screen's
  // channels answer, until a backup is restored and the core starts on it.
  let core: Core | null = null;
  let recovery: RecoveryMode | null = null;
  const host = {
    restored: () => {
      const next = startCore(coreOptions, host);
      if (next.kind === 'core') becomeCore(next.core);
    },
    quit: () => {
      console.log('Quit from the recovery screen.');
      options.onQuit?.();
    },
  };
  const started = startCore(coreOptions, host);
  if (started.kind === 'core') core = started.core;
  else {
    recovery = started.mode;
    console.log(`The call log is damaged: the preview serves the recovery screen.\n  ${started.mode.error.message}`);
  }
  const backend = () => (core ?? recovery)!;
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
  const forward = (events: Core['events']) =>
    events.subscribe((name, payload) => {
      const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
      for (const stream of eventStreams) stream.write(frame);
    });
  let unsubscribe = forward(backend().events);
  function becomeCore(opened: Core): void {
    unsubscribe();
    core = opened;
    recovery = null;
    unsubscribe = forward(opened.events);
  }

  const allowedHosts = new Set<string>();
  // Named once the port is known (options.port may be 0: any free port).
  let cookieName = COOKIE_PREFIX;
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error('[preview]', error);
      if (!res.headersSent) send(res, 500, TEXT, 'Internal error');
      else res.end();
    });
  });

  // The bridge's calls over one open socket per tab (socket.ts): the same checks as a call over
  // HTTP (our own host, the preview's own page, this run's token), refused before the handshake.
  const sockets = new CallSockets(async (message) => {
    const { channel, request } = message as { channel?: unknown; request?: unknown };
    return backend().invoke(channel, request);
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    socket.on('error', () => socket.destroy());
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) return refuse('403 Forbidden');
    if (parseTarget(req.url ?? '/')?.pathname !== SOCKET_PATH) return refuse('404 Not Found');
    // Browsers send Origin with every WebSocket handshake: only the preview's own page may open one.
    const caller = authenticatedBy(req, token, cookieName);
    if (!caller || foreignRequest(req, `http://${host}`) !== null || (caller === 'cookie' && req.headers.origin === undefined)) return refuse('403 Forbidden');
    sockets.accept(req, socket, head);
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    // DNS rebinding: only our own loopback host names.
    if (!allowedHosts.has(host)) return send(res, 403, TEXT, 'Forbidden host');
    // Calls from the bridge get JSON envelopes back, pages and files get text or a page.
    const api = (req.url ?? '').startsWith('/__dialdeck/');
    const refuse = (status: number, code: 'forbidden' | 'invalid_request', message: string) =>
      api ? sendEnvelopeError(res, status, code, message) : send(res, status, TEXT, message);
    const target = parseTarget(req.url ?? '/');
    if (!target) return refuse(400, 'invalid_request', 'Bad request: the address has a broken %-escape.');
    const { pathname, searchParams } = target;
    const foreign = foreignRequest(req, `http://${host}`);
    if (foreign) return refuse(403, 'forbidden', foreign);
    const reading = req.method === 'GET' || req.method === 'HEAD';
    const given = searchParams.get('token');
    if (reading && given !== null) {
      // An address from an earlier run: the session it belonged to has ended.
      if (!sameToken(given, token)) return send(res, 403, HTML, SESSION_ENDED_PAGE);
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return void res.end();
    }
    if (pathname === '/__dialdeck/session-ended.css' && reading) return send(res, 200, MIME.get('.css')!, SESSION_ENDED_CSS);
    const caller = authenticatedBy(req, token, cookieName);
    if (!caller) return api ? sendEnvelopeError(res, 403, 'forbidden', SESSION_ENDED_MESSAGE) : send(res, 403, HTML, SESSION_ENDED_PAGE);
    if (!reading) {
      // A page elsewhere can send text/plain, form or multipart bodies without asking (no-cors
      // fetch, HTML forms); only the bridge and the token holders send JSON.
      if (mediaType(req.headers['content-type']) !== JSON_TYPE) {
        return refuse(403, 'forbidden', 'Refused: a call to the preview must have Content-Type: application/json.');
      }
      // Browsers send Origin on every POST, so a cookie without one is not the preview's page.
      // Token-header callers (tests, scripts) are not browsers and may leave it out.
      if (caller === 'cookie' && req.headers.origin === undefined) {
        return refuse(403, 'forbidden', "Refused: a browser call to the preview must come from the preview's own page.");
      }
    }
    if (pathname === '/__dialdeck/invoke' && req.method === 'POST') {
      const body = await readJsonObject(req, '{"channel": "queue.list", "request": {}}');
      if (!body.ok) return sendEnvelopeError(res, 400, 'invalid_request', body.message);
      return send(res, 200, JSON_TYPE, JSON.stringify(await backend().invoke(body.value.channel, body.value.request)));
    }
    if (pathname === '/__dialdeck/events' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      // Reconnect soon after a restart, so that an open tab learns early that its session ended.
      res.write('retry: 1000\n: connected\n\n');
      eventStreams.add(res);
      req.on('close', () => eventStreams.delete(res));
      return;
    }
    // The bridge asks this when its event stream is refused: has this tab's session ended?
    if (pathname === '/__dialdeck/session' && reading) return send(res, 204, TEXT, '');
    if (pathname === '/__dialdeck/bridge.js') return send(res, 200, MIME.get('.js')!, bridgeJs);
    if (options.testMode && pathname === '/__dialdeck/test/dialed') {
      return send(res, 200, JSON_TYPE, JSON.stringify(dialer.opened));
    }
    if (options.testMode && pathname === '/__dialdeck/test/dialer' && req.method === 'POST') {
      // { refusal: "…" } makes every dial fail as an OS with no softphone does; null takes them again.
      const body = await readJsonObject(req, '{"refusal": "no softphone"}');
      if (!body.ok) return sendEnvelopeError(res, 400, 'invalid_request', body.message);
      const refusal = body.value.refusal;
      dialer.refusal = typeof refusal === 'string' ? refusal : null;
      return send(res, 200, JSON_TYPE, JSON.stringify({ ok: true }));
    }
    if (options.testMode && pathname === '/__dialdeck/test/notifications') {
      return send(res, 200, JSON_TYPE, JSON.stringify(notifier.sent));
    }
    if (fakeClock && core && pathname === '/__dialdeck/test/clock' && req.method === 'POST') {
      // Move the fake clock on, firing due timers in order (as time passing would).
      const body = await readJsonObject(req, '{"advanceMs": 30000}');
      if (!body.ok) return sendEnvelopeError(res, 400, 'invalid_request', body.message);
      const advanceMs = Number(body.value.advanceMs);
      if (!Number.isFinite(advanceMs) || advanceMs < 0) return sendEnvelopeError(res, 400, 'invalid_request', 'advanceMs must be a number ≥ 0');
      fakeClock.advance(advanceMs);
      core.scheduler.clockChanged();
      // Let the dials the timers started finish before answering.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return send(res, 200, JSON_TYPE, JSON.stringify({ ok: true, now: fakeClock.now().toISOString() }));
    }
    if (!reading) return send(res, 405, TEXT, 'Method not allowed');
    if (pathname === '/' || pathname === '/index.html') return send(res, 200, HTML, indexHtml);
    return serveStatic(pathname, res);
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
  cookieName = `${COOKIE_PREFIX}${port}`;
  const url = `http://127.0.0.1:${port}/?token=${token}`;

  return {
    url,
    port,
    token,
    dataDir: paths.dataDir,
    async close() {
      for (const stream of eventStreams) stream.end();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      unsubscribe();
      core?.close();
    },
  };
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': HEADER_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendEnvelopeError(res: http.ServerResponse, status: number, code: 'forbidden' | 'invalid_request', message: string): void {
  send(res, status, JSON_TYPE, JSON.stringify({ ok: false, error: { code, message } }));
}

/** The request's path, %-decoded, and its query; null when the path cannot be decoded. */
function parseTarget(rawUrl: string): { pathname: string; searchParams: URLSearchParams } | null {
  try {
    const url = new URL(rawUrl, 'http://preview.invalid');
    const pathname = decodeURIComponent(url.pathname);
    return pathname.includes('\0') ? null : { pathname, searchParams: url.searchParams };
  } catch {
    return null;
  }
}

/**
 * Why a request is refused as coming from another page, or null. A browser names the page a
 * request comes from in Origin (on every POST and cross-origin call) and Sec-Fetch-Site; a page
 * on 127.0.0.1 at another port is "same-site" and would carry the cookie, so only same-origin
 * (the preview's own page) and none (typed or opened address) pass. A top-level visit from a
 * link elsewhere still opens the preview: it reads nothing back and changes nothing. Clients
 * that are not browsers send neither header, and must hold the token.
 */
function foreignRequest(req: http.IncomingMessage, ownOrigin: string): string | null {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== ownOrigin) {
    return `Refused: this request came from another origin (${origin}); only the preview's own page may call it.`;
  }
  const site = req.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return null;
  const topLevelVisit =
    (req.method === 'GET' || req.method === 'HEAD') && req.headers['sec-fetch-mode'] === 'navigate' && req.headers['sec-fetch-dest'] === 'document';
  return topLevelVisit ? null : `Refused: a ${site} request; only the preview's own page may call it.`;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function serveStatic(pathname: string, res: http.ServerResponse): void {
  const file = path.resolve(RENDERER_DIR, `.${pathname}`);
  if (!file.startsWith(RENDERER_DIR + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return send(res, 404, TEXT, 'Not found');
  }
  const type = MIME.get(path.extname(file)) ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'content-security-policy': HEADER_CSP, 'x-content-type-options': 'nosniff' });
  fs.createReadStream(file).pipe(res);
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How the caller proved it holds this run's token: the header (tests, scripts) or the cookie
 *  the printed address set (the browser); null when it did not. */
function authenticatedBy(req: http.IncomingMessage, token: string, cookieName: string): 'header' | 'cookie' | null {
  const header = req.headers['x-dialdeck-token'];
  if (typeof header === 'string' && sameToken(header, token)) return 'header';
  return cookieValues(req.headers.cookie, cookieName).some((value) => sameToken(value, token)) ? 'cookie' : null;
}

function cookieValues(header: string | undefined, name: string): string[] {
  const values: string[] = [];
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals > 0 && pair.slice(0, equals).trim() === name) values.push(pair.slice(equals + 1).trim());
  }
  return values;
}

type JsonObjectBody = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

async function readJsonObject(req: http.IncomingMessage, example: string): Promise<JsonObjectBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, message: 'Request too large.' };
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { ok: false, message: 'Request body is not JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `The request body must be a JSON object, like ${example}.` };
  }
  return { ok: true, value: value as Record<string, unknown> };
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
  let quit: (reason: string) => void = () => undefined;
  const quitAsked = new Promise<string>((resolve) => (quit = resolve));
  const preview = await startPreviewServer({
    port,
    dataDir: resolveDataDir(values['data-dir'], process.env, path.join(ROOT, '.dialdeck-data')),
    testMode: values['test-mode'] === true || process.env.DIALDECK_TEST_MODE === '1',
    fakeClockStart: values.clock,
    onQuit: () => quit('Quit on the recovery screen'),
  });
  console.log(
    `Dialdeck preview is running (loopback only).\n  Open: ${preview.url}\n  Data: ${preview.dataDir}\nPress Ctrl+C to stop (it also stops with the process that started it).`,
  );
  const reason = await Promise.race([parentEnded, quitAsked]);
  // Written before anything exits: a pipe's write is asynchronous, and process.exit drops it.
  await new Promise<void>((resolve) => process.stdout.write(`Stopping the preview (${reason}).\n`, () => resolve()));
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
