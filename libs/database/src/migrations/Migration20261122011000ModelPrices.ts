import { Migration } from '@mikro-orm/migrations';

/**
 * Versioned list prices (a reference table: no agent data, replicated as-is under Citus). The seed
 * rows are the list prices as of 2025-09-01 (libs/cost/src/prices/data/model-prices.json when this
 * migration was written), written out here so the migration stays the same whatever that file
 * becomes and the database lib needs nothing from libs/cost; later prices are new versions.
 */
export class Migration20261122011000ModelPrices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table model_prices (
        id uuid primary key,
        model text not null,
        provider text,
        input_per_1m numeric(20, 10) not null check (input_per_1m >= 0),
        output_per_1m numeric(20, 10) not null check (output_per_1m >= 0),
        effective_from timestamptz not null,
        created_at timestamptz not null default now(),
        constraint model_prices_model_effective_key unique (model, effective_from)
      );`);
    // Case-insensitive fallback lookup of model names.
    this.addSql(`create index model_prices_lower_model_idx on model_prices (lower(model), effective_from);`);

    this.addSql(`
      insert into model_prices (id, model, provider, input_per_1m, output_per_1m, effective_from)
      select gen_random_uuid(), model, provider, input_per_1m::numeric, output_per_1m::numeric, effective_from::timestamptz
      from (values
        ('gpt-5', 'openai', 1.25, 10, '2025-09-01T00:00:00Z'),
        ('gpt-5-mini', 'openai', 0.25, 2, '2025-09-01T00:00:00Z'),
        ('gpt-5-nano', 'openai', 0.05, 0.4, '2025-09-01T00:00:00Z'),
        ('gpt-4.1', 'openai', 2, 8, '2025-09-01T00:00:00Z'),
        ('gpt-4.1-mini', 'openai', 0.4, 1.6, '2025-09-01T00:00:00Z'),
        ('gpt-4.1-nano', 'openai', 0.1, 0.4, '2025-09-01T00:00:00Z'),
        ('gpt-4o', 'openai', 2.5, 10, '2025-09-01T00:00:00Z'),
        ('gpt-4o-mini', 'openai', 0.15, 0.6, '2025-09-01T00:00:00Z'),
        ('gpt-4-turbo', 'openai', 10, 30, '2025-09-01T00:00:00Z'),
        ('gpt-3.5-turbo', 'openai', 0.5, 1.5, '2025-09-01T00:00:00Z'),
        ('o1', 'openai', 15, 60, '2025-09-01T00:00:00Z'),
        ('o3', 'openai', 2, 8, '2025-09-01T00:00:00Z'),
        ('o3-mini', 'openai', 1.1, 4.4, '2025-09-01T00:00:00Z'),
        ('o4-mini', 'openai', 1.1, 4.4, '2025-09-01T00:00:00Z'),
        ('claude-opus-4-1', 'anthropic', 15, 75, '2025-09-01T00:00:00Z'),
        ('claude-opus-4', 'anthropic', 15, 75, '2025-09-01T00:00:00Z'),
        ('claude-sonnet-4', 'anthropic', 3, 15, '2025-09-01T00:00:00Z'),
        ('claude-3-7-sonnet', 'anthropic', 3, 15, '2025-09-01T00:00:00Z'),
        ('claude-3-5-sonnet', 'anthropic', 3, 15, '2025-09-01T00:00:00Z'),
        ('claude-3-5-haiku', 'anthropic', 0.8, 4, '2025-09-01T00:00:00Z'),
        ('claude-3-opus', 'anthropic', 15, 75, '2025-09-01T00:00:00Z'),
        ('claude-3-haiku', 'anthropic', 0.25, 1.25, '2025-09-01T00:00:00Z'),
        ('gemini-2.5-pro', 'google', 1.25, 10, '2025-09-01T00:00:00Z'),
        ('gemini-2.5-flash', 'google', 0.3, 2.5, '2025-09-01T00:00:00Z'),
        ('gemini-2.5-flash-lite', 'google', 0.1, 0.4, '2025-09-01T00:00:00Z'),
        ('gemini-2.0-flash', 'google', 0.1, 0.4, '2025-09-01T00:00:00Z'),
        ('gemini-2.0-flash-lite', 'google', 0.075, 0.3, '2025-09-01T00:00:00Z'),
        ('gemini-1.5-pro', 'google', 1.25, 5, '2025-09-01T00:00:00Z'),
        ('gemini-1.5-flash', 'google', 0.075, 0.3, '2025-09-01T00:00:00Z'),
        ('mistral-large-latest', 'mistral', 2, 6, '2025-09-01T00:00:00Z'),
        ('mistral-medium-latest', 'mistral', 0.4, 2, '2025-09-01T00:00:00Z'),
        ('mistral-small-latest', 'mistral', 0.1, 0.3, '2025-09-01T00:00:00Z'),
        ('codestral-latest', 'mistral', 0.3, 0.9, '2025-09-01T00:00:00Z'),
        ('open-mistral-nemo', 'mistral', 0.15, 0.15, '2025-09-01T00:00:00Z'),
        ('ministral-8b-latest', 'mistral', 0.1, 0.1, '2025-09-01T00:00:00Z'),
        ('llama-4-maverick', 'meta', 0.27, 0.85, '2025-09-01T00:00:00Z'),
        ('llama-4-scout', 'meta', 0.18, 0.59, '2025-09-01T00:00:00Z'),
        ('llama-3.3-70b-instruct', 'meta', 0.88, 0.88, '2025-09-01T00:00:00Z'),
        ('llama-3.1-405b-instruct', 'meta', 3.5, 3.5, '2025-09-01T00:00:00Z'),
        ('llama-3.1-8b-instruct', 'meta', 0.18, 0.18, '2025-09-01T00:00:00Z')
      ) as r(model, provider, input_per_1m, output_per_1m, effective_from);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists model_prices;`);
  }
}
