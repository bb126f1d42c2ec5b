import { JobScheduler } from '@fleetwatch/database';
import { ROLLUP_JOB } from '@fleetwatch/rollups';
import { createAgent, createUser, insertLlmCalls, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { call, insertRecent, SNAPSHOT } from './usage-support';

const NOW = '2026-11-20T12:00:00.000Z';
/** 15 days back: outside the 7-day raw retention at NOW, so only its rollups remain by then. */
const OLD_CLOCK = '2026-11-05T12:00:00.000Z';
const OLD_HOUR = '2026-11-05T09:00:00.000Z';

const ROLLUP_COLUMNS = `model, count::int, input_tokens::int, output_tokens::int, cost_usd::text, cache_read_input_tokens::int as cache_read,
  cache_creation_input_tokens::int as cache_write, cache_creation_5m_input_tokens::int as w5m, cache_creation_1h_input_tokens::int as w1h,
  reasoning_output_tokens::int as reasoning, audio_input_tokens::int as audio_in, audio_output_tokens::int as audio_out, image_input_tokens::int as image,
  unpriced_calls::int, unpriced_input_tokens::int, unpriced_output_tokens::int`;

const ZERO_TYPES = { cache_read: 0, cache_write: 0, w5m: 0, w1h: 0, reasoning: 0, audio_in: 0, audio_out: 0, image: 0 };

describe('usage by token type in the hourly rollups and the usage aggregate', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let agent: TestAgent;
  let repriced: string;

  const rollup = () => t.get(JobScheduler).runNow(ROLLUP_JOB);
  const hourRows = async () =>
    (await t.sql.query(`select ${ROLLUP_COLUMNS} from rollup_llm_hourly where agent_id = $1 and hour = $2 order by model`, [agent.id, OLD_HOUR])).rows;

  beforeAll(async () => {
    t = await startTestApp({ now: OLD_CLOCK, env: { RAW_RETENTION_DAYS: '7' } });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner, { name: 'typed' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('rolls each token type and the unpriced calls up per hour, again after late data and after a reprice', async () => {
    const ids = await insertLlmCalls(t.sql, [
      call({
        agentId: agent.id,
        ts: '2026-11-05T09:10:00Z',
        model: 'claude-sonnet-4-5',
        responseModel: SNAPSHOT,
        provider: 'anthropic',
        inputTokens: 1000,
        cacheReadInputTokens: 600,
        cacheCreationInputTokens: 300,
        cacheCreation5mInputTokens: 200,
        cacheCreation1hInputTokens: 100,
        outputTokens: 200,
        reasoningOutputTokens: 50,
        costUsd: 0.01,
        rateSource: 'model',
        priceSource: 'catalogue',
        priceVersion: '0.1.8',
      }),
      call({
        agentId: agent.id,
        ts: '2026-11-05T09:20:00Z',
        model: 'mystery-model',
        inputTokens: 400,
        audioInputTokens: 40,
        imageInputTokens: 30,
        outputTokens: 100,
        audioOutputTokens: 10,
        costUsd: 0.001,
        rateSource: 'fallback',
      }),
      call({
        agentId: agent.id,
        ts: '2026-11-05T09:30:00Z',
        model: 'mystery-model',
        inputTokens: 50,
        outputTokens: 5,
        costUsd: 0.0001,
        rateSource: 'fallback',
      }),
    ]);
    repriced = ids[2];
    await rollup();
    const claude = {
      model: 'claude-sonnet-4-5',
      count: 1,
      input_tokens: 1000,
      output_tokens: 200,
      cost_usd: '0.0100000000',
      ...ZERO_TYPES,
      cache_read: 600,
      cache_write: 300,
      w5m: 200,
      w1h: 100,
      reasoning: 50,
      unpriced_calls: 0,
      unpriced_input_tokens: 0,
      unpriced_output_tokens: 0,
    };
    const mystery = {
      model: 'mystery-model',
      count: 2,
      input_tokens: 450,
      output_tokens: 105,
      cost_usd: '0.0011000000',
      ...ZERO_TYPES,
      audio_in: 40,
      audio_out: 10,
      image: 30,
      unpriced_calls: 2,
      unpriced_input_tokens: 450,
      unpriced_output_tokens: 105,
    };
    expect(await hourRows()).toEqual([claude, mystery]);

    // Late data for the same hour: the insert trigger marks it, the next pass rewrites it.
    await insertLlmCalls(t.sql, [
      call({
        agentId: agent.id,
        ts: '2026-11-05T09:50:00Z',
        model: 'claude-sonnet-4-5',
        inputTokens: 200,
        cacheReadInputTokens: 100,
        outputTokens: 10,
        costUsd: 0.003,
        rateSource: 'model',
      }),
    ]);
    await rollup();
    const claudeLate = { ...claude, count: 2, input_tokens: 1200, output_tokens: 210, cost_usd: '0.0130000000', cache_read: 700 };
    expect(await hourRows()).toEqual([claudeLate, mystery]);

    // A reprice finds a price for one fallback call: the update trigger marks the hour, and it is no longer unpriced.
    await t.sql.query(`update llm_calls set rate_source = 'model', price_source = 'admin', cost_usd = 0.0003 where id = $1`, [repriced]);
    await rollup();
    expect(await hourRows()).toEqual([
      claudeLate,
      { ...mystery, cost_usd: '0.0013000000', unpriced_calls: 1, unpriced_input_tokens: 400, unpriced_output_tokens: 100 },
    ]);
  });

  it('reports every token type and the unpriced calls on aggregate, from the rollups past raw retention plus raw calls', async () => {
    t.clock.set(NOW);
    // Retention drops the raw partitions of 2026-11-05; the hour's rollup remains.
    await t.sql.query(`delete from llm_calls where ts < '2026-11-13'`);
    await insertRecent(t.sql, agent.id);
    // Rolling the recent hours up too must not count them twice.
    await rollup();
    const expected = {
      requests: 4 + 2,
      inputTokens: 1200 + 450 + 500 + 100,
      outputTokens: 210 + 105 + 20 + 10,
      totalTokens: 2250 + 345,
      cacheReadInputTokens: 700 + 400,
      cacheCreationInputTokens: 300,
      cacheCreation5mInputTokens: 200,
      cacheCreation1hInputTokens: 100,
      reasoningOutputTokens: 50 + 5,
      audioInputTokens: 40,
      audioOutputTokens: 10,
      imageInputTokens: 30,
      costUsd: 0.0185,
      unpriced: { requests: 1 + 1, inputTokens: 400 + 100, outputTokens: 100 + 10 },
    };
    for (const period of ['all_time', 'current']) {
      const res = await t.client.get(`/api/usage/aggregate?period=${period}`, owner.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject(expected);
    }
    const foreign = await t.client.get('/api/usage/aggregate?period=all_time', other.auth);
    expect(foreign.body).toMatchObject({ requests: 0, cacheReadInputTokens: 0, unpriced: { requests: 0, inputTokens: 0, outputTokens: 0 } });
  });
});
