import { registerDecorator, ValidationOptions } from 'class-validator';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The keyset inside a cursor, or undefined when the text is not one this service wrote. */
export function parseCursor(cursor: string): { at: string; id: string } | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
    const [at, id] = decoded as unknown[];
    // The id goes into a uuid comparison: anything else would be a database error, not a 400.
    if (typeof at === 'string' && typeof id === 'string' && ISO_UTC.test(at) && !Number.isNaN(Date.parse(at)) && UUID.test(id)) return { at, id };
  } catch {
    // not base64url JSON
  }
  return undefined;
}

/** Rejects a cursor query parameter that no page of this service handed out. */
export function IsCursor(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCursor',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a value taken from the X-Next-Cursor header', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseCursor(value) !== undefined,
      },
    });
}
