import { describeError } from './describe-error';

describe('describeError', () => {
  it('names a cause for values that carry none', () => {
    expect(describeError(undefined)).toBe('an unknown error (nothing was reported)');
    expect(describeError(null)).toBe('an unknown error (nothing was reported)');
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError({ reason: 'x' })).toBe('{"reason":"x"}');
  });

  it('spells out an empty AggregateError and the cause chain', () => {
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    expect(describeError(new AggregateError([refused('::1:1'), refused('127.0.0.1:1')]))).toBe('connect ECONNREFUSED ::1:1; connect ECONNREFUSED 127.0.0.1:1');
    expect(describeError(new Error('migrations failed', { cause: Object.assign(new Error('permission denied'), { code: 'EACCES' }) }))).toBe(
      'migrations failed ← caused by: permission denied [EACCES]',
    );
  });
});
