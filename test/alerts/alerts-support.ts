import { createHmac } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { Client } from 'pg';
import { DELIVER_JOB, EVALUATE_JOB } from '@fleetwatch/alerts';
import { newId } from '@fleetwatch/common';
import { JobScheduler } from '@fleetwatch/database';
import { insertSamples as insertSampleRows, TestUser } from '@fleetwatch/testing';
import { TestApp } from '../support/test-app';

export const MINUTE = 60_000;

/** Alert settings the specs run with: one-minute ticks, loopback receivers allowed, fast backoff. */
export const ALERT_ENV = {
  ALLOW_PRIVATE_WEBHOOK_URLS: 'true',
  ALERT_EVAL_INTERVAL_SECONDS: '60',
  ALERT_DELIVERY_BACKOFF_SECONDS: '1',
  ALERT_DELIVERY_MAX_ATTEMPTS: '4',
  ALERT_DELIVERY_TIMEOUT_MS: '2000',
  ALERT_REPEAT_INTERVAL_MINUTES: '0',
};

/** A minute-aligned start, so every test's ticks fall in distinct evaluation slots. */
export function alignedNow(): Date {
  return new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
}

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: unknown;
}

/** An HTTP receiver on 127.0.0.1 that records requests; `status` is what it answers. */
export class Receiver {
  readonly received: Received[] = [];
  status = 200;
  private server?: Server;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.received.push({ path: req.url ?? '', headers: req.headers, raw, body: raw ? JSON.parse(raw) : null });
        res.writeHead(this.status, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** True when the signature header is the HMAC of the raw body with the secret. */
  static verified(r: Received, secret: string): boolean {
    return r.headers['x-fleetwatch-signature'] === 'sha256=' + createHmac('sha256', secret).update(r.raw).digest('hex');
  }
}

/** Inserts metric samples directly (partitions ensured), one statement. */
export async function insertSamples(sql: Client, agentId: string, type: string, points: [Date, number][]): Promise<void> {
  await insertSampleRows(
    sql,
    points.map(([ts, value]) => ({ id: newId(), agentId, type, value, ts })),
  );
}

/** One sample per minute from `from` to `to` minutes relative to `base`. */
export function everyMinute(base: Date, from: number, to: number, value: number): [Date, number][] {
  const points: [Date, number][] = [];
  for (let m = from; m <= to; m++) points.push([new Date(base.getTime() + m * MINUTE), value]);
  return points;
}

export async function tick(t: TestApp): Promise<void> {
  await t.get(JobScheduler).runNow(EVALUATE_JOB);
}

export async function deliver(t: TestApp): Promise<void> {
  await t.get(JobScheduler).runNow(DELIVER_JOB);
}

/** Advances the clock one interval and evaluates. */
export async function step(t: TestApp, minutes = 1): Promise<void> {
  t.clock.advance(minutes * MINUTE);
  await tick(t);
}

export async function createRule(t: TestApp, user: TestUser, body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await t.client.post('/api/alerts/rules', user.auth).send({
    name: 'High CPU',
    metric: 'cpu',
    aggregation: 'avg',
    comparator: 'gt',
    threshold: 80,
    windowMinutes: 5,
    ...body,
  });
  if (response.status !== 201) throw new Error(`create rule: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string };
}

export async function createChannel(t: TestApp, user: TestUser, body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await t.client.post('/api/alerts/channels', user.auth).send({ name: 'hook', type: 'webhook', secret: 'webhook-secret-1', ...body });
  if (response.status !== 201) throw new Error(`create channel: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string };
}

export async function alertsOf(t: TestApp, user: TestUser, query = ''): Promise<Record<string, unknown>[]> {
  const response = await t.client.get(`/api/alerts${query}`, user.auth);
  if (response.status !== 200) throw new Error(`list alerts: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>[];
}
