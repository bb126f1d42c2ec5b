import { Tabs } from '../../components/ui';
import { useMe } from '../../lib/me';
import { navigate } from '../../lib/router';
import { AlertHistoryTab } from './alert-history';
import { AlertsDashboardTab } from './alerts-dashboard';
import { ChannelsTab } from './channels';
import { DeliveriesTab } from './deliveries';
import { OpenAlertsTab } from './open-alerts';
import { RulesTab } from './rules';
import { SilencesTab } from './silences';

const TABS = [
  { id: 'open', label: 'Open' },
  { id: 'history', label: 'History' },
  { id: 'silences', label: 'Silences' },
  { id: 'rules', label: 'Rules' },
  { id: 'channels', label: 'Channels' },
  { id: 'deliveries', label: 'Deliveries' },
  { id: 'dashboard', label: 'MTTA / MTTR' },
] as const;
type Tab = (typeof TABS)[number]['id'];

export function AlertsPage({ tab }: { tab?: string }) {
  const me = useMe();
  const current: Tab = TABS.some((t) => t.id === tab) ? (tab as Tab) : 'open';
  return (
    <>
      <div class="page-head">
        <h1>Alerts</h1>
        <span class="muted">{me.role === 'admin' ? 'Everyone’s alerts, rules and channels' : 'Your alerts, rules and channels'}</span>
      </div>
      <Tabs label="Alerts sections" tabs={[...TABS]} value={current} onChange={(id) => navigate(id === 'open' ? '/alerts' : `/alerts/${id}`)} />
      {current === 'open' && <OpenAlertsTab />}
      {current === 'history' && <AlertHistoryTab />}
      {current === 'silences' && <SilencesTab />}
      {current === 'rules' && <RulesTab />}
      {current === 'channels' && <ChannelsTab />}
      {current === 'deliveries' && <DeliveriesTab />}
      {current === 'dashboard' && <AlertsDashboardTab />}
    </>
  );
}
