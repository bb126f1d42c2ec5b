/**
 * The hourly rollup tables and their dirty queues as other libs' set-based SQL may name them. The
 * rollup engine owns and writes them; readers elsewhere name them only through these constants.
 */
export const ROLLUP_SAMPLES_TABLE = 'rollup_samples_hourly';
export const ROLLUP_OWNER_SAMPLES_TABLE = 'rollup_owner_samples_hourly';
export const ROLLUP_LLM_TABLE = 'rollup_llm_hourly';
export const ROLLUP_TOOL_TABLE = 'rollup_tool_hourly';
export const ROLLUP_DIRTY_TABLE = 'rollup_dirty';
export const ROLLUP_OWNER_DIRTY_TABLE = 'rollup_owner_dirty';
