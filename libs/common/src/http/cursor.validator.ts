import { registerDecorator, ValidationOptions } from 'class-validator';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CursorOptions {
  /** The keyset's id is a client's text (a conversation id), compared as text, not a UUID. */
  textId?: boolean;
}

const MAX_TEXT_ID = 1000;

/** The keyset inside a cursor, or undefined when the text is not one this service wrote. */
export function parseCursor(cursor: string, options: CursorOptions = {}): { at: string; id: string } | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
    const [at, id] = decoded as unknown[];
    // A UUID id goes into a uuid comparison: anything else would be a database error, not a 400.
    const idOk = typeof id === 'string' && (options.textId ? id.length <= MAX_TEXT_ID : UUID.test(id));
    if (typeof at === 'string' && idOk && ISO_UTC.test(at) && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {
    // not base64url JSON
  }
  return undefined;
}

/** Rejects a cursor query parameter that no page of this service handed out. */
export function IsCursor(options?: ValidationOptions, cursor: CursorOptions = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCursor',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a value taken from the X-Next-Cursor header', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseCursor(value, cursor) !== undefined,
      },
    });
}
