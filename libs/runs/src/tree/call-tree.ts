/** What the tree needs of a call: its span and its parent's span (either may be unknown). */
export interface TreeItem {
  spanId: string | null;
  parentSpanId: string | null;
  children: TreeItem[];
}

/**
 * Nests calls under the call whose span is their parent; the rest (no parent, or a parent span
 * that is not one of these calls — an agent or chain span) stay at the top. Input order (time
 * order) is kept at every level. A parent link that would close a cycle is ignored, so malformed
 * span ids can never lose a call or loop.
 */
export function buildCallTree<T extends TreeItem>(calls: readonly T[]): T[] {
  const bySpan = new Map<string, T>();
  for (const c of calls) if (c.spanId && !bySpan.has(c.spanId)) bySpan.set(c.spanId, c);
  const parentOf = (c: T): T | undefined => {
    const parent = c.parentSpanId ? bySpan.get(c.parentSpanId) : undefined;
    return parent === c ? undefined : parent;
  };
  const closesCycle = (c: T): boolean => {
    const seen = new Set<T>([c]);
    for (let p = parentOf(c); p; p = parentOf(p)) {
      if (seen.has(p)) return true;
      seen.add(p);
    }
    return false;
  };
  const roots: T[] = [];
  for (const c of calls) {
    const parent = parentOf(c);
    if (parent && !closesCycle(c)) parent.children.push(c);
    else roots.push(c);
  }
  return roots;
}
