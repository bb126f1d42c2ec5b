/**
 * The telemetry tables as other libs' set-based SQL may name them. Ingest owns and writes them;
 * readers elsewhere name them only through these constants, so the owner of each table is visible
 * at every use.
 */
export const SAMPLES_TABLE = 'metric_samples';
export const LLM_CALLS_TABLE = 'llm_calls';
export const TOOL_CALLS_TABLE = 'tool_calls';
