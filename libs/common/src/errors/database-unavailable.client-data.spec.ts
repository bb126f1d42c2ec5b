import { isDatabaseUnavailable } from './database-unavailable';

/** Errors a client's data causes must never read as an outage (503 + Retry-After makes clients retry them). */
describe('isDatabaseUnavailable and errors caused by client data', () => {
  it('a protocol violation (a NUL inlined into the query text) is not an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error(`select 'a\u0000b' - invalid message format`), { code: '08P01' }))).toBe(false);
  });

  it('SQLSTATE class 22 (data exception) is not an outage', () => {
    for (const code of ['22021', '22P05', '22008', '22007']) {
      expect([code, isDatabaseUnavailable(Object.assign(new Error('data exception'), { code }))]).toEqual([code, false]);
    }
  });

  it('the other connection exceptions still are', () => {
    for (const code of ['08000', '08003', '08006', '57P01']) {
      expect([code, isDatabaseUnavailable(Object.assign(new Error('gone'), { code }))]).toEqual([code, true]);
    }
  });
});
