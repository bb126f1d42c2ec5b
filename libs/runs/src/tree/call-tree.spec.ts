import { buildCallTree, TreeItem } from './call-tree';

interface Item extends TreeItem {
  name: string;
  children: Item[];
}

const item = (name: string, spanId: string | null, parentSpanId: string | null): Item => ({ name, spanId, parentSpanId, children: [] });
const shape = (items: Item[]): unknown => items.map((i) => (i.children.length ? { [i.name]: shape(i.children) } : i.name));

describe('buildCallTree', () => {
  it('nests calls under the call owning their parent span, keeping time order', () => {
    const calls = [item('a', 's1', 'root'), item('b', 's2', 's1'), item('c', null, null), item('d', 's4', 's1'), item('e', 's5', 's2')];
    expect(shape(buildCallTree(calls))).toEqual([{ a: [{ b: ['e'] }, 'd'] }, 'c']);
  });

  it('keeps calls whose parent span is not among the calls at the top', () => {
    expect(shape(buildCallTree([item('a', 's1', 'agent'), item('b', 's2', 'agent')]))).toEqual(['a', 'b']);
  });

  it('never loses a call to a cycle or a self-parent', () => {
    const calls = [item('a', 's1', 's2'), item('b', 's2', 's1'), item('c', 's3', 's3')];
    const roots = buildCallTree(calls);
    const count = (items: Item[]): number => items.reduce((n, i) => n + 1 + count(i.children), 0);
    expect(count(roots)).toBe(3);
    expect(roots.map((r) => r.name)).toContain('c');
  });
});
