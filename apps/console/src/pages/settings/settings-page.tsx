import { Tabs } from '../../components/ui';
import { useMe } from '../../lib/me';
import { navigate } from '../../lib/router';
import { ApiKeysTab } from './api-keys';
import { UsersTab } from './users';

export function SettingsPage({ tab }: { tab?: string }) {
  const me = useMe();
  const current = tab === 'users' && me.role === 'admin' ? 'users' : 'keys';
  const tabs = [{ id: 'keys' as const, label: 'API keys' }, ...(me.role === 'admin' ? [{ id: 'users' as const, label: 'Users and roles' }] : [])];
  return (
    <>
      <div class="page-head">
        <h1>Settings</h1>
        <span class="muted">Signed in as {me.email}</span>
      </div>
      <Tabs label="Settings sections" value={current} tabs={tabs} onChange={(id) => navigate(id === 'keys' ? '/settings' : `/settings/${id}`)} />
      {current === 'keys' ? <ApiKeysTab /> : <UsersTab />}
    </>
  );
}
