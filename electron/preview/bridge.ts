// The preview's stand-in for the preload: the same DialdeckApi shape, over a loopback socket and
// HTTP to the preview server instead of Electron IPC. The per-run token rides in an HttpOnly cookie.
import type { DialdeckApi, EventName, Envelope } from '../../shared/ipc/contract';
import { SESSION_ENDED_ADVICE, SESSION_ENDED_MESSAGE, SESSION_ENDED_TITLE } from './session-ended';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
let source: EventSource | null = null;
let sessionEnded = false;
const STREAM_RETRY_MS = 2000;

// Calls go over one open socket (the preview's stand-in for Electron's IPC channel, see
// socket.ts): about 2 ms a call where a fetch costs about 8 on a loaded machine. Until it is open,
// after it drops, and for large bodies (lead files), a call goes over HTTP as before.
const SOCKET_PATH = '/__dialdeck/socket';
/** Below the server's limit (SOCKET_MAX_MESSAGE_BYTES), with room for the envelope. */
const SOCKET_MAX_BODY_CHARS = 1_000_000;
let socket: WebSocket | null = null;
/** The server's hello came on this socket (socket.ts): only then is it sent calls. */
let socketReady = false;
let nextCallId = 1;
const inFlight = new Map<number, (envelope: Envelope<never>) => void>();

function ensureSocket(): void {
  if (socket || sessionEnded || typeof WebSocket === 'undefined') return;
  let opened: WebSocket;
  try {
    opened = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SOCKET_PATH}`);
  } catch {
    return;
  }
  socket = opened;
  socketReady = false;
  opened.onmessage = (message: MessageEvent<string>) => {
    let answer: { id?: unknown; envelope?: unknown; dialdeck?: unknown };
    try {
      answer = JSON.parse(message.data) as { id?: unknown; envelope?: unknown; dialdeck?: unknown };
    } catch {
      return;
    }
    if (answer.dialdeck === 'ready') {
      if (socket === opened) socketReady = true;
      return;
    }
    const settle = typeof answer.id === 'number' ? inFlight.get(answer.id) : undefined;
    if (!settle) return;
    inFlight.delete(answer.id as number);
    settle(envelopeOf(answer.envelope) ?? failure('internal', 'The preview answered with something that is not Dialdeck’s answer.'));
  };
  opened.onclose = () => {
    if (socket === opened) {
      socket = null;
      socketReady = false;
    }
    // Calls on their way when the socket dropped: whether the core took them is not known, as
    // with a fetch whose connection broke; they are not sent again.
    for (const [id, settle] of [...inFlight]) {
      inFlight.delete(id);
      settle(failure('internal', 'The preview server did not answer (its connection closed). Is `npm run preview` still running?'));
    }
    if (!sessionEnded) setTimeout(ensureSocket, STREAM_RETRY_MS);
  };
}

function invokeOverSocket(open: WebSocket, body: string, id: number): Promise<Envelope<never>> {
  return new Promise((resolve) => {
    inFlight.set(id, resolve);
    open.send(body);
  });
}

function ensureEventStream(): void {
  if (source || sessionEnded) return;
  const stream = new EventSource('/__dialdeck/events');
  source = stream;
  stream.onmessage = (message: MessageEvent<string>) => {
    const { name, payload } = JSON.parse(message.data) as { name: EventName; payload: unknown };
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  stream.onerror = () => {
    // The browser retries a dropped stream by itself. It gives up (CLOSED) only when the server
    // answers with an error, which is what a restarted preview answers to this tab.
    if (stream.readyState !== EventSource.CLOSED) return;
    source = null;
    void checkSession();
  };
}

async function checkSession(): Promise<void> {
  try {
    const response = await fetch('/__dialdeck/session');
    if (response.status === 403) return showSessionEnded();
  } catch {
    // Not answering (restarting?): try the stream again below.
  }
  setTimeout(ensureEventStream, STREAM_RETRY_MS);
}

function failure(code: 'forbidden' | 'internal', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** The server's answer when it is one of the core's envelopes; null for anything else (a page
 *  from a proxy, another server on the port, a truncated body). */
function parseEnvelope(text: string): Envelope<never> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return envelopeOf(value);
}

function envelopeOf(value: unknown): Envelope<never> | null {
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } | null };
  if (candidate.ok === true && 'value' in candidate) return value as Envelope<never>;
  const error = candidate.error;
  if (candidate.ok === false && typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string') {
    return value as Envelope<never>;
  }
  return null;
}

/**
 * Cover the page with what to do next when this tab's session has ended (the preview restarted
 * or another run took its port): every call from the app would fail from now on. Styled through
 * the CSSOM, which the CSP allows (it forbids style attributes and inline style sheets).
 */
function showSessionEnded(): void {
  if (sessionEnded) return;
  sessionEnded = true;
  source?.close();
  source = null;
  socket?.close();
  socket = null;
  socketReady = false;
  if (!document.body) {
    document.addEventListener('DOMContentLoaded', drawSessionEnded, { once: true });
    return;
  }
  drawSessionEnded();
}

function drawSessionEnded(): void {
  const backdrop = document.createElement('div');
  Object.assign(backdrop.style, {
    position: 'fixed',
    inset: '0',
    zIndex: '2147483647',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    padding: '24px',
    background: 'var(--bg, #f4f5f7)',
  });
  const notice = document.createElement('section');
  notice.setAttribute('role', 'alertdialog');
  notice.setAttribute('aria-modal', 'true');
  notice.setAttribute('aria-labelledby', 'dialdeck-session-ended-title');
  notice.setAttribute('aria-describedby', 'dialdeck-session-ended-advice');
  notice.tabIndex = -1;
  Object.assign(notice.style, {
    maxWidth: '36rem',
    padding: '24px 28px',
    background: 'var(--panel, #fff)',
    color: 'var(--ink, #1b1f24)',
    border: '1px solid var(--line, #d9dde3)',
    borderLeft: '6px solid var(--error, #b3261e)',
    borderRadius: '10px',
    lineHeight: '1.5',
    // Focus goes here so that the notice is read out; it is not a control to outline.
    outline: 'none',
  });
  const title = document.createElement('h1');
  title.id = 'dialdeck-session-ended-title';
  title.textContent = SESSION_ENDED_TITLE;
  const advice = document.createElement('p');
  advice.id = 'dialdeck-session-ended-advice';
  advice.style.margin = '0';
  const command = document.createElement('code');
  command.textContent = SESSION_ENDED_ADVICE[1];
  advice.append(SESSION_ENDED_ADVICE[0], command, SESSION_ENDED_ADVICE[2]);
  notice.append(title, advice);
  backdrop.append(notice);
  // The app behind can no longer do anything: keep keyboard and screen readers out of it.
  document.getElementById('root')?.setAttribute('inert', '');
  document.body.append(backdrop);
  notice.focus();
}

async function invokeOverHttp(body: string): Promise<Envelope<never>> {
  let response: Response;
  let text: string;
  try {
    response = await fetch('/__dialdeck/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    text = await response.text();
  } catch (error) {
    return failure('internal', `The preview server did not answer (${String(error)}). Is \`npm run preview\` still running?`);
  }
  // The server refuses a tab whose token is gone; nothing this tab sends will work again.
  if (response.status === 403) {
    showSessionEnded();
    return failure('forbidden', SESSION_ENDED_MESSAGE);
  }
  return parseEnvelope(text) ?? failure('internal', `The preview server answered HTTP ${response.status} with something that is not Dialdeck's answer.`);
}

const api: DialdeckApi = {
  invoke(channel, request) {
    const open = socketReady && socket?.readyState === WebSocket.OPEN ? socket : null;
    if (open) {
      const id = nextCallId++;
      const body = JSON.stringify({ id, channel, request });
      if (body.length <= SOCKET_MAX_BODY_CHARS) return invokeOverSocket(open, body, id);
    }
    ensureSocket();
    return invokeOverHttp(JSON.stringify({ channel, request }));
  },
  on(event, listener) {
    ensureEventStream();
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    listeners.set(event, set);
    return () => set.delete(listener as Listener);
  },
};

ensureSocket();
Object.defineProperty(window, 'dialdeck', { value: Object.freeze(api), writable: false, configurable: false });
