// A NUL cannot be stored in PostgreSQL text or jsonb, and a lone surrogate is not Unicode at all
// (it would be stored as U+FFFD): both are refused up front instead of failing in the database.
// eslint-disable-next-line no-control-regex -- finding the NUL control character is this pattern's purpose
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | undefined {
  if (NUL.test(text)) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired surrogates';
  return undefined;
}

interface Frame {
  value: unknown;
  key?: string | number;
  parent?: Frame;
}

function pathOf(frame: Frame, root: string): string {
  let path = '';
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) path = typeof f.key === 'number' ? `[${f.key}]${path}` : `.${f.key}${path}`;
  if (!root) return path.startsWith('.') ? path.slice(1) : path || 'body';
  return root + path;
}

/** Parsed JSON and query objects; fast-querystring's null-prototype objects included, class instances not. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype || !Object.prototype.hasOwnProperty.call(prototype, 'constructor');
}

/**
 * The first string (or object key) in a parsed body or query that PostgreSQL cannot store, as a
 * message naming its path (`configuration.steps[1] must not contain NUL characters`). Walks
 * without recursion; Buffers (protobuf bodies) and class instances are not looked into.
 *
 * @param root the name of the whole value when it is a single named parameter, else ''.
 */
export function unsafeTextProblem(value: unknown, root = ''): string | undefined {
  const stack: Frame[] = [{ value }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return `${pathOf(frame, root)} ${problem}`;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: i, parent: frame });
    } else if (isPlainObject(current)) {
      const keys = Object.keys(current);
      for (const key of keys) {
        const problem = textProblem(key);
        if (problem) return `${pathOf(frame, root)} ${problem} in its keys`;
      }
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: current[keys[i]], key: keys[i], parent: frame });
    }
  }
  return undefined;
}
