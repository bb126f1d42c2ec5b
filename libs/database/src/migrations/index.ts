import { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000Foundation } from './Migration20261122000000Foundation';
import { Migration20261122005000Jobs } from './Migration20261122005000Jobs';
import { Migration20261122010000Telemetry } from './Migration20261122010000Telemetry';

/** Every migration, in order. A new migration is a new file plus one line here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122000000Foundation', class: Migration20261122000000Foundation },
  { name: 'Migration20261122005000Jobs', class: Migration20261122005000Jobs },
  { name: 'Migration20261122010000Telemetry', class: Migration20261122010000Telemetry },
];
