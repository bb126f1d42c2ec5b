import { DATASETS, toRecord } from './export-datasets';

describe('export records', () => {
  it('types numeric text as numbers, timestamps as ISO and keeps JSON and nulls', () => {
    const row = { id: 'i', agent_id: 'a', type: 'cpu', value: 1.5, metadata: { k: [1] }, ts: new Date('2026-11-01T00:00:00Z') };
    expect(toRecord(DATASETS.samples.columns, row)).toEqual(['i', 'a', 'cpu', 1.5, { k: [1] }, '2026-11-01T00:00:00.000Z']);
    const llm = toRecord(DATASETS.llm_calls.columns, { cost_usd: '0.0012000000', trace_id: null, input_tokens: 3 });
    expect(llm[DATASETS.llm_calls.columns.findIndex((c) => c.name === 'cost_usd')]).toBe(0.0012);
    expect(llm[DATASETS.llm_calls.columns.findIndex((c) => c.name === 'trace_id')]).toBeNull();
    expect(llm[DATASETS.llm_calls.columns.findIndex((c) => c.name === 'model')]).toBeNull();
  });
});
