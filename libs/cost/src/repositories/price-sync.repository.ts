import { CATALOGUE_HASHES_SQL, INSERT_CATALOGUE_SQL, UPSERT_PROVIDERS_SQL } from './model-price.sql';

/** Runs one statement; satisfied by a MikroORM connection, also the bare one migrations use. */
export interface SqlExecutor {
  execute<T = Record<string, unknown>[]>(sql: string, params?: unknown[]): Promise<T>;
}

export interface StoredCatalogueHash {
  provider: string;
  model: string;
  catalogue_effective_from: Date;
  time_of_day_start: string | null;
  content_hash: string;
}

/**
 * The statements of `prices:sync`, on a plain executor so the migrate step can run them before
 * any Nest module exists. Catalogue rows are only ever inserted.
 */
export class PriceSyncRepository {
  constructor(private readonly db: SqlExecutor) {}

  storedHashes(): Promise<StoredCatalogueHash[]> {
    return this.db.execute<StoredCatalogueHash[]>(CATALOGUE_HASHES_SQL);
  }

  async insertCatalogueRows(rows: readonly Record<string, unknown>[]): Promise<void> {
    // A few hundred rows per statement keeps each JSON parameter small.
    for (let i = 0; i < rows.length; i += 500) await this.db.execute(INSERT_CATALOGUE_SQL, [JSON.stringify(rows.slice(i, i + 500))]);
  }

  async upsertProviders(rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length) await this.db.execute(UPSERT_PROVIDERS_SQL, [JSON.stringify(rows)]);
  }
}
