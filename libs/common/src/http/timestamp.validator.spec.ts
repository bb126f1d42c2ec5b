import { parseTimestamp } from './timestamp.validator';

describe('parseTimestamp', () => {
  it('reads RFC 3339 timestamps with Z or an offset, with or without a fraction', () => {
    expect(parseTimestamp('2026-03-10T12:00:00Z')?.toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(parseTimestamp('2026-03-10T12:00:00.5Z')?.toISOString()).toBe('2026-03-10T12:00:00.500Z');
    expect(parseTimestamp('2026-03-10T12:00:00.123456789+02:00')?.toISOString()).toBe('2026-03-10T10:00:00.123Z');
    expect(parseTimestamp('2026-03-10t12:00:00z')?.toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(parseTimestamp('2024-02-29T00:00:00-05:30')?.toISOString()).toBe('2024-02-29T05:30:00.000Z');
  });

  it('refuses the ISO 8601 forms that are not RFC 3339, and naive times', () => {
    for (const text of [
      '2026-W01',
      '2026-W01-1',
      '20261201',
      '2026-123',
      '2026-12-01T00:00:00,5Z',
      '2026-12-01T00:00:00.Z',
      '2026-12-01T00:00:00',
      '2026-12-01 00:00:00Z',
      '2026-12-01T00:00Z',
      '2026-12-01T00:00:00+0100',
      '2026-12-01T00:00:00+01',
      '2026-12-01',
      '2026-12-01T00:00:00.1234567890Z',
      ' 2026-12-01T00:00:00Z',
      '',
    ]) {
      expect([text, parseTimestamp(text)]).toEqual([text, undefined]);
    }
  });

  it('refuses impossible calendar and clock values', () => {
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T00:60:00Z',
      '2026-01-01T00:00:60Z',
      '2026-01-01T00:00:00+24:00',
    ]) {
      expect([text, parseTimestamp(text)]).toEqual([text, undefined]);
    }
  });

  it('keeps to 1970-01-01T00:00:00Z .. 9999-12-31T23:59:59.999Z', () => {
    expect(parseTimestamp('1970-01-01T00:00:00Z')?.getTime()).toBe(0);
    expect(parseTimestamp('9999-12-31T23:59:59.999Z')?.toISOString()).toBe('9999-12-31T23:59:59.999Z');
    for (const text of [
      '0001-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '1970-01-01T00:30:00+01:00',
      '9999-12-31T23:00:00-01:00',
      '-100000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
    ]) {
      expect([text, parseTimestamp(text)]).toEqual([text, undefined]);
    }
  });

  it('takes a bare date only when asked, as 00:00 UTC', () => {
    expect(parseTimestamp('2026-03-01', { allowDate: true })?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseTimestamp('2026-02-30', { allowDate: true })).toBeUndefined();
    expect(parseTimestamp('2026-03-01T00:00:00Z', { allowDate: true })?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('refuses non-strings', () => {
    expect(parseTimestamp(0)).toBeUndefined();
    expect(parseTimestamp(new Date())).toBeUndefined();
  });
});
