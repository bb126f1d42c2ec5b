import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface LoginAnswer {
  status: number;
  retryAfter: string | undefined;
  body: { statusCode?: number; message?: string; accessToken?: string };
}

/**
 * The app listening on loopback, so a test can log in from several client addresses: every
 * 127.x.y.z is a local address on Linux, and the server sees it as the request's address.
 */
export async function listenOnLoopback(app: NestFastifyApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

export function loginFrom(port: number, localAddress: string, credentials: { email: string; password: string }): Promise<LoginAnswer> {
  const payload = JSON.stringify(credentials);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method: 'POST',
        path: '/api/auth/login',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, body: JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export const statusCounts = (answers: LoginAnswer[]): Record<number, number> =>
  answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});
