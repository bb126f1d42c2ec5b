import { AlertState, decide, RuleCondition } from './rule-state';

const MIN = 60_000;
const T0 = new Date('2026-01-01T00:00:00Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * MIN);
const rule = (over: Partial<RuleCondition> = {}): RuleCondition => ({
  comparator: 'gt',
  threshold: 80,
  forMinutes: 5,
  keepFiringForMinutes: 0,
  noData: 'ok',
  ...over,
});
const data = (value: number) => ({ count: 1, value });
const none = { count: 0, value: null };

/** Runs ticks one minute apart and returns the state after each. */
function run(r: RuleCondition, observations: { count: number; value: number | null }[], repeatMs = 0) {
  let state: AlertState | null = null;
  return observations.map((o, i) => {
    const d = decide(r, state, o, at(i), repeatMs);
    state = d.next && d.next.status !== 'resolved' ? d.next : null;
    return d;
  });
}

describe('decide', () => {
  it('stays pending until forMinutes have passed, then fires once', () => {
    const ds = run(rule(), [95, 95, 95, 95, 95, 95, 95].map(data));
    expect(ds.map((d) => d.next?.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending', 'firing', 'firing']);
    expect(ds.map((d) => d.notify)).toEqual([null, null, null, null, null, 'alert.firing', null]);
    expect(ds[5].next?.firedAt).toEqual(at(5));
    expect(ds[5].steps).toEqual([{ from: 'pending', to: 'firing' }]);
    expect(ds.map((d) => d.changed)).toEqual([true, false, false, false, false, true, false]);
  });

  it('fires at once when forMinutes is 0', () => {
    const [d] = run(rule({ forMinutes: 0 }), [data(81)]);
    expect(d.next?.status).toBe('firing');
    expect(d.steps).toEqual([
      { from: null, to: 'pending' },
      { from: 'pending', to: 'firing' },
    ]);
  });

  it('drops a pending alert silently when the condition stops holding', () => {
    const ds = run(rule(), [data(95), data(50)]);
    expect(ds[1].next?.status).toBe('resolved');
    expect(ds[1].notify).toBeNull();
  });

  it('keeps firing for keepFiringForMinutes after the condition turns false', () => {
    const ds = run(rule({ forMinutes: 0, keepFiringForMinutes: 3 }), [95, 10, 10, 10, 10, 10].map(data));
    expect(ds.map((d) => d.next?.status)).toEqual(['firing', 'firing', 'firing', 'firing', 'resolved', undefined]);
    expect(ds[1].next?.falseSince).toEqual(at(1));
    expect(ds.map((d) => d.changed)).toEqual([true, true, false, false, true, false]);
    expect(ds[4].notify).toBe('alert.resolved');
    const back = run(rule({ forMinutes: 0, keepFiringForMinutes: 3 }), [95, 10, 95, 10, 10].map(data));
    expect(back.map((d) => d.next?.status)).toEqual(['firing', 'firing', 'firing', 'firing', 'firing']);
  });

  it('applies each noData mode', () => {
    expect(run(rule({ forMinutes: 0, noData: 'ok' }), [none])[0].next).toBeNull();
    expect(run(rule({ forMinutes: 0, noData: 'alerting' }), [none])[0].next?.status).toBe('firing');
    const keep = run(rule({ forMinutes: 2, noData: 'keep' }), [data(95), none, none, data(10)]);
    expect(keep.map((d) => d.next?.status)).toEqual(['pending', 'pending', 'firing', 'resolved']);
    const keepFalse = run(rule({ forMinutes: 0, noData: 'keep' }), [none]);
    expect(keepFalse[0].next).toBeNull();
  });

  it('repeats a firing alert every repeat interval but never an acknowledged one', () => {
    const ds = run(rule({ forMinutes: 0 }), [95, 95, 95, 95, 95].map(data), 2 * MIN);
    expect(ds.map((d) => d.repeat)).toEqual([false, false, true, false, true]);
    const acked: AlertState = { ...ds[0].next!, status: 'acknowledged' };
    expect(decide(rule({ forMinutes: 0 }), acked, data(95), at(10), 2 * MIN).notify).toBeNull();
  });

  it('compares with every comparator', () => {
    const one = (comparator: RuleCondition['comparator'], value: number) =>
      decide(rule({ comparator, forMinutes: 0, threshold: 5 }), null, data(value), T0, 0).next !== null;
    expect([one('gt', 5), one('gte', 5), one('lt', 5), one('lte', 5), one('eq', 5), one('neq', 5)]).toEqual([false, true, false, true, true, false]);
  });
});
