// The preview's stand-in for the preload: the same DialdeckApi shape, over loopback HTTP to the
// preview server instead of Electron IPC. The per-run token rides in an HttpOnly cookie.
import type { DialdeckApi, EventName, Envelope } from '../../shared/ipc/contract';
import { SESSION_ENDED_ADVICE, SESSION_ENDED_MESSAGE, SESSION_ENDED_TITLE } from './session-ended';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
let source: EventSource | null = null;
let sessionEnded = false;
const STREAM_RETRY_MS = 2000;

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

async function invokeOverHttp(channel: string, request: unknown): Promise<Envelope<never>> {
  let response: Response;
  let text: string;
  try {
    response = await fetch('/__dialdeck/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel, request }),
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
    return invokeOverHttp(channel, request);
  },
  on(event, listener) {
    ensureEventStream();
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    listeners.set(event, set);
    return () => set.delete(listener as Listener);
  },
};

Object.defineProperty(window, 'dialdeck', { value: Object.freeze(api), writable: false, configurable: false });
