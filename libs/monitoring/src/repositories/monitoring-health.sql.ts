/** The database probe of GET /api/monitoring/health; its text is quoted in the API description. */
export const DATABASE_PING_SQL = 'select 1';

/** `job_runs` is written by the database lib's JobScheduler, one row per job name, shared by every replica. */
export const JOB_RUNS_SQL = `select name, interval_ms, last_started_at, last_finished_at, last_duration_ms, last_error, runs, failures from job_runs order by name`;
