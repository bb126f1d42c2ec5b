import { createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-12-01T10:00:00.000Z';
const CAPS = { MAX_RULES_PER_USER: '3', MAX_CHANNELS_PER_USER: '2', MAX_SILENCES_PER_USER: '2', MAX_API_KEYS_PER_USER: '3' };

const conflict = (message: string, code = 'alerts_limit_reached') => ({ statusCode: 409, error: 'Conflict', code, message });
const RULES_FULL = conflict('limit reached: at most 3 alert rules per user (MAX_RULES_PER_USER)');
const CHANNELS_FULL = conflict('limit reached: at most 2 notification channels per user (MAX_CHANNELS_PER_USER)');
const SILENCES_FULL = conflict('limit reached: at most 2 active silences per user (MAX_SILENCES_PER_USER)');
const KEYS_FULL = conflict('limit reached: at most 3 API keys per user (MAX_API_KEYS_PER_USER); revoke one first', 'api_key_limit_reached');

interface Capped {
  what: string;
  path: string;
  body: (i: number) => Record<string, unknown>;
  cap: number;
  full: ReturnType<typeof conflict>;
  /** Removes (or ends) one created item so it no longer counts. */
  release: (id: string) => string;
  table: string;
  ownerColumn: string;
}

const CAPPED: Capped[] = [
  {
    what: 'alert rules',
    path: '/api/alerts/rules',
    body: (i) => ({ name: `rule ${i}`, metric: 'cpu', aggregation: 'avg', comparator: 'gt', threshold: 80, windowMinutes: 5 }),
    cap: 3,
    full: RULES_FULL,
    release: (id) => `/api/alerts/rules/${id}`,
    table: 'alert_rules',
    ownerColumn: 'owner_id',
  },
  {
    what: 'notification channels',
    path: '/api/alerts/channels',
    body: (i) => ({ name: `hook ${i}`, type: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 'webhook-secret-1' }),
    cap: 2,
    full: CHANNELS_FULL,
    release: (id) => `/api/alerts/channels/${id}`,
    table: 'alert_channels',
    ownerColumn: 'owner_id',
  },
  {
    what: 'active silences',
    path: '/api/alerts/silences',
    body: (i) => ({ matchers: { severity: 'critical' }, endsAt: '2026-12-01T12:00:00.000Z', comment: `maintenance ${i}` }),
    cap: 2,
    full: SILENCES_FULL,
    // Expiring keeps the row for the record; it stops counting.
    release: (id) => `/api/alerts/silences/${id}`,
    table: 'alert_silences',
    ownerColumn: 'owner_id',
  },
  {
    what: 'API keys',
    path: '/api/auth/api-keys',
    body: (i) => ({ name: `key ${i}`, scopes: ['ingest'] }),
    cap: 3,
    full: KEYS_FULL,
    release: (id) => `/api/auth/api-keys/${id}`,
    table: 'api_keys',
    ownerColumn: 'user_id',
  },
];

describe('hardening: per-user caps on rules, channels, silences and API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true', ...CAPS } });
  });
  afterAll(async () => {
    await t.close();
  });

  const rowsOf = async (c: Capped, user: TestUser): Promise<number> =>
    (await t.sql.query(`select count(*)::int as n from ${c.table} where ${c.ownerColumn} = $1`, [user.id])).rows[0].n;

  describe.each(CAPPED.map((c) => [c.what, c] as const))('%s', (_, c) => {
    it(`answers 409 naming the cap at ${c.cap} + 1, writing nothing, while another user is unaffected`, async () => {
      const user = await createUser(t.client, t.sql);
      const ids: string[] = [];
      for (let i = 0; i < c.cap; i++) {
        const res = await t.client.post(c.path, user.auth).send(c.body(i));
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
      const over = await t.client.post(c.path, user.auth).send(c.body(c.cap));
      expect(over.status).toBe(409);
      expect(over.body).toEqual(c.full);
      expect(await rowsOf(c, user)).toBe(c.cap);

      const other = await createUser(t.client, t.sql);
      expect((await t.client.post(c.path, other.auth).send(c.body(0))).status).toBe(201);

      // Room again once one is deleted, revoked or expired.
      expect((await t.client.delete(c.release(ids[0]), user.auth)).status).toBe(204);
      expect((await t.client.post(c.path, user.auth).send(c.body(c.cap + 1))).status).toBe(201);
      expect((await t.client.post(c.path, user.auth).send(c.body(c.cap + 2))).status).toBe(409);
    });

    it('lets exactly the cap through out of 8 concurrent creations', async () => {
      const user = await createUser(t.client, t.sql);
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => t.client.post(c.path, user.auth).send(c.body(i))));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([...Array(c.cap).fill(201), ...Array(8 - c.cap).fill(409)]);
      expect(await rowsOf(c, user)).toBe(c.cap);
    });
  });

  it('counts only silences that have not ended: past silences do not fill the cap', async () => {
    const user = await createUser(t.client, t.sql);
    const body = { matchers: { severity: 'warning' }, endsAt: '2026-12-01T10:30:00.000Z', comment: 'short' };
    expect((await t.client.post('/api/alerts/silences', user.auth).send(body)).status).toBe(201);
    expect((await t.client.post('/api/alerts/silences', user.auth).send(body)).status).toBe(201);
    expect((await t.client.post('/api/alerts/silences', user.auth).send(body)).status).toBe(409);
    t.clock.advance(31 * 60_000);
    try {
      const later = { ...body, endsAt: '2026-12-01T11:30:00.000Z' };
      expect((await t.client.post('/api/alerts/silences', user.auth).send(later)).status).toBe(201);
      expect((await t.client.post('/api/alerts/silences', user.auth).send(later)).status).toBe(201);
      expect((await t.client.post('/api/alerts/silences', user.auth).send(later)).status).toBe(409);
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('hardening: caps default to 500 rules, 50 channels, 500 silences, 100 API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads the documented defaults', () => {
    expect(t.config.alerts).toMatchObject({ maxRulesPerUser: 500, maxChannelsPerUser: 50, maxSilencesPerUser: 500 });
    expect(t.config.auth.maxApiKeysPerUser).toBe(100);
  });
});
