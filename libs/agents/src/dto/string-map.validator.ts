import { registerDecorator, ValidationOptions } from 'class-validator';

/** A flat object of string values with bounded size: agent labels. */
export function IsStringMap(maxEntries = 64, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `$property must be an object of at most ${maxEntries} string values (keys 1-63 chars, values up to 255)`, ...options },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return entries.length <= maxEntries && entries.every(([k, v]) => k.length >= 1 && k.length <= 63 && typeof v === 'string' && v.length <= 255);
        },
      },
    });
}
