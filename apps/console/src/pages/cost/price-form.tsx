import { useState } from 'preact/hooks';
import { costApi } from '../../api/cost';
import type { ModelPrice } from '../../api/types';
import { ErrorBox } from '../../components/states';
import { Field } from '../../components/ui';
import { useAction } from '../../lib/use-api';

/** Admins: PUT /api/cost/models/:model writes a new price version from effectiveFrom (history kept). */
export function PriceForm({ price, done }: { price?: ModelPrice; done: () => void }) {
  const [model, setModel] = useState(price?.model ?? '');
  const [provider, setProvider] = useState(price?.provider ?? '');
  const [input, setInput] = useState(String(price?.inputPer1M ?? ''));
  const [output, setOutput] = useState(String(price?.outputPer1M ?? ''));
  // An override keeps the cache rates it replaces unless changed: without them cache tokens would be billed as input.
  const [cacheRead, setCacheRead] = useState(String(price?.cacheReadPer1M ?? ''));
  const [write5m, setWrite5m] = useState(String(price?.cacheWrite5mPer1M ?? ''));
  const [write1h, setWrite1h] = useState(String(price?.cacheWrite1hPer1M ?? ''));
  const action = useAction();
  const optional = (text: string): number | null => (text.trim() === '' ? null : Number(text));
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const body = {
      provider: provider || null,
      inputPer1M: Number(input),
      outputPer1M: Number(output),
      cacheReadPer1M: optional(cacheRead),
      cacheWrite5mPer1M: optional(write5m),
      cacheWrite1hPer1M: optional(write1h),
    };
    if (await action.run(() => costApi.putPrice(model, body))) done();
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
        <Field label="Cache read USD per 1M" hint="Empty: billed as input">
          <input type="number" min="0" step="any" value={cacheRead} onInput={(e) => setCacheRead(e.currentTarget.value)} />
        </Field>
        <Field label="Cache write 5m USD per 1M" hint="Empty: billed as input">
          <input type="number" min="0" step="any" value={write5m} onInput={(e) => setWrite5m(e.currentTarget.value)} />
        </Field>
        <Field label="Cache write 1h USD per 1M" hint="Empty: the 5-minute rate">
          <input type="number" min="0" step="any" value={write1h} onInput={(e) => setWrite1h(e.currentTarget.value)} />
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
