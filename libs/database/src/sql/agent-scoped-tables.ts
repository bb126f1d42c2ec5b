/**
 * Tables holding per-agent telemetry without a foreign key (kept off the ingest hot path and
 * ready for Citus distribution). Deleting an agent deletes its rows from each, in one transaction.
 * A migration that adds such a table adds its name here.
 */
export const AGENT_SCOPED_TABLES: readonly string[] = ['events', 'metric_samples', 'llm_calls', 'tool_calls', 'rollup_dirty'];
