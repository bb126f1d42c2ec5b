/** Moved by every write to model_prices or price_providers (a statement trigger, migration 20261201110000PriceRevision). */
export const PRICE_REVISION_SQL = `select n::text as revision from price_revision where id`;

const VERSION_KEY = `(source, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'), coalesce(provider, ''), model, effective_from, coalesce(time_of_day_start, ''))`;

export const RATE_COLUMNS_SQL = [
  'input_per_1m',
  'output_per_1m',
  'cache_read_per_1m',
  'cache_write_5m_per_1m',
  'cache_write_1h_per_1m',
  'audio_input_per_1m',
  'audio_output_per_1m',
  'cache_read_audio_per_1m',
  'image_input_per_1m',
  'cache_read_image_per_1m',
  'reasoning_per_1m',
  'per_request_usd',
] as const;

const OVERRIDE_COLUMNS = [
  'id',
  'model',
  'provider',
  'source',
  'owner_id',
  'effective_from',
  'time_of_day_start',
  'time_of_day_end',
  ...RATE_COLUMNS_SQL,
  'tiers',
  'other_prices',
];

/**
 * An admin or owner version; the same key again replaces its figures and moves created_at, so
 * every instance's price cache sees the change.
 */
export const UPSERT_OVERRIDE_SQL = `
  insert into model_prices (${OVERRIDE_COLUMNS.join(', ')}, created_at)
  select ${OVERRIDE_COLUMNS.join(', ')}, now() from jsonb_populate_record(null::model_prices, ?::jsonb)
  on conflict ${VERSION_KEY} do update set
    ${[...RATE_COLUMNS_SQL, 'tiers', 'other_prices', 'time_of_day_end'].map((c) => `${c} = excluded.${c}`).join(', ')}, created_at = now()
  returning id`;

const CATALOGUE_COLUMNS = [
  'id',
  'model',
  'provider',
  'source',
  'catalogue_version',
  'match_rule',
  'match_order',
  'catalogue_effective_from',
  'content_hash',
  'effective_from',
  'time_of_day_start',
  'time_of_day_end',
  ...RATE_COLUMNS_SQL,
  'tiers',
  'other_prices',
];

/** New catalogue versions in one statement; a key that exists already is left as it is. */
export const INSERT_CATALOGUE_SQL = `
  insert into model_prices (${CATALOGUE_COLUMNS.join(', ')}, created_at)
  select ${CATALOGUE_COLUMNS.join(', ')}, now() from jsonb_populate_recordset(null::model_prices, ?::jsonb)
  on conflict ${VERSION_KEY} do nothing`;

/** Per catalogue entry (provider, model, the catalogue's start, window), the hash of its newest stored version. */
export const CATALOGUE_HASHES_SQL = `
  select distinct on (provider, model, catalogue_effective_from, coalesce(time_of_day_start, ''))
    provider, model, catalogue_effective_from, time_of_day_start, content_hash
  from model_prices where source = 'catalogue'
  order by provider, model, catalogue_effective_from, coalesce(time_of_day_start, ''), effective_from desc`;

export const UPSERT_PROVIDERS_SQL = `
  insert into price_providers (id, name, provider_match, model_match, fallback_model_providers, models, position, catalogue_version, synced_at)
  select id, name, provider_match, model_match, fallback_model_providers, models, position, catalogue_version, now()
  from jsonb_populate_recordset(null::price_providers, ?::jsonb)
  on conflict (id) do update set name = excluded.name, provider_match = excluded.provider_match, model_match = excluded.model_match,
    fallback_model_providers = excluded.fallback_model_providers, models = excluded.models, position = excluded.position,
    catalogue_version = excluded.catalogue_version, synced_at = now()`;
