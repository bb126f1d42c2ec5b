/**
 * PostgreSQL refuses NUL in text and jsonb, and a lone UTF-16 surrogate is not encodable as UTF-8:
 * such strings would fail the write (a 5xx) or be silently replaced, so they are refused up front.
 */
// eslint-disable-next-line no-control-regex -- finding the NUL control character is part of this pattern's purpose
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The Ajv `pattern` for safe strings (Ajv compiles patterns with the `u` flag, where a lone surrogate is its own code point). */
export const SAFE_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';

export const UNSAFE_TEXT_PROBLEM = 'must not contain NUL or unpaired surrogates';

export function isSafeText(value: string): boolean {
  return !UNSAFE.test(value);
}

function member(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Paths of every unsafe key or string value inside a free-form JSON value (metadata). Iterative, so
 * a deeply nested document cannot exhaust the stack.
 */
export function unsafeTextPaths(root: unknown, rootPath: string): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (!isSafeText(value)) found.push(path);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        if (!isSafeText(key)) found.push(`${path} key ${JSON.stringify(key)}`);
        else stack.push([child, member(path, key)]);
      }
    }
  }
  return found;
}
