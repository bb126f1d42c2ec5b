/**
 * The activity log's table, for the one reader outside ActivityLogService: the analytics export
 * streams it through a server-side cursor with the other telemetry datasets. Everything else reads
 * and appends through the service.
 */
export const EVENTS_TABLE = 'events';
