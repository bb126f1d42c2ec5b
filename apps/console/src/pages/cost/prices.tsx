import { useState } from 'preact/hooks';
import { costApi } from '../../api/cost';
import type { ModelPrice } from '../../api/types';
import { Async, ErrorBox } from '../../components/states';
import { Card, Field } from '../../components/ui';
import { day, money } from '../../lib/format';
import { useMe } from '../../lib/me';
import { useAction, useApi } from '../../lib/use-api';

export function PricesTab() {
  const me = useMe();
  const prices = useApi(() => costApi.prices(), []);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<ModelPrice | 'new'>();
  const needle = search.trim().toLowerCase();
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
          {me.role === 'admin' && !editing && (
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
      <Async loaded={prices} what="Loading prices">
        {(list) => {
          const shown = list.filter((p) => !needle || p.model.toLowerCase().includes(needle) || (p.provider ?? '').toLowerCase().includes(needle));
          return (
            <div class="table-wrap">
              <table class="table compact">
                <thead>
                  <tr>
                    <th>Model</th>
                    <th>Provider</th>
                    <th class="num">Input / 1M</th>
                    <th class="num">Output / 1M</th>
                    <th>In force since</th>
                    {me.role === 'admin' && <th />}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((p) => (
                    <tr>
                      <td class="strong">{p.model}</td>
                      <td>{p.provider ?? '—'}</td>
                      <td class="num">{money(p.inputPer1M)}</td>
                      <td class="num">{money(p.outputPer1M)}</td>
                      <td>{day(p.effectiveFrom)}</td>
                      {me.role === 'admin' && (
                        <td>
                          <button type="button" class="secondary small" onClick={() => setEditing(p)}>
                            Override
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                  {shown.length === 0 && (
                    <tr>
                      <td colSpan={6} class="muted center">
                        No model matches “{search}”.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
          );
        }}
      </Async>
    </Card>
  );
}

/** Admins: PUT /api/cost/models/:model writes a new price version from effectiveFrom (history kept). */
function PriceForm({ price, done }: { price?: ModelPrice; done: () => void }) {
  const [model, setModel] = useState(price?.model ?? '');
  const [provider, setProvider] = useState(price?.provider ?? '');
  const [input, setInput] = useState(String(price?.inputPer1M ?? ''));
  const [output, setOutput] = useState(String(price?.outputPer1M ?? ''));
  const action = useAction();
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (await action.run(() => costApi.putPrice(model, { provider: provider || null, inputPer1M: Number(input), outputPer1M: Number(output) }))) done();
  };
  return (
    <form class="panel-form" onSubmit={(e) => void save(e)} aria-label="Price override">
      <div class="form-grid">
        <Field label="Model">
          <input required value={model} readOnly={!!price} onInput={(e) => setModel(e.currentTarget.value)} />
        </Field>
        <Field label="Provider">
          <input value={provider} onInput={(e) => setProvider(e.currentTarget.value)} />
        </Field>
        <Field label="Input USD per 1M tokens">
          <input type="number" min="0" step="any" required value={input} onInput={(e) => setInput(e.currentTarget.value)} />
        </Field>
        <Field label="Output USD per 1M tokens">
          <input type="number" min="0" step="any" required value={output} onInput={(e) => setOutput(e.currentTarget.value)} />
        </Field>
      </div>
      <p class="muted small">The new price applies from now to calls ingested after it; reprice stored calls with POST /api/admin/cost/reprice.</p>
      {action.error && <ErrorBox error={action.error} />}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={action.busy}>
          Save price
        </button>
        <button type="button" class="secondary" onClick={done}>
          Cancel
        </button>
      </div>
    </form>
  );
}
