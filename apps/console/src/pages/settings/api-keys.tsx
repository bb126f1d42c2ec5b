import { useState } from 'preact/hooks';
import { authApi } from '../../api/auth';
import type { CreatedApiKey, Scope } from '../../api/types';
import { CopyButton } from '../../components/copy-button';
import { Async, Empty, ErrorBox } from '../../components/states';
import { Card, Field } from '../../components/ui';
import { ago, when } from '../../lib/format';
import { useAction, useApi } from '../../lib/use-api';

const SCOPES: { id: Scope; label: string }[] = [
  { id: 'ingest', label: 'ingest — send telemetry' },
  { id: 'monitoring:read', label: 'monitoring:read — read everything' },
  { id: 'agents:write', label: 'agents:write — create and change agents' },
  { id: 'alerts:write', label: 'alerts:write — manage rules and alerts' },
];

export function ApiKeysTab() {
  const keys = useApi(() => authApi.listKeys(), []);
  const [created, setCreated] = useState<CreatedApiKey>();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['ingest']);
  const action = useAction();
  const create = async (e: Event): Promise<void> => {
    e.preventDefault();
    await action.run(async () => {
      setCreated(await authApi.createKey(name, scopes));
      setName('');
      keys.reload();
    });
  };
  return (
    <>
      <Card title="Create an API key">
        <form class="panel-form" onSubmit={(e) => void create(e)} aria-label="Create an API key">
          <div class="form-grid">
            <Field label="Name">
              <input name="key-name" required value={name} placeholder="support-bot production" onInput={(e) => setName(e.currentTarget.value)} />
            </Field>
          </div>
          <fieldset class="channels-pick">
            <legend>Scopes</legend>
            {SCOPES.map((s) => (
              <label class="check">
                <input
                  type="checkbox"
                  value={s.id}
                  checked={scopes.includes(s.id)}
                  onChange={(e) => setScopes(e.currentTarget.checked ? [...scopes, s.id] : scopes.filter((x) => x !== s.id))}
                />{' '}
                {s.label}
              </label>
            ))}
          </fieldset>
          {action.error && <ErrorBox error={action.error} />}
          <div class="form-actions">
            <button type="submit" class="primary" disabled={action.busy || scopes.length === 0}>
              Create key
            </button>
          </div>
        </form>
        {created && (
          <div class="secret-once" role="status" data-testid="new-key">
            <p>
              <strong>Copy this key now.</strong> It is shown only once; Fleetwatch keeps only its hash.
            </p>
            <div class="secret-row">
              <code data-testid="new-key-value">{created.key}</code>
              <CopyButton text={created.key} />
            </div>
            <button type="button" class="link" onClick={() => setCreated(undefined)}>
              I have stored it
            </button>
          </div>
        )}
      </Card>
      <Card title="Your keys">
        <Async loaded={keys} what="Loading keys">
          {(list) =>
            list.length === 0 ? (
              <Empty>No API keys yet.</Empty>
            ) : (
              <div class="table-wrap">
                <table class="table" id="api-keys">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th>Prefix</th>
                      <th>Scopes</th>
                      <th>Created</th>
                      <th>Last used</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((k) => (
                      <tr data-key-id={k.id}>
                        <td class="strong">{k.name}</td>
                        <td class="mono">fw_{k.prefix}_…</td>
                        <td>
                          {k.scopes.map((s) => (
                            <span class="chip">{s}</span>
                          ))}
                        </td>
                        <td>{when(k.createdAt)}</td>
                        <td>{ago(k.lastUsedAt)}</td>
                        <td>
                          <button
                            type="button"
                            class="danger small"
                            disabled={action.busy}
                            onClick={() => {
                              if (confirm(`Revoke “${k.name}”? Clients using it fail at once.`))
                                void action.run(async () => {
                                  await authApi.revokeKey(k.id);
                                  keys.reload();
                                });
                            }}
                          >
                            Revoke
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Async>
      </Card>
    </>
  );
}
