import { EntityMetadata, MikroORM, ReferenceKind } from '@mikro-orm/core';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Migrations are hand-written SQL and entities are hand-written classes: this check is what keeps
 * them from drifting. Every entity's columns must exist in the migrated database with a compatible
 * type and nullability, and every column of its table must be mapped by the entity.
 */

/** Configuration and state tables: each must have an entity (telemetry keeps set-based SQL). */
const STATE_TABLES = [
  'users',
  'api_keys',
  'agents',
  'deployments',
  'agent_budgets',
  'agent_status_changes',
  'model_prices',
  'alert_rules',
  'alerts',
  'alert_history',
  'alert_channels',
  'alert_silences',
  'alert_deliveries',
  'idempotency_keys',
  'job_runs',
  'runs',
];

/** MikroORM column types (as the entities declare them) → information_schema data types. */
const COMPATIBLE: Record<string, string[]> = {
  uuid: ['uuid'],
  text: ['text'],
  string: ['text', 'character varying'],
  varchar: ['character varying', 'text'],
  json: ['jsonb', 'json'],
  jsonb: ['jsonb'],
  timestamptz: ['timestamp with time zone'],
  'timestamptz(6)': ['timestamp with time zone'],
  datetime: ['timestamp with time zone'],
  date: ['date'],
  integer: ['integer'],
  int: ['integer'],
  smallint: ['smallint'],
  bigint: ['bigint'],
  double: ['double precision'],
  'double precision': ['double precision'],
  float8: ['double precision'],
  boolean: ['boolean'],
  numeric: ['numeric'],
  decimal: ['numeric'],
  bytea: ['bytea'],
  'text[]': ['ARRAY'],
  array: ['ARRAY'],
};

interface DbColumn {
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
}

interface EntityColumn {
  property: string;
  column: string;
  type: string;
  nullable: boolean;
}

function entityColumns(meta: EntityMetadata): EntityColumn[] {
  const columns: EntityColumn[] = [];
  for (const prop of Object.values(meta.properties)) {
    if (prop.persist === false || prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY) continue;
    prop.fieldNames.forEach((column, i) => {
      const type = String(prop.columnTypes?.[i] ?? prop.type).toLowerCase();
      columns.push({ property: prop.name, column, type, nullable: prop.nullable === true });
    });
  }
  return columns;
}

describe('entities match the migrated tables', () => {
  let t: TestApp;
  let metas: EntityMetadata[];
  const tableColumns = new Map<string, DbColumn[]>();

  beforeAll(async () => {
    t = await startTestApp();
    metas = Object.values(t.get(MikroORM).getMetadata().getAll()).filter((m) => !m.abstract && !m.virtual && !m.embeddable);
    const { rows } = await t.sql.query<DbColumn & { table_name: string }>(
      `select table_name, column_name, data_type, is_nullable from information_schema.columns where table_schema = 'public'`,
    );
    for (const row of rows) tableColumns.set(row.table_name, [...(tableColumns.get(row.table_name) ?? []), row]);
  });

  afterAll(() => t.close());

  it('gives every configuration and state table an entity with a custom repository', () => {
    const byTable = new Map(metas.map((m) => [m.tableName, m]));
    const missing = STATE_TABLES.filter((table) => !byTable.has(table));
    expect(missing).toEqual([]);
    const withoutRepository = STATE_TABLES.filter((table) => !byTable.get(table)?.repository);
    expect(withoutRepository).toEqual([]);
  });

  it('maps every entity property onto an existing column of a compatible type and nullability', () => {
    const problems: string[] = [];
    for (const meta of metas) {
      const db = tableColumns.get(meta.tableName);
      if (!db) {
        problems.push(`${meta.className}: table ${meta.tableName} does not exist`);
        continue;
      }
      for (const col of entityColumns(meta)) {
        const found = db.find((c) => c.column_name === col.column);
        if (!found) {
          problems.push(`${meta.className}.${col.property}: no column ${meta.tableName}.${col.column}`);
          continue;
        }
        const accepted = COMPATIBLE[col.type] ?? [col.type];
        if (!accepted.includes(found.data_type)) {
          problems.push(`${meta.className}.${col.property}: entity type ${col.type}, column ${found.data_type}`);
        }
        if ((found.is_nullable === 'YES') !== col.nullable && !meta.primaryKeys.includes(col.property)) {
          problems.push(`${meta.className}.${col.property}: entity nullable=${col.nullable}, column nullable=${found.is_nullable}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('leaves no column of an entity table unmapped', () => {
    const problems: string[] = [];
    for (const meta of metas) {
      const mapped = new Set(entityColumns(meta).map((c) => c.column));
      for (const col of tableColumns.get(meta.tableName) ?? []) {
        if (!mapped.has(col.column_name)) problems.push(`${meta.tableName}.${col.column_name} has no property on ${meta.className}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
