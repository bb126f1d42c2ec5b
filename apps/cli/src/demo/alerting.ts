import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ApiClient, ApiError } from './api-client';
import { FleetAgent } from './telemetry-generator';

export const CHANNEL_NAME = 'demo webhook sink';
export const RULE_NAME = 'Demo: CPU above 80 %';

export interface Notification {
  event: string;
  headline: string;
  signatureOk: boolean;
}

/** The parts of the server's webhook body the sink's log line shows; all optional, since any body is counted. */
interface WebhookBody {
  event?: string;
  rule?: { name?: string };
  agent?: { name?: string };
  alert?: { value?: number };
}

/** The webhook receiver the demo runs itself on loopback; it checks each body's HMAC signature. */
export class WebhookSink {
  readonly received: Notification[] = [];
  readonly secret = randomBytes(18).toString('base64url');
  private server?: Server;
  private port = 0;

  constructor(private readonly onNotification: (n: Notification) => void) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        res.writeHead(204).end();
        this.record(raw, String(req.headers['x-fleetwatch-signature'] ?? ''));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/fleetwatch`;
  }

  private record(raw: Buffer, signature: string): void {
    const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(raw).digest('hex')}`);
    const given = Buffer.from(signature);
    let body: WebhookBody = {};
    try {
      body = JSON.parse(raw.toString('utf8')) as WebhookBody;
    } catch {
      // Counted all the same: the line shows it arrived, and the missing event says what was odd.
    }
    const headline = body.rule ? `${body.rule.name} on ${body.agent?.name ?? '?'} (value ${body.alert?.value ?? '?'})` : 'test';
    const notification = { event: body.event ?? 'unknown', headline, signatureOk: given.length === expected.length && timingSafeEqual(given, expected) };
    this.received.push(notification);
    this.onNotification(notification);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

interface Named {
  id: string;
  name: string;
}

/**
 * A webhook channel pointing at the sink. Servers refuse loopback URLs unless
 * ALLOW_PRIVATE_WEBHOOK_URLS=true (the default is false, development included); then there is no
 * channel, the rule still fires in the console, and the note says how to see notifications too.
 */
export async function ensureChannel(api: ApiClient, sink: WebhookSink, note: (m: string) => void): Promise<string | undefined> {
  const channels = await api.get<Named[]>('/api/alerts/channels?limit=500');
  const existing = channels.find((c) => c.name === CHANNEL_NAME);
  const body = { url: sink.url, secret: sink.secret, enabled: true };
  try {
    if (existing) {
      await api.call('PATCH', `/api/alerts/channels/${existing.id}`, body);
      return existing.id;
    }
    return (await api.post<Named>('/api/alerts/channels', { name: CHANNEL_NAME, type: 'webhook', ...body })).id;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    note(
      `the server refused the loopback webhook ${sink.url} (${error.messageText}). The alert still fires in the console; ` +
        'to see it delivered to the demo sink too, restart the server with ALLOW_PRIVATE_WEBHOOK_URLS=true.',
    );
    // A channel left from an earlier run points at a port nobody listens on any more.
    if (existing) await api.call('PATCH', `/api/alerts/channels/${existing.id}`, { enabled: false }).catch(() => undefined);
    return undefined;
  }
}

/** CPU averaged over a minute above 80 on the hot agent, firing at once: the evaluator's next tick (ALERT_EVAL_INTERVAL_SECONDS) fires it. */
export async function ensureRule(api: ApiClient, hot: FleetAgent, channelId: string | undefined): Promise<string> {
  const rules = await api.get<Named[]>('/api/alerts/rules?limit=500');
  const existing = rules.find((r) => r.name === RULE_NAME);
  const body = {
    metric: 'cpu',
    aggregation: 'avg',
    comparator: 'gt',
    threshold: 80,
    windowMinutes: 1,
    forMinutes: 0,
    keepFiringForMinutes: 2,
    noData: 'ok',
    severity: 'critical',
    agentId: hot.id,
    channelIds: channelId ? [channelId] : [],
    enabled: true,
  };
  if (existing) {
    await api.call('PATCH', `/api/alerts/rules/${existing.id}`, body);
    await resolveOpen(api, existing.id, hot.id);
    return existing.id;
  }
  return (await api.post<Named>('/api/alerts/rules', { name: RULE_NAME, ...body })).id;
}

/**
 * An alert left open by an earlier run would stay open (one per rule and agent) and notify nobody
 * new; resolving it lets this run's sink see the rule fire again at the next evaluation.
 */
async function resolveOpen(api: ApiClient, ruleId: string, agentId: string): Promise<void> {
  const alerts = await api.get<{ id: string; ruleId: string; status: string }[]>(`/api/alerts?agentId=${agentId}&limit=500`);
  for (const alert of alerts.filter((a) => a.ruleId === ruleId && a.status !== 'resolved')) {
    await api.post(`/api/alerts/${alert.id}/resolve`, { note: 'resolved by a new demo run' });
  }
}
