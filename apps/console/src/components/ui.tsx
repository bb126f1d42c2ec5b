import type { ComponentChildren } from 'preact';

const TONE: Record<string, string> = {
  running: 'ok',
  succeeded: 'ok',
  delivered: 'ok',
  ok: 'ok',
  active: 'ok',
  success: 'ok',
  resolved: 'muted',
  warning: 'warn',
  pending: 'warn',
  in_progress: 'warn',
  deploying: 'warn',
  queued: 'warn',
  acknowledged: 'info',
  info: 'info',
  error: 'bad',
  failed: 'bad',
  firing: 'bad',
  critical: 'bad',
  exceeded: 'bad',
  stopped: 'muted',
  expired: 'muted',
  suppressed: 'muted',
};

export function Badge({ value, label }: { value: string; label?: string }) {
  return <span class={`badge tone-${TONE[value] ?? 'muted'}`}>{label ?? value.replace(/_/g, ' ')}</span>;
}

export function Stat({ label, value, hint }: { label: string; value: ComponentChildren; hint?: ComponentChildren }) {
  return (
    <div class="stat">
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
      {hint !== undefined && <div class="stat-hint">{hint}</div>}
    </div>
  );
}

export function Progress({ percent, status, label }: { percent: number | null; status: string; label: string }) {
  const width = Math.max(0, Math.min(100, percent ?? 0));
  return (
    <div class="progress" role="progressbar" aria-label={label} aria-valuenow={Math.round(width)} aria-valuemin={0} aria-valuemax={100}>
      <div class={`progress-bar tone-${TONE[status] ?? 'ok'}`} style={{ width: `${width}%` }} />
    </div>
  );
}

export function Card({ title, actions, children, id }: { title?: ComponentChildren; actions?: ComponentChildren; children: ComponentChildren; id?: string }) {
  return (
    <section class="card" id={id}>
      {(title !== undefined || actions !== undefined) && (
        <header class="card-head">
          {title !== undefined && <h2>{title}</h2>}
          {actions !== undefined && <div class="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

export function Field({ label, children, hint }: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class="field">
      <span class="field-label">{label}</span>
      {children}
      {hint && <span class="field-hint">{hint}</span>}
    </label>
  );
}

export function Tabs<T extends string>({
  tabs,
  value,
  onChange,
  label,
}: {
  tabs: { id: T; label: string }[];
  value: T;
  onChange: (id: T) => void;
  label: string;
}) {
  return (
    <div class="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button type="button" role="tab" aria-selected={tab.id === value} class={tab.id === value ? 'tab active' : 'tab'} onClick={() => onChange(tab.id)}>
          {tab.label}
        </button>
      ))}
    </div>
  );
}
