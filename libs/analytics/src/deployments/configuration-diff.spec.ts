import { diffConfigurations } from './configuration-diff';

describe('diffConfigurations', () => {
  it('reports nested added, removed and changed keys with dotted paths', () => {
    const before = { replicas: 2, model: { name: 'gpt-4o', temperature: 0.2, limits: { rpm: 60 } }, tools: ['a', 'b'], region: 'eu' };
    const after = { replicas: 3, model: { name: 'gpt-4o', temperature: 0.2, limits: { rpm: 60, tpm: 1000 }, top_p: 1 }, tools: ['a', 'b'], debug: true };
    expect(diffConfigurations(before, after)).toEqual({
      added: [
        { path: 'debug', value: true },
        { path: 'model.limits.tpm', value: 1000 },
        { path: 'model.top_p', value: 1 },
      ],
      removed: [{ path: 'region', value: 'eu' }],
      changed: [{ path: 'replicas', oldValue: 2, newValue: 3 }],
    });
  });

  it('compares arrays whole and treats an object turning scalar as one change', () => {
    const diff = diffConfigurations({ tools: ['a'], cache: { ttl: 5 }, flag: null }, { tools: ['a', 'b'], cache: false, flag: null });
    expect(diff).toEqual({
      added: [],
      removed: [],
      changed: [
        { path: 'cache', oldValue: { ttl: 5 }, newValue: false },
        { path: 'tools', oldValue: ['a'], newValue: ['a', 'b'] },
      ],
    });
  });

  it('is empty for equal configurations, whatever the key order', () => {
    expect(diffConfigurations({ a: { b: 1, c: [1, { d: 2 }] } }, { a: { c: [1, { d: 2 }], b: 1 } })).toEqual({ added: [], removed: [], changed: [] });
  });
});
