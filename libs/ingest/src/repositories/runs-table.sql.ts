/** The runs table as other libs' set-based SQL may name it (ingest writes it; runs, alerts and monitoring read it). */
export const RUNS_TABLE = 'runs';
