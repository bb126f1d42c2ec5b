import { useEffect, useState } from 'preact/hooks';
import { costApi } from '../../api/cost';
import type { ModelPrice } from '../../api/types';
import { ErrorBox, Loading } from '../../components/states';
import { Card } from '../../components/ui';
import { day, money } from '../../lib/format';
import { useMe } from '../../lib/me';
import { usePaged } from '../../lib/use-paged';
import { LoadMore } from '../agent/load-more';
import { PriceForm } from './price-form';

/** The search box's text once typing pauses, so each keystroke is not a request. */
function useSettled(value: string, delayMs = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

const rate = (value: number | null): string => (value === null ? '—' : money(value));

function CacheWrite({ p }: { p: ModelPrice }) {
  if (p.cacheWrite5mPer1M === null && p.cacheWrite1hPer1M === null) return <>—</>;
  return (
    <span title="5-minute entries / 1-hour entries">
      {rate(p.cacheWrite5mPer1M)}
      {p.cacheWrite1hPer1M !== null && <span class="muted"> / {money(p.cacheWrite1hPer1M)} 1h</span>}
    </span>
  );
}

function PriceRow({ p, admin, edit }: { p: ModelPrice; admin: boolean; edit: () => void }) {
  return (
    <tr data-model={p.model} data-source={p.source}>
      <td class="strong">
        {p.model}
        {p.tiers.length > 0 && (
          <span class="chip" title="Context tiers: other rates above an input size">
            {p.tiers.length} tiers
          </span>
        )}
        {p.timeOfDay && <span class="chip">{`${p.timeOfDay.start}–${p.timeOfDay.end}`}</span>}
      </td>
      <td>{p.provider ?? '—'}</td>
      <td class="num" data-col="input">
        {rate(p.inputPer1M)}
      </td>
      <td class="num" data-col="output">
        {rate(p.outputPer1M)}
      </td>
      <td class="num" data-col="cache-read">
        {rate(p.cacheReadPer1M)}
      </td>
      <td class="num" data-col="cache-write">
        <CacheWrite p={p} />
      </td>
      <td data-col="source">
        <span class="chip">{p.source}</span>
        {p.catalogueVersion && <span class="muted small"> {p.catalogueVersion}</span>}
      </td>
      <td data-col="effective-from">{day(p.effectiveFrom)}</td>
      {admin && (
        <td>
          <button type="button" class="secondary small" onClick={edit}>
            Override
          </button>
        </td>
      )}
    </tr>
  );
}

/** GET /api/cost/models, filtered by `model` on the server and paged with X-Next-Cursor. Rates are USD per 1M tokens. */
export function PricesTab() {
  const me = useMe();
  const admin = me.role === 'admin';
  const [search, setSearch] = useState('');
  const needle = useSettled(search.trim());
  const prices = usePaged((cursor) => costApi.prices({ model: needle || undefined }, cursor), [needle]);
  const [editing, setEditing] = useState<ModelPrice | 'new'>();
  return (
    <Card
      title="Price catalogue"
      actions={
        <>
          <input
            type="search"
            class="small-input"
            placeholder="Search models"
            aria-label="Search models"
            value={search}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
          {admin && !editing && (
            <button type="button" class="primary small" onClick={() => setEditing('new')}>
              Override a price
            </button>
          )}
        </>
      }
    >
      {editing && (
        <PriceForm
          price={editing === 'new' ? undefined : editing}
          done={() => {
            setEditing(undefined);
            prices.reload();
          }}
        />
      )}
      {prices.error && <ErrorBox error={prices.error} onRetry={prices.reload} />}
      {prices.items === undefined ? (
        !prices.error && <Loading what="Loading prices" />
      ) : (
        <>
          <div class="table-wrap" aria-busy={prices.loading}>
            <table class="table compact" data-testid="prices-table">
              <thead>
                <tr>
                  <th>Model</th>
                  <th>Provider</th>
                  <th class="num">Input / 1M</th>
                  <th class="num">Output / 1M</th>
                  <th class="num">Cache read / 1M</th>
                  <th class="num">Cache write / 1M</th>
                  <th>Source</th>
                  <th>Effective from</th>
                  {admin && <th />}
                </tr>
              </thead>
              <tbody>
                {prices.items.map((p) => (
                  <PriceRow p={p} admin={admin} edit={() => setEditing(p)} />
                ))}
                {prices.items.length === 0 && (
                  <tr>
                    <td colSpan={admin ? 9 : 8} class="muted center">
                      {needle ? `No model matches “${needle}”.` : 'No prices.'}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <LoadMore paged={prices} shown={prices.items.length} what={['price', 'prices']} />
        </>
      )}
    </Card>
  );
}
