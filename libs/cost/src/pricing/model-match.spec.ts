import { calcPrice, type Provider } from '@pydantic/genai-prices';
import { loadPackageProviders, normalizeCatalogue } from './catalogue.source';
import type { CatalogueProvider } from './catalogue.types';
import { catalogueMatch, matchesRule, resolveModel } from './model-match';

let packageProviders: Provider[];
let providers: CatalogueProvider[];
beforeAll(async () => {
  packageProviders = await loadPackageProviders();
  providers = normalizeCatalogue(packageProviders, 'test').providers;
});

describe('matchesRule', () => {
  it('text rules ignore case, a regex is tested as written, and/or combine', () => {
    expect(matchesRule({ equals: 'GPT-4o' }, 'gpt-4o')).toBe(true);
    expect(matchesRule({ starts_with: 'claude-3-5' }, 'Claude-3-5-Sonnet')).toBe(true);
    expect(matchesRule({ ends_with: '-latest' }, 'mistral-large-latest')).toBe(true);
    expect(matchesRule({ contains: 'sonnet' }, 'claude-3-haiku')).toBe(false);
    expect(matchesRule({ regex: '^o[134]' }, 'o3-mini')).toBe(true);
    expect(matchesRule({ regex: '^o[134]' }, 'O3-mini')).toBe(false);
    expect(matchesRule({ and: [{ starts_with: 'gemini-2.5-pro' }, { regex: '^(?!.*-tts)' }] }, 'gemini-2.5-pro-preview-tts')).toBe(false);
    expect(matchesRule({ or: [{ equals: 'a' }, { equals: 'b' }] }, 'b')).toBe(true);
  });
});

describe('catalogueMatch mirrors the package', () => {
  const names: Array<[string, string?]> = [
    ['gpt-4o'],
    ['GPT-4o-mini-2024-07-18'],
    ['gpt-4-turbo-2024-04-09'],
    ['o3-mini'],
    ['claude-3-haiku-20240307'],
    ['claude-sonnet-4-20250514'],
    ['claude-opus-4-5-20251101'],
    ['gemini-2.0-flash-001'],
    ['gemini-2.5-pro', 'google'],
    ['claude-sonnet-4-5@20250929', 'gcp.vertex_ai'],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'aws.bedrock'],
    ['o4-mini', 'azure'],
    ['llama-3.3-70b-versatile', 'groq'],
    ['meta-llama/llama-3.1-8b-instruct', 'openrouter'],
    ['bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0', 'litellm'],
    ['text-embedding-3-small', 'openai'],
    ['kimi-k2-0905-preview'],
    ['gemini-2.5-pro', 'openai'],
    ['openai/gpt-4o'],
    ['no-such-model-at-all'],
  ];
  // Objects, not arrays: jest would pass its done callback in place of a missing provider.
  it.each(names.map(([name, provider]) => ({ name, provider: provider ?? null })))('$name (provider $provider) resolves to what calcPrice picks', (row) => {
    const { name } = row;
    const provider = row.provider ?? undefined;
    const oracle = calcPrice({ input_tokens: 1, output_tokens: 1 }, name, { providerId: provider, timestamp: new Date('2025-10-01T00:00:00Z') });
    const ours = catalogueMatch(providers, name, provider);
    expect(ours).toEqual(oracle ? { provider: oracle.provider.id, model: oracle.model.id } : null);
  });
});

describe('resolveModel', () => {
  it('a dated snapshot name resolves to its model', () => {
    expect(resolveModel(providers, { model: 'claude-sonnet-4-5-20250929' })).toEqual({ provider: 'anthropic', model: 'claude-sonnet-4-5', matchedOn: 'model' });
    expect(resolveModel(providers, { model: 'gpt-4o-2024-08-06' })).toEqual({ provider: 'openai', model: 'gpt-4o', matchedOn: 'model' });
    // The catalogue spells this one with dashes: the compact date is rewritten before the retry.
    expect(resolveModel(providers, { model: 'claude-sonnet-4-20250514' })).toEqual({ provider: 'anthropic', model: 'claude-sonnet-4-0', matchedOn: 'model' });
  });

  it('responseModel wins over the requested model, which is used when responseModel is unknown', () => {
    expect(resolveModel(providers, { model: 'gpt-4o', responseModel: 'gpt-4o-mini-2024-07-18' })).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      matchedOn: 'responseModel',
    });
    expect(resolveModel(providers, { model: 'gpt-4o', responseModel: 'my-deployment-7' })).toEqual({ provider: 'openai', model: 'gpt-4o', matchedOn: 'model' });
    expect(resolveModel(providers, { model: 'my-deployment-7', responseModel: '' })).toBeNull();
  });

  it('a provider the catalogue knows narrows the match; OpenTelemetry provider names are understood', () => {
    expect(resolveModel(providers, { model: 'claude-sonnet-4-5', provider: 'gcp.vertex_ai' })).toMatchObject({
      provider: 'google',
      model: 'claude-sonnet-4-5',
    });
    expect(resolveModel(providers, { model: 'claude-sonnet-4-5', provider: 'anthropic' })).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(resolveModel(providers, { model: 'o4-mini', provider: 'azure.ai.openai' })).toMatchObject({ provider: 'azure', model: 'o4-mini' });
    expect(resolveModel(providers, { model: 'grok-4', provider: 'x_ai' })).toMatchObject({ provider: 'x-ai', model: 'grok-4-0709' });
    expect(resolveModel(providers, { model: 'gemini-2.5-pro', provider: 'openai' })).toBeNull();
  });

  it('a provider the catalogue does not know is ignored rather than leaving the call unpriced', () => {
    expect(resolveModel(providers, { model: 'grok-4', provider: 'our-gateway' })).toMatchObject({ provider: 'x-ai', model: 'grok-4-0709' });
  });

  it('provider prefixes and cloud resource names the package rules miss', () => {
    const cases: Array<[string, string, string]> = [
      ['openai/gpt-4o', 'openai', 'gpt-4o'],
      ['anthropic/claude-sonnet-4.5', 'anthropic', 'claude-sonnet-4-5'],
      ['deepseek/deepseek-chat', 'deepseek', 'deepseek-chat'],
      ['models/gemini-2.5-flash', 'google', 'gemini-2.5-flash'],
      ['publishers/google/models/gemini-2.5-pro', 'google', 'gemini-2.5-pro'],
      ['projects/p1/locations/us-central1/publishers/google/models/gemini-2.5-pro', 'google', 'gemini-2.5-pro'],
      ['publishers/anthropic/models/claude-sonnet-4-5@20250929', 'google', 'claude-sonnet-4-5'],
      ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws', 'regional.anthropic.claude-3-5-sonnet-20240620-v1:0'],
      ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'aws', 'regional.anthropic.claude-sonnet-4-5-20250929-v1:0'],
      ['eu.amazon.nova-pro-v1:0', 'aws', 'amazon.nova-pro-v1:0'],
      [
        'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        'aws',
        'regional.anthropic.claude-sonnet-4-5-20250929-v1:0',
      ],
    ];
    for (const [name, provider, model] of cases) {
      expect(calcPrice({ input_tokens: 1 }, name)).toBeNull();
      expect({ name, ...resolveModel(providers, { model: name }) }).toEqual({ name, provider, model, matchedOn: 'model' });
    }
  });
});
