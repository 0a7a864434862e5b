// The preview's call socket (electron/preview/socket.ts): frames as RFC 6455 lays them out, and a
// real WebSocket client (Node's) answered call by call.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SOCKET_HELLO, SOCKET_MAX_MESSAGE_BYTES, acceptKey, decodeFrame, encodeFrame, serveSocket } from '../../electron/preview/socket';

/** A client frame as a browser sends it: masked with `mask`. */
function clientFrame(opcode: number, payload: Buffer, { fin = true, mask = [0x12, 0x34, 0x56, 0x78] } = {}): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | length]) : length < 0x10000 ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | 126, length >> 8, length & 0xff]) : (() => {
    const long = Buffer.alloc(10);
    long[0] = (fin ? 0x80 : 0) | opcode;
    long[1] = 0x80 | 127;
    long.writeBigUInt64BE(BigInt(length), 2);
    return long;
  })();
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([head, Buffer.from(mask), masked]);
}

describe('frames', () => {
  it('answers the handshake with the key RFC 6455 gives for its sample nonce', () => {
    // RFC 6455 §1.3: "dGhlIHNhbXBsZSBub25jZQ==" → "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('unmasks a client frame of each length form, and waits for the rest of a partial one', () => {
    for (const size of [0, 5, 125, 126, 300, 70_000]) {
      const text = 'é'.repeat(Math.floor(size / 2)) + 'x'.repeat(size % 2);
      const frame = clientFrame(0x1, Buffer.from(text));
      const decoded = decodeFrame(frame);
      expect(decoded, `${size}`).toMatchObject({ fin: true, opcode: 0x1, size: frame.length });
      expect((decoded as { payload: Buffer }).payload.toString('utf8')).toBe(text);
      expect(decodeFrame(frame.subarray(0, frame.length - 1)), `${size} partial`).toBeNull();
    }
    expect(decodeFrame(Buffer.from([0x81]))).toBeNull();
  });

  it('refuses an unmasked client frame and one over the size limit', () => {
    expect(decodeFrame(Buffer.from([0x81, 0x02, 0x68, 0x69]))).toMatchObject({ code: 1002 });
    const huge = Buffer.alloc(10);
    huge[0] = 0x81;
    huge[1] = 0x80 | 127;
    huge.writeBigUInt64BE(BigInt(SOCKET_MAX_MESSAGE_BYTES + 1), 2);
    expect(decodeFrame(huge)).toMatchObject({ code: 1009 });
  });

  it('writes server frames a client can read back, in each length form', () => {
    for (const size of [3, 126, 70_000]) {
      const payload = Buffer.alloc(size, 0x61);
      const frame = encodeFrame(0x1, payload);
      const headLength = size < 126 ? 2 : size < 0x10000 ? 4 : 10;
      expect(frame[0]).toBe(0x81);
      expect(frame[1]! & 0x80).toBe(0);
      const length = size < 126 ? frame[1]! : size < 0x10000 ? frame.readUInt16BE(2) : Number(frame.readBigUInt64BE(2));
      expect(length).toBe(size);
      expect(frame.subarray(headLength).equals(payload)).toBe(true);
    }
  });
});

describe('serveSocket', () => {
  let server: http.Server | null = null;
  // Upgraded sockets are the test's, not the HTTP server's, to close.
  const upgraded = new Set<import('node:stream').Duplex>();
  afterEach(async () => {
    for (const socket of upgraded) socket.destroy();
    upgraded.clear();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
  });

  async function listen(answer: (message: unknown) => Promise<unknown>): Promise<{ url: string; raw: () => Promise<import('node:net').Socket> }> {
    const running = http.createServer();
    server = running;
    running.on('upgrade', (req, socket, head) => {
      upgraded.add(socket);
      serveSocket(String(req.headers['sec-websocket-key']), socket, head, answer);
    });
    await new Promise<void>((resolve) => running.listen(0, '127.0.0.1', () => resolve()));
    const { port } = running.address() as AddressInfo;
    const raw = () =>
      new Promise<import('node:net').Socket>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
        request.on('upgrade', (_response, socket, head) => {
          // Bytes that came with the handshake's answer (the hello) are read like the rest.
          if (head.length > 0) socket.unshift(head);
          resolve(socket);
        });
        request.on('error', reject);
        request.end();
      });
    return { url: `ws://127.0.0.1:${port}/`, raw };
  }

  it('says hello, then answers each call with its id, in the order they finish', async () => {
    const { url } = await listen(async (message) => {
      const { channel, request } = message as { channel: string; request: { wait: number } };
      await new Promise((resolve) => setTimeout(resolve, request.wait));
      return { ok: true, value: channel };
    });
    const client = new WebSocket(url);
    const received: unknown[] = [];
    const twoAnswers = new Promise<void>((resolve) => {
      client.onmessage = (message) => {
        received.push(JSON.parse(String(message.data)));
        if (received.length === 1) {
          client.send(JSON.stringify({ id: 1, channel: 'slow', request: { wait: 60 } }));
          client.send(JSON.stringify({ id: 2, channel: 'fast', request: { wait: 0 } }));
        }
        if (received.length === 3) resolve();
      };
    });
    await twoAnswers;
    client.close();
    expect(received).toEqual([JSON.parse(SOCKET_HELLO), { id: 2, envelope: { ok: true, value: 'fast' } }, { id: 1, envelope: { ok: true, value: 'slow' } }]);
  });

  it('puts a message sent in fragments back together, answers a ping, and closes on a call without an id', async () => {
    const { raw } = await listen(async (message) => ({ ok: true, value: message }));
    const socket = await raw();
    const frames: Buffer[] = [];
    let bytes = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      for (;;) {
        if (bytes.length < 2) return;
        const length = bytes[1]! & 0x7f;
        const head = length === 126 ? 4 : 2;
        const size = length === 126 ? bytes.readUInt16BE(2) : length;
        if (bytes.length < head + size) return;
        frames.push(bytes.subarray(0, head + size));
        bytes = bytes.subarray(head + size);
      }
    });
    const call = Buffer.from(JSON.stringify({ id: 7, channel: 'queue.list', request: { text: 'ünïcode' } }));
    // Split inside a multi-byte character: the parts are joined as bytes, then read as text.
    const cut = call.indexOf(Buffer.from('ü')) + 1;
    socket.write(Buffer.concat([clientFrame(0x1, call.subarray(0, cut), { fin: false }), clientFrame(0x9, Buffer.from('hi')), clientFrame(0x0, call.subarray(cut))]));
    await expect.poll(() => frames.length).toBe(3);
    const [hello, pong, answer] = frames;
    expect(hello!.subarray(2).toString()).toBe(SOCKET_HELLO);
    expect(pong![0]).toBe(0x8a);
    expect(pong!.subarray(2).toString()).toBe('hi');
    expect(JSON.parse(answer!.subarray(2).toString())).toEqual({ id: 7, envelope: { ok: true, value: { id: 7, channel: 'queue.list', request: { text: 'ünïcode' } } } });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(clientFrame(0x1, Buffer.from(JSON.stringify({ channel: 'queue.list' }))));
    await closed;
    const close = frames.at(-1)!;
    expect(close[0]).toBe(0x88);
    expect(close.readUInt16BE(2)).toBe(1007);
  });
});
