// The bridge's calls over one WebSocket per tab, kept open: the preview's stand-in for Electron's
// IPC channel. A fetch per call costs Chromium a loader, headers, cookies and several hops between
// its processes (about 8 ms a call on a loaded 2-core machine, against about 2 ms for a message on
// an open socket), which the desktop app's IPC never pays. The HTTP endpoint stays for everything
// else (tests, scripts, large bodies, a socket not open yet).
//
// The protocol is `ws`'s. The server says SOCKET_HELLO first; then a message is
// `{ id, channel, request }` and its answer `{ id, envelope }`, in the order the calls finish.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** The bridge sends larger calls (lead files) over HTTP; anything larger here closes the socket. */
export const SOCKET_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** The server's first message on a new socket. */
export const SOCKET_HELLO = JSON.stringify({ dialdeck: 'ready' });

/** Answers calls on the sockets it accepts; the caller has checked the request (host, origin,
 *  token) before handing it over. */
export class CallSockets {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: SOCKET_MAX_MESSAGE_BYTES, perMessageDeflate: false });

  constructor(private readonly answer: (message: unknown) => Promise<unknown>) {}

  /** Complete the handshake of an upgrade request (ws refuses a malformed one with a 400). */
  accept(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.serve(ws));
  }

  private serve(ws: WebSocket): void {
    // The bridge sends calls only once this hello has come: a socket answered by anything else
    // (a proxy, a test's stand-in) is never sent a call.
    ws.send(SOCKET_HELLO);
    const reply = (id: number, envelope: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, envelope }));
    };
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        return ws.close(1007, 'not JSON');
      }
      const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
      if (typeof id !== 'number') return ws.close(1007, 'a call needs a numeric id');
      void this.answer(message).then(
        (envelope) => reply(id, envelope),
        (error: unknown) => reply(id, { ok: false, error: { code: 'internal', message: `The preview failed to answer (${String(error)}).` } }),
      );
    });
    ws.on('error', () => ws.terminate());
  }

  /** The preview stops: every socket is told and closed. */
  close(): void {
    for (const ws of this.server.clients) {
      ws.close(1001, 'preview stopping');
      ws.terminate();
    }
    this.server.close();
  }
}
