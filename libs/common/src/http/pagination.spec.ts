import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, PageQueryDto } from './pagination';

const ID = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursor', () => {
  it('round-trips a keyset through an opaque, URL-safe string', () => {
    const keyset = { at: '2026-03-01T10:00:00.123Z', id: ID };
    const cursor = encodeCursor(keyset);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(ID);
    expect(decodeCursor(cursor)).toEqual(keyset);
  });

  it('decodes no cursor as no keyset', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each([
    ['garbage', 'garbage!!'],
    ['empty text', ''],
    ['JSON that is not a pair', b64({ at: '2026-03-01T10:00:00.000Z', id: ID })],
    ['a pair with a non-UUID id', b64(['2026-03-01T10:00:00.000Z', 'x'])],
    ['a pair with a non-time', b64(['yesterday', ID])],
    ['a pair with a local time', b64(['2026-03-01 10:00:00', ID])],
    ['a triple', b64(['2026-03-01T10:00:00.000Z', ID, 1])],
  ])('refuses %s as a bad request naming cursor', (_, cursor) => {
    let thrown: unknown;
    try {
      decodeCursor(cursor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ kind: 'bad_request', code: 'invalid_cursor', message: 'cursor must be a value taken from the X-Next-Cursor header' });
  });
});

describe('PageQueryDto', () => {
  const errorsFor = (query: Record<string, string>) =>
    validateSync(plainToInstance(PageQueryDto, query), { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) => Object.values(e.constraints ?? {}));

  it('accepts a cursor it handed out and a limit within 1..500', () => {
    expect(errorsFor({ limit: '500', cursor: encodeCursor({ at: '2026-03-01T10:00:00.000Z', id: ID }) })).toEqual([]);
    expect(errorsFor({})).toEqual([]);
  });

  it('names cursor and limit when they are wrong', () => {
    expect(errorsFor({ cursor: 'nope' })).toEqual(['cursor must be a value taken from the X-Next-Cursor header']);
    expect(errorsFor({ limit: '0' })).toEqual(['limit must not be less than 1']);
  });
});
