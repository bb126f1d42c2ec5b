import { fleetReasons, FleetAgentState, formatDuration } from './fleet-reasons';

const now = new Date('2026-06-12T12:00:00.000Z');
const ago = (ms: number): Date => new Date(now.getTime() - ms);

function agent(overrides: Partial<FleetAgentState>): FleetAgentState {
  return { id: 'a', name: 'A', status: 'running', statusChangedAt: ago(60_000), lastSampleAt: ago(1000), budget: null, monthToDateUsd: 0, ...overrides };
}

describe('formatDuration', () => {
  it.each([
    [59_999, '59s'],
    [18 * 60_000 + 59_000, '18m'],
    [2 * 3_600_000 + 5 * 60_000, '2h 5m'],
    [3_600_000, '1h'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d 4h'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('fleetReasons', () => {
  it('is quiet for a healthy running agent', () => {
    expect(fleetReasons(agent({}), now)).toEqual([]);
  });

  it('flags deploying only after more than 10 minutes', () => {
    expect(fleetReasons(agent({ status: 'deploying', statusChangedAt: ago(600_000) }), now)).toEqual([]);
    expect(fleetReasons(agent({ status: 'deploying', statusChangedAt: ago(601_000) }), now)).toEqual([
      { code: 'stuck_deploying', severity: 'warning', label: 'Stuck deploying for 10m' },
    ]);
    expect(fleetReasons(agent({ status: 'queued', statusChangedAt: ago(18 * 60_000) }), now)[0].label).toBe('Stuck queued for 18m');
  });

  it('measures telemetry silence from the later of last_sample_at and becoming running', () => {
    expect(fleetReasons(agent({ lastSampleAt: ago(300_000), statusChangedAt: ago(3_600_000) }), now)).toEqual([]);
    expect(fleetReasons(agent({ lastSampleAt: ago(301_000), statusChangedAt: ago(3_600_000) }), now)).toEqual([
      { code: 'telemetry_stalled', severity: 'warning', label: 'No telemetry for 5m' },
    ]);
    expect(fleetReasons(agent({ lastSampleAt: ago(3_600_000), statusChangedAt: ago(120_000) }), now)).toEqual([]);
    expect(fleetReasons(agent({ lastSampleAt: null, statusChangedAt: ago(420_000) }), now)[0].label).toBe('No telemetry for 7m');
  });

  it('puts error reasons before warnings and reads budgets', () => {
    const budget = { monthlyUsd: 10, softThresholdPct: 80, pausedThisMonth: false };
    expect(fleetReasons(agent({ budget, monthToDateUsd: 7.99 }), now)).toEqual([]);
    expect(fleetReasons(agent({ budget, monthToDateUsd: 8.5 }), now)).toEqual([
      { code: 'budget_warning', severity: 'warning', label: 'Budget 85% used ($8.50 of $10.00 this month)' },
    ]);
    expect(fleetReasons(agent({ status: 'stopped', budget: { ...budget, pausedThisMonth: true }, monthToDateUsd: 10 }), now)).toEqual([
      { code: 'budget_paused', severity: 'error', label: 'Paused — budget cap reached' },
    ]);
    expect(fleetReasons(agent({ status: 'error', statusChangedAt: ago(720_000) }), now)).toEqual([
      { code: 'error', severity: 'error', label: 'In error for 12m' },
    ]);
    // Both warnings of a running agent, in the seed's order; a stopped agent's spend is not a warning.
    expect(fleetReasons(agent({ budget, monthToDateUsd: 10, lastSampleAt: ago(3_600_000), statusChangedAt: ago(7_200_000) }), now)).toEqual([
      { code: 'budget_warning', severity: 'warning', label: 'Budget 100% used ($10.00 of $10.00 this month)' },
      { code: 'telemetry_stalled', severity: 'warning', label: 'No telemetry for 1h' },
    ]);
    expect(fleetReasons(agent({ status: 'stopped', budget, monthToDateUsd: 9 }), now)).toEqual([]);
  });

  it('names the oldest runaway run, after the agent’s other reasons', () => {
    const runawayRun = { id: 'run-7', name: null, steps: 250, startedAt: ago(65 * 60_000), count: 3 };
    expect(fleetReasons(agent({ status: 'warning', statusChangedAt: ago(120_000), runawayRun }), now)).toEqual([
      { code: 'warning', severity: 'warning', label: 'In warning for 2m' },
      { code: 'runaway_run', severity: 'warning', label: 'Run run-7 still running after 1h 5m and 250 steps (+2 more)' },
    ]);
    expect(fleetReasons(agent({ runawayRun: { ...runawayRun, name: 'triage', count: 1 } }), now)).toEqual([
      { code: 'runaway_run', severity: 'warning', label: 'Run triage still running after 1h 5m and 250 steps' },
    ]);
  });
});
