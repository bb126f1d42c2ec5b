import { useState } from 'preact/hooks';
import { costApi } from '../../api/cost';
import type { Budget } from '../../api/types';
import { ErrorBox, Loading } from '../../components/states';
import { Badge, Card, Field, Progress } from '../../components/ui';
import { money, percent } from '../../lib/format';
import { useAction, useApi } from '../../lib/use-api';

/**
 * The agent's monthly budget. It is read from the usage aggregate's budget list (null: none set)
 * rather than GET /api/agents/:id/budget, whose 404 for "no budget" would be a browser console error.
 */
export function BudgetPanel({ agentId }: { agentId: string }) {
  const budget = useApi(async () => (await costApi.aggregate('current')).budget.agents.find((b) => b.agentId === agentId) ?? null, [agentId]);
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title="Budget"
      actions={
        budget.data !== undefined &&
        !editing && (
          <button type="button" class="secondary small" onClick={() => setEditing(true)}>
            {budget.data ? 'Change' : 'Set a budget'}
          </button>
        )
      }
    >
      {budget.error ? (
        <ErrorBox error={budget.error} onRetry={budget.reload} />
      ) : budget.data === undefined ? (
        <Loading />
      ) : editing ? (
        <BudgetForm
          agentId={agentId}
          current={budget.data}
          done={() => {
            setEditing(false);
            budget.reload();
          }}
        />
      ) : budget.data === null ? (
        <p class="muted">No monthly budget. Set one to be warned at a threshold and, with a hard cap, to stop the agent.</p>
      ) : (
        <BudgetView b={budget.data} />
      )}
    </Card>
  );
}

function BudgetView({ b }: { b: Budget }) {
  return (
    <div>
      <div class="budget-line">
        <strong>{money(b.monthToDateUsd)}</strong> <span class="muted">of {money(b.monthlyUsd)} this month</span> <Badge value={b.status} />
      </div>
      <Progress percent={b.percentUsed} status={b.status} label="Budget used" />
      <p class="muted small">
        {percent(b.percentUsed)} used · warning at {b.softThresholdPct}% · {b.hardCap ? 'hard cap: the agent stops at 100%' : 'no hard cap'}
        {b.pausedThisMonth ? ' · paused this month' : ''}
      </p>
    </div>
  );
}

function BudgetForm({ agentId, current, done }: { agentId: string; current: Budget | null; done: () => void }) {
  const [monthly, setMonthly] = useState(String(current?.monthlyUsd ?? 100));
  const [soft, setSoft] = useState(String(current?.softThresholdPct ?? 80));
  const [hardCap, setHardCap] = useState(current?.hardCap ?? false);
  const action = useAction();
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (await action.run(() => costApi.putBudget(agentId, { monthlyUsd: Number(monthly), softThresholdPct: Number(soft), hardCap }))) done();
  };
  return (
    <form class="form-row" onSubmit={(e) => void save(e)}>
      <Field label="Monthly USD">
        <input type="number" min="0" step="0.01" required value={monthly} onInput={(e) => setMonthly(e.currentTarget.value)} />
      </Field>
      <Field label="Warn at %">
        <input type="number" min="1" max="100" required value={soft} onInput={(e) => setSoft(e.currentTarget.value)} />
      </Field>
      <label class="check">
        <input type="checkbox" checked={hardCap} onChange={(e) => setHardCap(e.currentTarget.checked)} /> Hard cap
      </label>
      <button type="submit" class="primary small" disabled={action.busy}>
        Save
      </button>
      <button type="button" class="secondary small" onClick={done}>
        Cancel
      </button>
      {action.error && <ErrorBox error={action.error} />}
    </form>
  );
}
