import { connect, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startTestApp, TestApp } from '../support/test-app';

/** A guard against a connection held forever, not a precision check: the timeout is 2 s, Node looks every second. */
const CUT_WITHIN_MS = 8000;

interface Outcome {
  closedAfterMs: number;
  received: string;
}

/**
 * Opens a raw connection, writes `head`, then one byte of `trickle` every `everyMs` until the
 * server closes the socket (or `giveUpMs` passes, then the outcome says so).
 */
function trickle(port: number, head: string, trickleText: string, everyMs: number, giveUpMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ closedAfterMs: Date.now() - started, received });
    };
    const giveUp = setTimeout(() => {
      socket.destroy();
      clearInterval(timer);
      resolve({ closedAfterMs: Infinity, received });
    }, giveUpMs);
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (socket.destroyed) return;
        socket.write(trickleText[sent++ % trickleText.length]);
      }, everyMs);
    });
  });
}

describe('slow clients are cut off: request and headers timeouts', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ env: { HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_HEADERS_TIMEOUT_MS: '1500' } });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
  });

  it('a body trickled one byte at a time into a declared 100 kB body gets 408 and the connection closed (read before the guard runs)', async () => {
    const head = 'POST /api/agents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n';
    const outcome = await trickle(port, head, '{"email":"slow@example.test"', 250, 15_000);
    expect(outcome.closedAfterMs).toBeLessThan(CUT_WITHIN_MS);
    expect(outcome.received.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('headers trickled one byte at a time get the connection closed', async () => {
    const outcome = await trickle(
      port,
      'GET /health/live HTTP/1.1\r\n',
      'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      250,
      15_000,
    );
    expect(outcome.closedAfterMs).toBeLessThan(CUT_WITHIN_MS);
    expect(outcome.received === '' || outcome.received.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('many trickling connections are all released, and the server keeps answering', async () => {
    const head = 'POST /api/agents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n';
    const outcomes = Promise.all(Array.from({ length: 50 }, () => trickle(port, head, '{"a":1', 500, 15_000)));
    const live = await t.client.get('/health/live');
    expect(live.status).toBe(200);
    const all = await outcomes;
    expect(all.filter((o) => o.closedAfterMs >= CUT_WITHIN_MS)).toEqual([]);
  });

  it('a body that arrives in time, even in pieces, is answered normally', async () => {
    const body = JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password' });
    const response = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        if (received.includes('\r\n\r\n')) socket.end();
      });
      socket.on('close', () => resolve(received));
      socket.on('connect', () => {
        socket.write(
          `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
        );
        const half = Math.floor(body.length / 2);
        setTimeout(() => socket.write(body.slice(0, half)), 300);
        setTimeout(() => socket.write(body.slice(half)), 600);
      });
    });
    expect(response.startsWith('HTTP/1.1 401')).toBe(true);
  });
});

describe('X-Request-Id: a client value is kept only when it is a plain token of at most 128 characters', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const idFor = async (value?: string) => {
    const request = t.client.get('/health/live');
    if (value !== undefined) request.set('X-Request-Id', value);
    const response = await request;
    expect(response.status).toBe(200);
    return response.headers['x-request-id'];
  };

  it('echoes a plain token, up to 128 characters', async () => {
    expect(await idFor('abc-123_X.y')).toBe('abc-123_X.y');
    const longest = 'a'.repeat(128);
    expect(await idFor(longest)).toBe(longest);
  });

  it('replaces a missing, too long or unsafe value with a fresh UUID', async () => {
    const replaced = [
      await idFor(),
      await idFor('a'.repeat(129)),
      await idFor('a'.repeat(10_000)),
      await idFor('two words'),
      await idFor('<script>'),
      await idFor('x;y=z'),
      await idFor('é'),
    ];
    expect(replaced.map((id) => UUID.test(id))).toEqual(replaced.map(() => true));
    expect(new Set(replaced).size).toBe(replaced.length);
  });
});
