import { EntityManager } from '@mikro-orm/postgresql';
import { run } from '../shared/sql';

/**
 * Runs `body` inside a SAVEPOINT of the pass's transaction. On failure it rolls back to the
 * savepoint, so the transaction stays usable and only this part's work is undone, and returns the
 * error instead of throwing it.
 */
export async function attempt(em: EntityManager, body: () => Promise<void>): Promise<Error | null> {
  await run(em, 'savepoint fw_rollup_part');
  try {
    await body();
    await run(em, 'release savepoint fw_rollup_part');
    return null;
  } catch (error) {
    await run(em, 'rollback to savepoint fw_rollup_part');
    return error instanceof Error ? error : new Error(String(error));
  }
}
