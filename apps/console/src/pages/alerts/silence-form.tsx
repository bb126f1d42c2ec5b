import { useState } from 'preact/hooks';
import { alertsApi } from '../../api/alerts';
import type { Severity } from '../../api/types';
import { ErrorBox } from '../../components/states';
import { Field } from '../../components/ui';
import { useAction } from '../../lib/use-api';

const HOURS = [1, 4, 24, 24 * 7];

export function SilenceForm({ initial, done }: { initial: { ruleId?: string; agentId?: string; severity?: Severity }; done: (created: boolean) => void }) {
  const [hours, setHours] = useState(4);
  const [comment, setComment] = useState('');
  const action = useAction();
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    const endsAt = new Date(Date.now() + hours * 3600_000).toISOString();
    if (await action.run(() => alertsApi.createSilence({ matchers: initial, endsAt, comment }))) done(true);
  };
  return (
    <form class="form-row inset" onSubmit={(e) => void save(e)}>
      <Field label="Mute for">
        <select value={hours} onChange={(e) => setHours(Number(e.currentTarget.value))}>
          {HOURS.map((h) => (
            <option value={h}>{h < 24 ? `${h} h` : `${h / 24} d`}</option>
          ))}
        </select>
      </Field>
      <Field label="Why">
        <input required value={comment} placeholder="Maintenance window" onInput={(e) => setComment(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="primary small" disabled={action.busy}>
        Create silence
      </button>
      <button type="button" class="secondary small" onClick={() => done(false)}>
        Cancel
      </button>
      {action.error && <ErrorBox error={action.error} />}
    </form>
  );
}
