import { registerDecorator, ValidationOptions } from 'class-validator';

// RFC 3339 date-time: a zone is mandatory (a naive time would silently mean the server's zone),
// the fraction separator is '.', the offset has a colon. ISO 8601's other forms (week dates,
// ordinal dates, basic format, comma fractions) are refused: JavaScript and PostgreSQL disagree on them.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The accepted instants: what JavaScript dates, PostgreSQL timestamptz and ISO strings all represent alike. */
export const TIMESTAMP_MIN = Date.UTC(1970, 0, 1);
export const TIMESTAMP_MAX = Date.UTC(10000, 0, 1) - 1;
const RULE_TEXT = '(RFC 3339 such as 2026-03-10T12:00:00Z, from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z)';

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant an RFC 3339 timestamp (or, with `allowDate`, a full date at 00:00 UTC) names, or
 * undefined when the text is not one or lies outside 1970–9999.
 */
export function parseTimestamp(text: unknown, options: { allowDate?: boolean } = {}): Date | undefined {
  if (typeof text !== 'string' || text.length > 40) return undefined;
  const dateOnly = options.allowDate ? FULL_DATE.exec(text) : null;
  const m = dateOnly ?? DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(year, month, day)) return undefined;
  if (!dateOnly) {
    const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return undefined;
  }
  const at = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at) || at < TIMESTAMP_MIN || at > TIMESTAMP_MAX) return undefined;
  return new Date(at);
}

/**
 * The one timestamp rule of every query and body field: RFC 3339 with a zone (Z or ±hh:mm),
 * optional fraction, between 1970 and 9999. `allowDate` also takes a bare YYYY-MM-DD (UTC day).
 */
export function IsTimestamp(options: { allowDate?: boolean } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  const form = options.allowDate ? 'a date (YYYY-MM-DD) or a timestamp with Z or an offset' : 'a timestamp with Z or an offset';
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimestamp',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `$property must be ${form} ${RULE_TEXT}`, ...validationOptions },
      validator: { validate: (value: unknown) => parseTimestamp(value, options) !== undefined },
    });
}
