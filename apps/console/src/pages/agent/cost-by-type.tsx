import { costApi } from '../../api/cost';
import type { AgentCostModel } from '../../api/types';
import { Async, Empty } from '../../components/states';
import { Card } from '../../components/ui';
import { money, num } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { CostParts } from './cost-parts';
import { UnpricedNotice } from './unpriced-notice';

const DAYS = 30;
const count = (value: number): string => num(value, 0);

/** How a row was priced: a real price (whose, which catalogue version), a client-sent cost or the fallback estimate. */
function PricedBy({ row }: { row: AgentCostModel }) {
  if (row.rate_source === 'fallback') return <span class="chip warn">fallback estimate</span>;
  if (row.rate_source === 'client') return <span class="chip">client-sent</span>;
  return (
    <span class="chip" title="Price source">
      {row.price_source ?? 'price'}
      {row.price_version ? ` ${row.price_version}` : ''}
    </span>
  );
}

function ModelRow({ row, media }: { row: AgentCostModel; media: boolean }) {
  const mediaTokens = row.audio_input_tokens + row.audio_output_tokens + row.image_input_tokens;
  return (
    <>
      <tr data-model={row.model} data-rate-source={row.rate_source}>
        <td>
          <span class="strong">{row.model}</span>
          <div class="muted small" data-col="provider">
            {row.provider ?? 'provider unknown'}
          </div>
        </td>
        <td class="num" data-col="calls">
          {count(row.calls)}
        </td>
        <td class="num" data-col="input">
          {count(row.input_tokens)}
        </td>
        <td class="num" data-col="cache-read">
          {count(row.cache_read_input_tokens)}
        </td>
        <td
          class="num"
          data-col="cache-write"
          title={`5-minute entries ${count(row.cache_creation_5m_input_tokens)} · 1-hour entries ${count(row.cache_creation_1h_input_tokens)}`}
        >
          {count(row.cache_creation_input_tokens)}
        </td>
        <td class="num" data-col="output">
          {count(row.output_tokens)}
        </td>
        <td class="num" data-col="reasoning">
          {count(row.reasoning_output_tokens)}
        </td>
        {media && (
          <td
            class="num"
            data-col="media"
            title={`audio in ${count(row.audio_input_tokens)} · audio out ${count(row.audio_output_tokens)} · image ${count(row.image_input_tokens)}`}
          >
            {count(mediaTokens)}
          </td>
        )}
        <td data-col="priced-by">
          <PricedBy row={row} />
        </td>
        <td class="num strong" data-col="cost">
          {money(row.token_cost)}
        </td>
      </tr>
      {row.costs_by_type && (
        <tr class="sub-row">
          <td colSpan={media ? 10 : 9}>
            <CostParts parts={row.costs_by_type} />
          </td>
        </tr>
      )}
    </>
  );
}

/** GET /api/agents/:id/cost: the last 30 days by model, with every token type and how each row was priced. */
export function CostByType({ agentId }: { agentId: string }) {
  const cost = useApi(() => costApi.agentCostDays(agentId, DAYS), [agentId]);
  return (
    <Card
      title="Cost by token type"
      id="cost-by-type"
      actions={<span class="muted small">Last {DAYS} days · cache and reasoning tokens are parts of input and output</span>}
    >
      <Async loaded={cost} what="Loading cost">
        {(c) => {
          const rows = c.cost_details.tokens.models;
          if (rows.length === 0) return <Empty>No LLM calls in the last {DAYS} days.</Empty>;
          const media = rows.some((r) => r.audio_input_tokens + r.audio_output_tokens + r.image_input_tokens > 0);
          return (
            <>
              <UnpricedNotice unpriced={c.cost_details.tokens.unpriced} fallbackPer1k={c.cost_details.tokens.fallback_per_1k} />
              <div class="table-wrap">
                <table class="table compact" data-testid="cost-by-type">
                  <thead>
                    <tr>
                      <th>Model</th>
                      <th class="num">Calls</th>
                      <th class="num">Input</th>
                      <th class="num">Cache read</th>
                      <th class="num">Cache write</th>
                      <th class="num">Output</th>
                      <th class="num">Reasoning</th>
                      {media && <th class="num">Audio / image</th>}
                      <th>Priced by</th>
                      <th class="num">Cost</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <ModelRow row={row} media={media} />
                    ))}
                  </tbody>
                  <tfoot>
                    <tr data-testid="cost-total">
                      <td class="strong">Total</td>
                      <td class="num">{count(rows.reduce((s, r) => s + r.calls, 0))}</td>
                      <td class="num">{count(c.input_tokens)}</td>
                      <td colSpan={2} />
                      <td class="num">{count(c.output_tokens)}</td>
                      <td colSpan={media ? 3 : 2} />
                      <td class="num strong" data-col="cost">
                        {money(c.token_cost)}
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </>
          );
        }}
      </Async>
    </Card>
  );
}
