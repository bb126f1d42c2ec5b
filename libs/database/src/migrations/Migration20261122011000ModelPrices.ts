import { Migration } from '@mikro-orm/migrations';
import seed from '../../../cost/src/prices/data/model-prices.json';

interface SeedRow {
  model: string;
  provider: string;
  inputPer1M: number;
  outputPer1M: number;
  effectiveFrom?: string;
}

/**
 * Versioned list prices (a reference table: no agent data, replicated as-is under Citus). The seed
 * is the dated data file of libs/cost, inlined at migration time; later prices are new versions.
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

    const rows = (seed.models as SeedRow[]).map((m) => ({
      model: m.model,
      provider: m.provider,
      input_per_1m: m.inputPer1M,
      output_per_1m: m.outputPer1M,
      effective_from: m.effectiveFrom ?? seed.effectiveFrom,
    }));
    const json = JSON.stringify(rows).replace(/'/g, "''");
    this.addSql(`
      insert into model_prices (id, model, provider, input_per_1m, output_per_1m, effective_from)
      select gen_random_uuid(), model, provider, input_per_1m, output_per_1m, effective_from
      from json_to_recordset('${json}'::json)
        as r(model text, provider text, input_per_1m numeric, output_per_1m numeric, effective_from timestamptz);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists model_prices;`);
  }
}
