/**
 * PostgreSQL COPY text format: one line per row, tab-separated, `\N` for null, and backslash,
 * newline, carriage return and tab escaped. NUL cannot be stored in text or jsonb, so it is dropped.
 */
const SPECIAL = /[\\\n\r\t\0]/;
const SPECIAL_ALL = /[\\\n\r\t\0]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '' };

export const COPY_NULL = '\\N';

export function copyString(value: string | null): string {
  if (value === null) return COPY_NULL;
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : value;
}

export function copyNumber(value: number | null): string {
  return value === null ? COPY_NULL : String(value);
}

export function copyJson(value: Record<string, unknown> | null): string {
  if (value === null) return COPY_NULL;
  let json = JSON.stringify(value);
  if (json.includes('\\u0000')) json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? v.replace(/\0/g, '') : v));
  return copyString(json);
}
