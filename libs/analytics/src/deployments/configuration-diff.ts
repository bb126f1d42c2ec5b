export interface AddedKey {
  path: string;
  value: unknown;
}

export interface ChangedKey {
  path: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface ConfigurationDiff {
  added: AddedKey[];
  removed: AddedKey[];
  changed: ChangedKey[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Differences from `before` to `after`, keyed by dotted paths. Objects are walked key by key;
 * arrays and scalars are compared whole, so a changed list is one `changed` entry. A key whose
 * value turns from an object into something else (or back) is `changed` at that key.
 * Sorted by path for stable answers.
 */
export function diffConfigurations(before: Record<string, unknown>, after: Record<string, unknown>): ConfigurationDiff {
  const diff: ConfigurationDiff = { added: [], removed: [], changed: [] };
  walk(before, after, '', diff);
  const byPath = (x: { path: string }, y: { path: string }) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  diff.added.sort(byPath);
  diff.removed.sort(byPath);
  diff.changed.sort(byPath);
  return diff;
}

function walk(before: Record<string, unknown>, after: Record<string, unknown>, prefix: string, diff: ConfigurationDiff): void {
  for (const key of Object.keys(before)) {
    const path = prefix + key;
    if (!(key in after)) {
      diff.removed.push({ path, value: before[key] });
      continue;
    }
    const [a, b] = [before[key], after[key]];
    if (isPlainObject(a) && isPlainObject(b)) walk(a, b, `${path}.`, diff);
    else if (!deepEqual(a, b)) diff.changed.push({ path, oldValue: a, newValue: b });
  }
  for (const key of Object.keys(after)) {
    if (!(key in before)) diff.added.push({ path: prefix + key, value: after[key] });
  }
}
