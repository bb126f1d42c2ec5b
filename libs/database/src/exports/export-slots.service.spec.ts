import { Readable } from 'node:stream';
import { AppConfig, loadConfig } from '@fleetwatch/config';
import { ExportSlots, TooManyExportsError } from './export-slots.service';

const config = (env: Record<string, string>): AppConfig => loadConfig({ JWT_SECRET: 'a-jwt-secret-that-is-at-least-32-characters', ...env });

describe('ExportSlots', () => {
  it('gives each user at most EXPORT_MAX_PER_USER slots, leaving the rest of the server to others', () => {
    const slots = new ExportSlots(config({ DATABASE_POOL_MAX: '9', EXPORT_MAX_PER_USER: '2' }));
    const a1 = slots.take('a');
    slots.take('a');
    expect(() => slots.take('a')).toThrow(new TooManyExportsError('at most 2 of your exports run at once; retry when one of them has ended'));
    slots.take('b');
    expect(() => slots.take('c')).toThrow(new TooManyExportsError('at most 3 exports run at once per server; retry shortly'));
    a1.release();
    a1.release();
    expect(() => slots.take('c')).not.toThrow();
    expect(() => slots.take('d')).toThrow(TooManyExportsError);
  });

  it('answers 429 with Retry-After', () => {
    const slots = new ExportSlots(config({ DATABASE_POOL_MAX: '2' }));
    slots.take('a');
    const error = (() => {
      try {
        slots.take('b');
      } catch (e) {
        return e as TooManyExportsError;
      }
    })();
    expect(error).toMatchObject({ kind: 'rate_limited', code: 'too_many_exports', retryAfterSeconds: 5 });
  });

  it('frees the slot when the guarded download closes', async () => {
    const slots = new ExportSlots(config({ DATABASE_POOL_MAX: '3', EXPORT_MAX_PER_USER: '1' }));
    const body = slots.take('a').guard(Readable.from(['row\n']));
    expect(() => slots.take('a')).toThrow(TooManyExportsError);
    for await (const chunk of body) expect(String(chunk)).toBe('row\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => slots.take('a')).not.toThrow();
  });
});
