/** The pricing rules as the OpenAPI document states them, shared by every cost route. */

export const COST_FORMULA =
  'Cost of a call = Σ over token types of billed tokens × that type’s rate / 1,000,000, plus perRequest. ' +
  'Billed tokens: a type with its own rate is carved out of the type it lies inside, so billed input = inputTokens − cacheReadInputTokens − cacheCreationInputTokens − audioInputTokens − imageInputTokens ' +
  '(each subtracted only when its type has a rate; otherwise those tokens stay input and are billed at inputPer1M), billed 5-minute cache writes = cacheCreationInputTokens − cacheCreation1hInputTokens ' +
  '(all writes when no cacheWrite1hPer1M), billed output = outputTokens − reasoningOutputTokens − audioOutputTokens likewise (reasoning has no own rate at OpenAI, Anthropic or Google: it is billed as output). ' +
  'Tiers: the highest tier whose aboveInputTokens the call’s total inputTokens exceeds replaces every rate, for the whole call. ' +
  'Example, claude-sonnet-4-5 (3 / 15 / cacheRead 0.3 / cacheWrite5m 3.75 / cacheWrite1h 6): inputTokens 10,000 with 6,000 cache reads and 3,000 cache writes (2,000 5-minute, 1,000 1-hour), outputTokens 500 → ' +
  '(1,000 × 3 + 6,000 × 0.3 + 2,000 × 3.75 + 1,000 × 6 + 500 × 15) / 1e6 = 0.0258 USD. ' +
  'Example above a tier, gemini-2.5-pro (1.25 / 10, above 200,000 input: 2.5 / 15): inputTokens 250,000, outputTokens 1,000 → (250,000 × 2.5 + 1,000 × 15) / 1e6 = 0.64 USD. ' +
  'Example with a per-request fee of 0.01 and rates 1 / 2: 1,000 in, 1,000 out → (1,000 × 1 + 1,000 × 2) / 1e6 + 0.01 = 0.013 USD. Costs are exact decimals, stored rounded to 10 places.';

export const PRICE_RESOLUTION =
  'Which price: for the call’s agent owner, their own price (PUT /api/cost/my-prices/:model) in force at the call’s timestamp; else an admin override (PUT /api/cost/models/:model) in force then; ' +
  'else the catalogue’s (@pydantic/genai-prices) version in force then. Overrides are looked up by responseModel, then model, then the catalogue model those names resolve to ' +
  '(so an override of gpt-4o-mini covers gpt-4o-mini-2024-07-18); an override set for a provider prices only calls whose reported or resolved provider is that one (or that have none), ahead of an override set for no provider; the catalogue matches names with its rules (dated snapshots, provider prefixes, Bedrock / Vertex ids), narrowed by the call’s provider when given. ' +
  'A client-sent costUsd wins over every price (rate_source client). No price at all (an unknown model, or a call before its first version): COST_FALLBACK_PER_1K × (inputTokens + outputTokens) / 1,000, ' +
  'e.g. 0.002 × (1,200 + 300) / 1,000 = 0.003 USD, with rate_source fallback, and counted as unpriced by GET /api/agents/:id/cost.';
