import { agentsApi } from '../../api/agents';
import { Card } from '../../components/ui';
import { when } from '../../lib/format';
import { useApi } from '../../lib/use-api';

/** The rows are parsed JSON, so a cell is a JSON value. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Row = Record<string, Json>;

const cell = (value: Json | undefined): string =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)
      ? when(value)
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);

function RowsTable({ rows }: { rows: Row[] }) {
  const columns = [...new Set(rows.slice(0, 20).flatMap((r) => Object.keys(r)))].filter((c) => c !== 'agentId').slice(0, 7);
  return (
    <div class="table-wrap">
      <table class="table compact">
        <thead>
          <tr>
            {columns.map((c) => (
              <th>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 20).map((r) => (
            <tr>
              {columns.map((c) => (
                <td>{cell(r[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Runs and conversations: shown only when this server has the routes (they answer 200). */
export function OptionalSections({ agentId }: { agentId: string }) {
  const runs = useApi(() => agentsApi.optional<Row[]>('/api/agents/{id}/runs', `/api/agents/${agentId}/runs`), [agentId]);
  const conversations = useApi(() => agentsApi.optional<Row[]>('/api/agents/{id}/conversations', `/api/agents/${agentId}/conversations`), [agentId]);
  return (
    <>
      {Array.isArray(runs.data) && <Card title="Runs">{runs.data.length ? <RowsTable rows={runs.data} /> : <p class="muted">No runs recorded.</p>}</Card>}
      {Array.isArray(conversations.data) && (
        <Card title="Conversations">
          {conversations.data.length ? <RowsTable rows={conversations.data} /> : <p class="muted">No conversations recorded.</p>}
        </Card>
      )}
    </>
  );
}
