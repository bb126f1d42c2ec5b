import type { Paged } from '../../lib/use-paged';

/** The foot of a cursor-paged table: how many rows are shown and, while the server has more, a button for the next page. */
export function LoadMore<T>({ paged, shown, what }: { paged: Paged<T>; shown: number; what: [one: string, many: string] }) {
  return (
    <div class="pager">
      <span class="muted small" data-testid={`${what[1]}-shown`}>
        {shown} {shown === 1 ? what[0] : what[1]} shown{paged.more ? '' : ' (all)'}
      </span>
      {paged.more && (
        <button type="button" class="secondary small" disabled={paged.loading} onClick={paged.more}>
          {paged.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
