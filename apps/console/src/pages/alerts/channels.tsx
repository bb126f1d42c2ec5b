import { useState } from 'preact/hooks';
import { alertsApi, type ChannelInput } from '../../api/alerts';
import type { Channel, ChannelTest, ChannelType } from '../../api/types';
import { Async, Empty, ErrorBox } from '../../components/states';
import { Badge, Card, Field } from '../../components/ui';
import { ms, when } from '../../lib/format';
import { useAction, useApi } from '../../lib/use-api';

export function ChannelsTab() {
  const channels = useApi(() => alertsApi.channels(), []);
  const [editing, setEditing] = useState<Channel | 'new'>();
  const done = (): void => {
    setEditing(undefined);
    channels.reload();
  };
  return (
    <Card
      title="Channels"
      actions={
        !editing && (
          <button type="button" class="primary small" onClick={() => setEditing('new')}>
            New channel
          </button>
        )
      }
    >
      {editing && <ChannelForm channel={editing === 'new' ? undefined : editing} done={done} />}
      <Async loaded={channels} what="Loading channels">
        {(list) =>
          list.length === 0 ? (
            <Empty>No channels. A webhook, Slack or Alertmanager channel receives your rules’ notifications.</Empty>
          ) : (
            <ul class="channel-list">
              {list.map((c) => (
                <ChannelRow channel={c} edit={() => setEditing(c)} changed={channels.reload} />
              ))}
            </ul>
          )
        }
      </Async>
    </Card>
  );
}

function ChannelRow({ channel, edit, changed }: { channel: Channel; edit: () => void; changed: () => void }) {
  const [result, setResult] = useState<ChannelTest>();
  const action = useAction();
  return (
    <li class="channel-item" data-channel-id={channel.id}>
      <div class="alert-main">
        <div>
          <strong>{channel.name}</strong> <Badge value={channel.type} label={channel.type} /> {!channel.enabled && <Badge value="stopped" label="disabled" />}
          <div class="muted small mono">
            {channel.url}
            {channel.hasSecret ? ' · signed' : ''} · created {when(channel.createdAt)}
          </div>
        </div>
        <div class="row-actions">
          <button
            type="button"
            class="primary small"
            disabled={action.busy}
            onClick={() => void action.run(async () => setResult(await alertsApi.testChannel(channel.id)))}
          >
            {action.busy ? 'Testing…' : 'Test'}
          </button>
          <button type="button" class="secondary small" onClick={edit}>
            Edit
          </button>
          <button
            type="button"
            class="danger small"
            onClick={() => {
              if (confirm(`Delete the channel “${channel.name}”?`))
                void action.run(async () => {
                  await alertsApi.deleteChannel(channel.id);
                  changed();
                });
            }}
          >
            Delete
          </button>
        </div>
      </div>
      {result && (
        <div class={`test-result ${result.delivered ? 'ok' : 'bad'}`} role="status" data-testid="channel-test-result">
          {result.delivered ? 'Delivered' : 'Not delivered'} · status {result.statusCode ?? 'none'} · {ms(result.latencyMs)}
          {result.error ? ` · ${result.error}` : ''}
        </div>
      )}
      {action.error && <ErrorBox error={action.error} />}
    </li>
  );
}

function ChannelForm({ channel, done }: { channel?: Channel; done: () => void }) {
  const [name, setName] = useState(channel?.name ?? '');
  const [type, setType] = useState<ChannelType>(channel?.type ?? 'webhook');
  const [url, setUrl] = useState(channel?.url ?? '');
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const action = useAction();
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const body: ChannelInput = { name, type, url, enabled, ...(secret ? { secret } : {}) };
    const ok = await action.run(() =>
      channel ? alertsApi.updateChannel(channel.id, { name, url, enabled, ...(secret ? { secret } : {}) }) : alertsApi.createChannel(body),
    );
    if (ok) done();
  };
  return (
    <form class="panel-form" onSubmit={(e) => void save(e)} aria-label={channel ? 'Edit channel' : 'New channel'}>
      <div class="form-grid">
        <Field label="Name">
          <input name="name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label="Type">
          <select name="type" value={type} disabled={!!channel} onChange={(e) => setType(e.currentTarget.value as ChannelType)}>
            <option value="webhook">Webhook (HMAC signed)</option>
            <option value="slack">Slack</option>
            <option value="alertmanager">Alertmanager</option>
          </select>
        </Field>
        <Field label="URL">
          <input name="url" type="url" required value={url} placeholder="https://hooks.example.com/fleetwatch" onInput={(e) => setUrl(e.currentTarget.value)} />
        </Field>
        {type === 'webhook' && (
          <Field label="Secret" hint={channel?.hasSecret ? 'Leave empty to keep the current one' : 'Signs each body (X-Fleetwatch-Signature)'}>
            <input name="secret" type="password" autocomplete="off" value={secret} onInput={(e) => setSecret(e.currentTarget.value)} />
          </Field>
        )}
        <label class="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> Enabled
        </label>
      </div>
      {action.error && <ErrorBox error={action.error} />}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={action.busy}>
          {channel ? 'Save channel' : 'Create channel'}
        </button>
        <button type="button" class="secondary" onClick={done}>
          Cancel
        </button>
      </div>
    </form>
  );
}
