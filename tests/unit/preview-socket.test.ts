// The preview's call socket (electron/preview/socket.ts): a real WebSocket client (Node's) says
// its calls and is answered call by call; the protocol itself is `ws`'s.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CallSockets, SOCKET_HELLO } from '../../electron/preview/socket';

describe('the call socket', () => {
  let server: http.Server | null = null;
  let sockets: CallSockets | null = null;
  afterEach(async () => {
    sockets?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = null;
    sockets = null;
  });

  async function listen(answer: (message: unknown) => Promise<unknown>): Promise<string> {
    const running = http.createServer();
    server = running;
    const accepting = new CallSockets(answer);
    sockets = accepting;
    running.on('upgrade', (req, socket, head) => accepting.accept(req, socket, head));
    await new Promise<void>((resolve) => running.listen(0, '127.0.0.1', () => resolve()));
    return `ws://127.0.0.1:${(running.address() as AddressInfo).port}/`;
  }

  /** A client that collects what it is sent, and how it was closed. */
  function open(url: string) {
    const client = new WebSocket(url);
    const received: unknown[] = [];
    let closedWith: number | null = null;
    client.onmessage = (message) => received.push(JSON.parse(String(message.data)));
    client.onclose = (event) => (closedWith = event.code);
    return { client, received, closed: () => closedWith };
  }

  it('says hello, then answers each call with its id, in the order they finish', async () => {
    const url = await listen(async (message) => {
      const { channel, request } = message as { channel: string; request: { wait: number } };
      await new Promise((resolve) => setTimeout(resolve, request.wait));
      return { ok: true, value: channel };
    });
    const { client, received } = open(url);
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toEqual(JSON.parse(SOCKET_HELLO));
    client.send(JSON.stringify({ id: 1, channel: 'slow', request: { wait: 60 } }));
    client.send(JSON.stringify({ id: 2, channel: 'fast', request: { wait: 0 } }));
    await expect.poll(() => received.length).toBe(3);
    expect(received.slice(1)).toEqual([{ id: 2, envelope: { ok: true, value: 'fast' } }, { id: 1, envelope: { ok: true, value: 'slow' } }]);
    client.close();
  });

  it('answers a failed call with an error envelope, and closes on a call without an id or one that is not JSON', async () => {
    const url = await listen(async (message) => {
      if ((message as { channel: string }).channel === 'boom') throw new Error('core gone');
      return { ok: true, value: message };
    });
    const first = open(url);
    await expect.poll(() => first.received.length).toBe(1);
    first.client.send(JSON.stringify({ id: 3, channel: 'boom', request: {} }));
    await expect.poll(() => first.received.length).toBe(2);
    expect(first.received[1]).toMatchObject({ id: 3, envelope: { ok: false, error: { code: 'internal', message: expect.stringContaining('core gone') } } });
    first.client.send(JSON.stringify({ channel: 'queue.list' }));
    await expect.poll(first.closed).toBe(1007);

    const second = open(url);
    await expect.poll(() => second.received.length).toBe(1);
    second.client.send('{not json');
    await expect.poll(second.closed).toBe(1007);
  });

  it('closes every socket when the preview stops', async () => {
    const url = await listen(async () => ({ ok: true, value: null }));
    const { received, closed } = open(url);
    await expect.poll(() => received.length).toBe(1);
    sockets!.close();
    await expect.poll(closed).not.toBeNull();
  });
});
