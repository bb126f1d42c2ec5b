import { isDatabaseUnavailable } from './database-unavailable';

/** What node-postgres, knex and PostgreSQL say when the connection, not the query, failed. */
describe('isDatabaseUnavailable: connection-level failures', () => {
  const connectionFailures: [string, unknown][] = [
    ['pg connect timeout', new Error('timeout expired')],
    ['pg connect timeout behind a query', new Error('select 1 - timeout expired')],
    ['pg client read timeout', new Error('Query read timeout')],
    ['socket dropped mid-query', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('Connection terminated due to connection timeout')],
    ['knex acquire timeout', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['reset by peer', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['closed client', new Error('Client was closed and is not queryable')],
    ['statement_timeout', Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })],
    ['lock_timeout', Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' })],
    ['admin shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['wrapped by the ORM', { message: 'select 1 - Query read timeout', previous: new Error('Query read timeout') }],
  ];
  it.each(connectionFailures)('%s → unavailable', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  const queryFailures: [string, unknown][] = [
    ['syntax error', Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' })],
    ['unique violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['a message merely mentioning a timeout', new Error('the export timeout expired for user x')],
  ];
  it.each(queryFailures)('%s → not unavailable', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
