import { authApi } from '../../api/auth';
import type { Role } from '../../api/types';
import { Async, ErrorBox } from '../../components/states';
import { Card } from '../../components/ui';
import { when } from '../../lib/format';
import { useMe } from '../../lib/me';
import { useAction, useApi } from '../../lib/use-api';

export function UsersTab() {
  const me = useMe();
  const users = useApi(() => authApi.listUsers(), []);
  const action = useAction();
  return (
    <Card title="Users and roles">
      {action.error && <ErrorBox error={action.error} />}
      <Async loaded={users} what="Loading users">
        {(list) => (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Email</th>
                  <th>Role</th>
                  <th>Plan</th>
                  <th>Joined</th>
                </tr>
              </thead>
              <tbody>
                {list.map((u) => (
                  <tr>
                    <td class="strong">
                      {u.username}
                      {u.id === me.id && <span class="muted"> (you)</span>}
                    </td>
                    <td>{u.email}</td>
                    <td>
                      <select
                        aria-label={`Role of ${u.username}`}
                        value={u.role}
                        disabled={action.busy || u.id === me.id}
                        onChange={(e) => {
                          const role = e.currentTarget.value as Role;
                          void action.run(async () => {
                            await authApi.updateUser(u.id, { role });
                            users.reload();
                          });
                        }}
                      >
                        <option value="user">user</option>
                        <option value="admin">admin</option>
                      </select>
                    </td>
                    <td>
                      <input
                        class="small-input"
                        aria-label={`Plan of ${u.username}`}
                        defaultValue={u.plan ?? ''}
                        placeholder="none"
                        disabled={action.busy}
                        onChange={(e) => {
                          const plan = e.currentTarget.value.trim() || null;
                          void action.run(async () => {
                            await authApi.updateUser(u.id, { plan });
                            users.reload();
                          });
                        }}
                      />
                    </td>
                    <td>{when(u.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
    </Card>
  );
}
