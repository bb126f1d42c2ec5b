import type { Unpriced } from '../../api/types';
import { Link } from '../../components/link';
import { money, num } from '../../lib/format';

const plural = (n: number, one: string, many: string): string => `${num(n, 0)} ${n === 1 ? one : many}`;

/** Fallback-priced calls, per model: their cost is an estimate at COST_FALLBACK_PER_1K, not a price. */
export function UnpricedNotice({ unpriced, fallbackPer1k }: { unpriced: Unpriced; fallbackPer1k: number }) {
  if (unpriced.calls === 0) return null;
  return (
    <div class="notice warn" role="note" data-testid="unpriced">
      <strong>Unpriced: estimated at the fallback rate.</strong> {plural(unpriced.calls, 'call', 'calls')} (
      {plural(unpriced.input_tokens + unpriced.output_tokens, 'token', 'tokens')}) used a model without a known price and{' '}
      {unpriced.calls === 1 ? 'was' : 'were'} costed at {money(fallbackPer1k)} per 1k tokens:
      <ul class="unpriced-models">
        {unpriced.models.map((m) => (
          <li data-model={m.model}>
            <code>{m.model}</code> — {plural(m.calls, 'call', 'calls')}, {plural(m.tokens, 'token', 'tokens')}
          </li>
        ))}
      </ul>
      Set a price in the <Link href="/cost/prices">price catalogue</Link>, then reprice, to replace the estimate.
    </div>
  );
}
