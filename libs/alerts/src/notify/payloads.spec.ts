import { AlertRecord } from '../evaluation/alert-record';
import { signature } from './channel-sender.service';
import { backoffMs } from './delivery.service';
import { buildBody, channelTakes } from './payloads';

const now = new Date('2026-01-01T00:10:00Z');
const record: AlertRecord = {
  id: 'a1',
  ctx: {
    ruleId: 'r1',
    ruleName: 'High CPU',
    metric: 'cpu',
    aggregation: 'avg',
    comparator: 'gt',
    windowMinutes: 5,
    ownerId: 'u1',
    channelIds: [],
    agentId: 'g1',
    agentName: 'bot',
  },
  severity: 'critical',
  threshold: 80,
  state: {
    status: 'resolved',
    value: 95,
    startedAt: new Date('2026-01-01T00:00:00Z'),
    firedAt: new Date('2026-01-01T00:05:00Z'),
    resolvedAt: now,
    resolvedBy: 'system',
    falseSince: null,
    lastNotifiedAt: null,
  },
  acknowledgedAt: null,
  acknowledgedBy: null,
  note: null,
};

describe('payloads', () => {
  it('builds the Alertmanager v2 alert with endsAt on resolve', () => {
    expect(JSON.parse(buildBody('alertmanager', { deliveryId: 'd1', event: 'alert.resolved', record, repeat: false, now }))).toEqual([
      {
        labels: { alertname: 'High CPU', severity: 'critical', agent: 'bot', agent_id: 'g1', rule_id: 'r1' },
        annotations: { summary: '[RESOLVED] High CPU on bot', description: 'avg(cpu) over 5 min = 95 (> 80)', alert_id: 'a1' },
        startsAt: '2026-01-01T00:05:00.000Z',
        endsAt: '2026-01-01T00:10:00.000Z',
      },
    ]);
    expect(channelTakes('alertmanager', 'alert.acknowledged')).toBe(false);
  });

  it('gives a firing Alertmanager alert an endsAt past the next repeat, and none when repeats are off', () => {
    const firing = { ...record, state: { ...record.state, status: 'firing' as const, resolvedAt: null, resolvedBy: null } };
    const held = JSON.parse(
      buildBody('alertmanager', { deliveryId: 'd2', event: 'alert.firing', record: firing, repeat: false, now, firingHoldMs: 4 * 3_600_000 + 60_000 }),
    );
    expect(held[0].startsAt).toBe('2026-01-01T00:05:00.000Z');
    expect(held[0].endsAt).toBe('2026-01-01T04:11:00.000Z');
    const open = JSON.parse(buildBody('alertmanager', { deliveryId: 'd3', event: 'alert.firing', record: firing, repeat: false, now }));
    expect(open[0].endsAt).toBeUndefined();
  });

  it('builds the webhook body around the delivery id', () => {
    const body = JSON.parse(buildBody('webhook', { deliveryId: 'd1', event: 'alert.resolved', record, repeat: false, now }));
    expect(body).toMatchObject({ id: 'd1', event: 'alert.resolved', agent: { id: 'g1', name: 'bot' }, rule: { id: 'r1', threshold: 80 } });
    expect(body.alert).toMatchObject({ id: 'a1', status: 'resolved', value: 95, resolvedBy: 'system' });
  });

  it('signs with HMAC-SHA256 and backs off exponentially', () => {
    expect(signature('key', 'The quick brown fox jumps over the lazy dog')).toBe('sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    expect([1, 2, 3, 4].map((n) => backoffMs(5, n))).toEqual([5000, 10000, 20000, 40000]);
  });
});
