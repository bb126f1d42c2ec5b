/** The database probe of GET /api/monitoring/health; its text is quoted in the API description. */
export const DATABASE_PING_SQL = 'select 1';
