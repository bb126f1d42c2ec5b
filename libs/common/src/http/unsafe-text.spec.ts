import { unsafeTextProblem } from './unsafe-text';

describe('unsafeTextProblem', () => {
  it('accepts ordinary text, emoji (paired surrogates), numbers and nulls', () => {
    expect(unsafeTextProblem({ name: 'rocket 🚀', n: 1, x: null, list: ['a', { b: 'c' }] })).toBeUndefined();
  });

  it('names the field path of a NUL', () => {
    expect(unsafeTextProblem({ name: 'a\u0000b' })).toBe('name must not contain NUL characters');
    expect(unsafeTextProblem({ configuration: { steps: ['ok', 'a\u0000'] } })).toBe('configuration.steps[1] must not contain NUL characters');
    expect(unsafeTextProblem({ samples: [{ type: 'cpu' }, { metadata: { host: '\u0000' } }] })).toBe(
      'samples[1].metadata.host must not contain NUL characters',
    );
  });

  it('names the object whose key holds a NUL', () => {
    expect(unsafeTextProblem({ labels: { ['te\u0000am']: 'x' } })).toBe('labels must not contain NUL characters in its keys');
    expect(unsafeTextProblem({ ['\u0000']: 1 })).toBe('body must not contain NUL characters in its keys');
  });

  it('refuses high and low lone surrogates, at the start, middle and end', () => {
    for (const text of ['\uD800', 'a\uD83Db', '\uDC00x', 'x\uDE80', '\uDE80\uD83D']) {
      expect(unsafeTextProblem({ note: text })).toBe('note must not contain unpaired surrogates');
    }
  });

  it('uses the parameter name for a single value, and "body" for a bare string body', () => {
    expect(unsafeTextProblem('a\u0000', 'model')).toBe('model must not contain NUL characters');
    expect(unsafeTextProblem('a\u0000')).toBe('body must not contain NUL characters');
  });

  it('looks into query objects with a bare prototype (fast-querystring)', () => {
    const query = Object.create(Object.create(null) as object) as Record<string, string>;
    query.tool_name = 'a\u0000';
    expect(unsafeTextProblem(query)).toBe('tool_name must not contain NUL characters');
  });

  it('does not look into Buffers or class instances', () => {
    expect(unsafeTextProblem(Buffer.from([0, 0xd8]))).toBeUndefined();
    expect(unsafeTextProblem({ at: new Date(0) })).toBeUndefined();
  });
});
