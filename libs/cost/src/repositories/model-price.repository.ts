import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { newId } from '@fleetwatch/common';
import { PriceVersion } from '../prices/price-resolution';

interface PriceRow {
  model: string;
  provider: string | null;
  input_per_1m: string;
  output_per_1m: string;
  effective_from: Date;
}

function toVersion(row: PriceRow): PriceVersion {
  return {
    model: row.model,
    provider: row.provider,
    inputPer1M: Number(row.input_per_1m),
    outputPer1M: Number(row.output_per_1m),
    effectiveFrom: new Date(row.effective_from),
  };
}

const COLUMNS = 'model, provider, input_per_1m, output_per_1m, effective_from';

/** Hand-written SQL over model_prices; every method is a single statement. */
@Injectable()
export class ModelPriceRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every version of the named models, matched case-insensitively (resolution picks the spelling). */
  async versionsOf(models: readonly string[], em: EntityManager = this.em): Promise<PriceVersion[]> {
    if (models.length === 0) return [];
    const lower = [...new Set(models.map((m) => m.toLowerCase()))];
    const rows = await em.getConnection().execute<PriceRow[]>(
      `select ${COLUMNS} from model_prices where lower(model) in (select json_array_elements_text(?::json))`,
      [JSON.stringify(lower)],
      'all',
      em.getTransactionContext(),
    );
    return rows.map(toVersion);
  }

  /** Per model, the version in force at `at` (greatest effective_from <= at). */
  async inForce(at: Date): Promise<PriceVersion[]> {
    const rows = await this.em.getConnection().execute<PriceRow[]>(
      `select distinct on (model) ${COLUMNS} from model_prices
       where effective_from <= ? order by model, effective_from desc`,
      [at],
    );
    return rows.map(toVersion);
  }

  /** A version for (model, effectiveFrom); the same pair again replaces that version's figures. */
  async upsert(version: PriceVersion, em: EntityManager = this.em): Promise<PriceVersion> {
    const [row] = await em.getConnection().execute<PriceRow[]>(
      `insert into model_prices (id, model, provider, input_per_1m, output_per_1m, effective_from)
       values (?, ?, ?, ?, ?, ?)
       on conflict (model, effective_from) do update set provider = excluded.provider,
         input_per_1m = excluded.input_per_1m, output_per_1m = excluded.output_per_1m
       returning ${COLUMNS}`,
      [newId(), version.model, version.provider, version.inputPer1M, version.outputPer1M, version.effectiveFrom],
      'all',
      em.getTransactionContext(),
    );
    return toVersion(row);
  }
}
