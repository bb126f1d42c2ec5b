import { useState } from 'preact/hooks';
import { costApi } from '../../api/cost';
import type { UsagePeriod } from '../../api/types';
import { Link } from '../../components/link';
import { Async, ErrorBox } from '../../components/states';
import { Badge, Card, Progress, Stat } from '../../components/ui';
import { day, money, num, percent, tokens } from '../../lib/format';
import { useAction, useApi } from '../../lib/use-api';
import { RecentRequests } from './recent-requests';

const PERIODS: { id: UsagePeriod; label: string }[] = [
  { id: 'current', label: 'This month' },
  { id: 'last_30_days', label: 'Last 30 days' },
  { id: 'all_time', label: 'All time' },
];

export function UsageTab() {
  const [period, setPeriod] = useState<UsagePeriod>('current');
  const aggregate = useApi(() => costApi.aggregate(period), [period]);
  const costs = useApi(() => costApi.costs(period === 'all_time' ? 'last_30_days' : period), [period]);
  const exporting = useAction();
  const end = new Date();
  const start = new Date(end.getTime() - 30 * 86400_000);
  return (
    <>
      <div class="toolbar">
        <label>
          Period{' '}
          <select value={period} onChange={(e) => setPeriod(e.currentTarget.value as UsagePeriod)}>
            {PERIODS.map((p) => (
              <option value={p.id}>{p.label}</option>
            ))}
          </select>
        </label>
        <span class="spacer" />
        <button type="button" class="secondary small" disabled={exporting.busy} onClick={() => void exporting.run(() => costApi.exportUsage('csv', period))}>
          Download CSV
        </button>
        <button
          type="button"
          class="secondary small"
          disabled={exporting.busy}
          onClick={() => void exporting.run(() => costApi.exportLlmCalls('xlsx', start.toISOString(), end.toISOString()))}
        >
          Download XLSX (30 d of LLM calls)
        </button>
      </div>
      {exporting.error && <ErrorBox error={exporting.error} />}
      <Async loaded={aggregate} what="Loading usage">
        {(u) => (
          <>
            <div class="stats">
              <Stat label="Cost" value={money(u.costUsd)} />
              <Stat label="Requests" value={num(u.requests)} hint={`${num(u.failedRequests)} failed`} />
              <Stat label="Tokens" value={tokens(u.totalTokens)} hint={`${tokens(u.inputTokens)} in · ${tokens(u.outputTokens)} out`} />
              {costs.data && (
                <Stat
                  label="Month-end projection"
                  value={money(costs.data.projection.projectedMonthUsd)}
                  hint={`${money(costs.data.projection.dailyRateUsd)} a day`}
                />
              )}
            </div>
            <Card title="Budgets this month">
              {u.budget.agents.length === 0 ? (
                <p class="muted">No agent has a budget. Set one on an agent’s page.</p>
              ) : (
                <>
                  <div class="budget-line">
                    <strong>{money(u.budget.monthToDateUsd)}</strong> <span class="muted">of {money(u.budget.monthlyUsd)} across budgeted agents</span>{' '}
                    <Badge value={u.budget.status} />
                  </div>
                  <Progress percent={u.budget.percentUsed} status={u.budget.status} label="All budgets used" />
                  <ul class="budget-bars">
                    {u.budget.agents.map((b) => (
                      <li>
                        <div class="budget-line">
                          <Link href={`/agents/${b.agentId}`}>
                            {costs.data?.byAgent.find((a) => a.agentId === b.agentId)?.name ?? `agent …${b.agentId.slice(-8)}`}
                          </Link>{' '}
                          <span class="muted">
                            {money(b.monthToDateUsd)} of {money(b.monthlyUsd)} · {percent(b.percentUsed)}
                          </span>{' '}
                          <Badge value={b.status} />
                        </div>
                        <Progress percent={b.percentUsed} status={b.status} label="Budget used" />
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Card>
          </>
        )}
      </Async>
      <Async loaded={costs} what="Loading the breakdown">
        {(c) => (
          <>
            {period === 'all_time' && <p class="muted small">The breakdown covers the last 30 days.</p>}
            <div class="grid-2">
              <Card title="By model">
                <table class="table compact">
                  <thead>
                    <tr>
                      <th>Model</th>
                      <th class="num">Requests</th>
                      <th class="num">Tokens</th>
                      <th class="num">Cost</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.byModel.map((m) => (
                      <tr>
                        <td>
                          {m.model} <span class="muted">{m.provider ?? ''}</span>
                        </td>
                        <td class="num">{num(m.requests)}</td>
                        <td class="num">{tokens(m.inputTokens + m.outputTokens)}</td>
                        <td class="num">{money(m.costUsd)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
              <Card title="By agent">
                <table class="table compact">
                  <thead>
                    <tr>
                      <th>Agent</th>
                      <th class="num">Requests</th>
                      <th class="num">Tokens</th>
                      <th class="num">Cost</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.byAgent.map((a) => (
                      <tr>
                        <td>
                          <Link href={`/agents/${a.agentId}`}>{a.name}</Link>
                        </td>
                        <td class="num">{num(a.requests)}</td>
                        <td class="num">{tokens(a.totalTokens)}</td>
                        <td class="num">{money(a.costUsd)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
            </div>
            <Card title="By day">
              <table class="table compact">
                <thead>
                  <tr>
                    <th>Day (UTC)</th>
                    <th class="num">Requests</th>
                    <th class="num">Tokens</th>
                    <th class="num">Cost</th>
                  </tr>
                </thead>
                <tbody>
                  {c.byDay.map((d) => (
                    <tr>
                      <td>{day(d.date)}</td>
                      <td class="num">{num(d.requests)}</td>
                      <td class="num">{tokens(d.totalTokens)}</td>
                      <td class="num">{money(d.costUsd)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </>
        )}
      </Async>
      <RecentRequests />
    </>
  );
}
