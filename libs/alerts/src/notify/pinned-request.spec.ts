import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@fleetwatch/config';
import { ChannelSender } from './channel-sender.service';
import { postPinned } from './pinned-request';
import { HostResolver, isPrivateAddress } from './url-guard';

interface Seen {
  host: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('pinned webhook requests', () => {
  let server: Server;
  let port: number;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ host: req.headers.host, headers: req.headers, body });
        res.writeHead(202).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('connects to the pinned address without resolving the name, keeping the name as Host', async () => {
    // hooks.invalid cannot resolve (RFC 6761): reaching the server proves the pin was used.
    const status = await postPinned({
      url: new URL(`http://hooks.invalid:${port}/hook`),
      pin: { address: '127.0.0.1', family: 4 },
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
      timeoutMs: 5000,
    });
    expect(status).toBe(202);
    expect(seen).toEqual([{ host: `hooks.invalid:${port}`, headers: expect.objectContaining({ 'content-length': '7' }), body: '{"a":1}' }]);
  });

  it('refuses a connection whose peer is private, before sending the body', async () => {
    const sent = postPinned({
      url: new URL(`http://hooks.invalid:${port}/hook`),
      pin: { address: '127.0.0.1', family: 4 },
      headers: {},
      body: 'secret',
      timeoutMs: 5000,
      refusePeer: isPrivateAddress,
    });
    await expect(sent).rejects.toMatchObject({ code: 'PRIVATE_PEER', message: 'connected to a private address (127.0.0.1)' });
    expect(seen).toEqual([]);
  });

  it('asks the resolver once: a name answering public to the check and private later never reaches the private host', async () => {
    const calls: string[] = [];
    // 192.0.2.0/24 (TEST-NET-1) is public for the guard and unroutable: the send can only time out.
    const rebinding: HostResolver = async (host) => {
      calls.push(host);
      return [{ address: calls.length === 1 ? '192.0.2.10' : '127.0.0.1', family: 4 }];
    };
    const config = loadConfig({ JWT_SECRET: 'x'.repeat(32), ALLOW_PRIVATE_WEBHOOK_URLS: 'false', ALERT_DELIVERY_TIMEOUT_MS: '300' });
    const sender = new ChannelSender(config, rebinding);
    const result = await sender.send({ type: 'webhook', url: `http://rebind.example.test:${port}/hook`, secret: null }, '{}', {
      deliveryId: 'd1',
      event: 'alert.firing',
    });
    expect(calls).toEqual(['rebind.example.test']);
    expect(seen).toEqual([]);
    expect(result).toMatchObject({ delivered: false, statusCode: null });
    expect(result.error).toMatch(/^request failed: (timed out after \d+ ms|E[A-Z]+)$/);
  });

  it('refuses, without connecting, a name any of whose addresses is private', async () => {
    const config = loadConfig({ JWT_SECRET: 'x'.repeat(32), ALLOW_PRIVATE_WEBHOOK_URLS: 'false' });
    const sender = new ChannelSender(config, async () => [{ address: '64:ff9b::7f00:1', family: 6 }]);
    const result = await sender.send({ type: 'webhook', url: `http://nat64.example.test:${port}/hook`, secret: null }, '{}', {
      deliveryId: 'd2',
      event: 'alert.firing',
    });
    expect(result).toMatchObject({
      delivered: false,
      statusCode: null,
      error: 'url must not point to a private, loopback or link-local address (nat64.example.test is 64:ff9b::7f00:1)',
    });
    expect(seen).toEqual([]);
  });
});
