/** Set by Jest's global setup: URL of the test cluster's maintenance database. */
export const TEST_ADMIN_URL_ENV = 'FLEETWATCH_TEST_ADMIN_URL';
export const TEMPLATE_DATABASE = 'fleetwatch_template';
