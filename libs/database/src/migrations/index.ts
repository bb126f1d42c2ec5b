import { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000Foundation } from './Migration20261122000000Foundation';
import { Migration20261122005000Jobs } from './Migration20261122005000Jobs';
import { Migration20261122010000Telemetry } from './Migration20261122010000Telemetry';
import { Migration20261122011000ModelPrices } from './Migration20261122011000ModelPrices';
import { Migration20261122012000IdempotencyKeys } from './Migration20261122012000IdempotencyKeys';
import { Migration20261122020000Rollups } from './Migration20261122020000Rollups';
import { Migration20261122030000Alerts } from './Migration20261122030000Alerts';
import { Migration20261122040000Budgets } from './Migration20261122040000Budgets';
import { Migration20261122060000ApiKeyAgent } from './Migration20261122060000ApiKeyAgent';
import { Migration20261122070000AgentLastSample } from './Migration20261122070000AgentLastSample';
import { Migration20261201020000PartitionLocks } from './Migration20261201020000PartitionLocks';
import { Migration20261201030000LoginAttempts } from './Migration20261201030000LoginAttempts';
import { Migration20261201040000JobNames } from './Migration20261201040000JobNames';
import { Migration20261201050000UsageByType } from './Migration20261201050000UsageByType';
import { Migration20261201060000RollupTokenTypes } from './Migration20261201060000RollupTokenTypes';
import { Migration20261201090000CostLines } from './Migration20261201090000CostLines';

/** Every migration, in order. A new migration is a new file plus one line here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122000000Foundation', class: Migration20261122000000Foundation },
  { name: 'Migration20261122005000Jobs', class: Migration20261122005000Jobs },
  { name: 'Migration20261122010000Telemetry', class: Migration20261122010000Telemetry },
  { name: 'Migration20261122011000ModelPrices', class: Migration20261122011000ModelPrices },
  { name: 'Migration20261122012000IdempotencyKeys', class: Migration20261122012000IdempotencyKeys },
  { name: 'Migration20261122020000Rollups', class: Migration20261122020000Rollups },
  { name: 'Migration20261122030000Alerts', class: Migration20261122030000Alerts },
  { name: 'Migration20261122040000Budgets', class: Migration20261122040000Budgets },
  { name: 'Migration20261122060000ApiKeyAgent', class: Migration20261122060000ApiKeyAgent },
  { name: 'Migration20261122070000AgentLastSample', class: Migration20261122070000AgentLastSample },
  { name: 'Migration20261201020000PartitionLocks', class: Migration20261201020000PartitionLocks },
  { name: 'Migration20261201030000LoginAttempts', class: Migration20261201030000LoginAttempts },
  { name: 'Migration20261201040000JobNames', class: Migration20261201040000JobNames },
  { name: 'Migration20261201050000UsageByType', class: Migration20261201050000UsageByType },
  { name: 'Migration20261201060000RollupTokenTypes', class: Migration20261201060000RollupTokenTypes },
  { name: 'Migration20261201090000CostLines', class: Migration20261201090000CostLines },
];
