import { copyJson, copyNumber, copyString } from './copy-text.codec';

describe('COPY text encoding', () => {
  it('escapes the characters COPY treats specially and writes \\N for null', () => {
    expect(copyString('plain')).toBe('plain');
    expect(copyString('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyString('nul\0here')).toBe('nulhere');
    expect(copyString(null)).toBe('\\N');
    expect(copyNumber(1.25e-7)).toBe('1.25e-7');
    expect(copyNumber(null)).toBe('\\N');
  });

  it('stores JSON as text COPY can read back, without NUL escapes jsonb refuses', () => {
    expect(copyJson({ a: 'x\ty' })).toBe('{"a":"x\\\\ty"}');
    expect(copyJson({ a: 'x\0y' })).toBe('{"a":"xy"}');
    expect(copyJson(null)).toBe('\\N');
  });
});
