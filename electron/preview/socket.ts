// The bridge's calls over one WebSocket per tab, kept open: the preview's stand-in for Electron's
// IPC channel. A fetch per call costs Chromium a loader, headers, cookies and several hops between
// its processes (about 8 ms a call on a loaded 2-core machine, against about 2 ms for a message on
// an open socket), which the desktop app's IPC never pays. The HTTP endpoint stays for everything
// else (tests, scripts, large bodies, a socket not open yet).
//
// Only what the bridge sends is spoken (RFC 6455): masked text frames, fragments, ping, close.
// The server says SOCKET_HELLO first; then a message is `{ id, channel, request }` and its answer
// `{ id, envelope }`, in the order the calls finish.
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';

/** The bridge sends larger calls (lead files) over HTTP; anything larger here closes the socket. */
export const SOCKET_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** The server's first message on a new socket. */
export const SOCKET_HELLO = JSON.stringify({ dialdeck: 'ready' });
const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const OPCODE_CONTINUATION = 0x0;
const OPCODE_TEXT = 0x1;
const OPCODE_CLOSE = 0x8;
const OPCODE_PING = 0x9;
const OPCODE_PONG = 0xa;

/** The handshake's answer key for the client's Sec-WebSocket-Key. */
export function acceptKey(key: string): string {
  return createHash('sha1').update(key + ACCEPT_GUID).digest('base64');
}

/** One frame, server to client (never masked). */
export function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  let head: Buffer;
  if (length < 126) {
    head = Buffer.from([0x80 | opcode, length]);
  } else if (length < 0x10000) {
    head = Buffer.alloc(4);
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

type Frame = { fin: boolean; opcode: number; payload: Buffer; size: number };

/** The first complete frame in `buffer` (client frames must be masked); null when more bytes are
 *  needed; an error text when the frame breaks the protocol or the size limit. */
export function decodeFrame(buffer: Buffer): Frame | null | { error: string; code: number } {
  if (buffer.length < 2) return null;
  const first = buffer[0]!;
  const second = buffer[1]!;
  if ((first & 0x70) !== 0) return { error: 'reserved bits set', code: 1002 };
  if ((second & 0x80) === 0) return { error: 'a client frame must be masked', code: 1002 };
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    const long = buffer.readBigUInt64BE(2);
    if (long > BigInt(SOCKET_MAX_MESSAGE_BYTES)) return { error: 'message too large', code: 1009 };
    length = Number(long);
    offset = 10;
  }
  if (length > SOCKET_MAX_MESSAGE_BYTES) return { error: 'message too large', code: 1009 };
  if (buffer.length < offset + 4 + length) return null;
  const mask = buffer.subarray(offset, offset + 4);
  const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
  for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!;
  return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload, size: offset + 4 + length };
}

/**
 * Take over an upgraded connection (the handshake's checks are the caller's) and answer each
 * call with `answer`. Returns a function that closes the socket.
 */
export function serveSocket(key: string, socket: Duplex, head: Buffer, answer: (message: unknown) => Promise<unknown>): () => void {
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`);
  (socket as Duplex & { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  // The bridge sends calls only once this hello has come: a socket answered by anything else (a
  // proxy, a test's stand-in) is never sent a call.
  socket.write(encodeFrame(OPCODE_TEXT, Buffer.from(SOCKET_HELLO)));
  let pending: Buffer = head.length > 0 ? Buffer.from(head) : Buffer.alloc(0);
  // A message in fragments: its parts so far.
  let parts: Buffer[] | null = null;
  let partsSize = 0;
  let closed = false;

  const send = (opcode: number, payload: Buffer) => {
    if (!closed && socket.writable) socket.write(encodeFrame(opcode, payload));
  };
  const close = (code = 1000, reason = '') => {
    if (closed) return;
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
    payload.writeUInt16BE(code, 0);
    payload.write(reason, 2);
    send(OPCODE_CLOSE, payload);
    closed = true;
    socket.end();
  };
  const deliver = (text: string) => {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return close(1007, 'not JSON');
    }
    const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
    if (typeof id !== 'number') return close(1007, 'a call needs a numeric id');
    void answer(message).then(
      (envelope) => send(OPCODE_TEXT, Buffer.from(JSON.stringify({ id, envelope }))),
      (error: unknown) => send(OPCODE_TEXT, Buffer.from(JSON.stringify({ id, envelope: { ok: false, error: { code: 'internal', message: `The preview failed to answer (${String(error)}).` } } }))),
    );
  };

  const onData = (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (!closed) {
      const frame = decodeFrame(pending);
      if (frame === null) return;
      if ('error' in frame) return close(frame.code, frame.error);
      pending = pending.subarray(frame.size);
      if (frame.opcode === OPCODE_PING) send(OPCODE_PONG, frame.payload);
      else if (frame.opcode === OPCODE_PONG) continue;
      else if (frame.opcode === OPCODE_CLOSE) close(1000);
      else if (frame.opcode === OPCODE_TEXT || frame.opcode === OPCODE_CONTINUATION) {
        if ((frame.opcode === OPCODE_TEXT) !== (parts === null)) return close(1002, 'unexpected fragment');
        parts ??= [];
        parts.push(frame.payload);
        partsSize += frame.payload.length;
        if (partsSize > SOCKET_MAX_MESSAGE_BYTES) return close(1009, 'message too large');
        if (!frame.fin) continue;
        const text = Buffer.concat(parts).toString('utf8');
        parts = null;
        partsSize = 0;
        deliver(text);
      } else return close(1003, 'text frames only');
    }
  };
  socket.on('data', onData);
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    closed = true;
  });
  if (pending.length > 0) onData(Buffer.alloc(0));
  return () => {
    close(1001, 'preview stopping');
    socket.destroy();
  };
}
