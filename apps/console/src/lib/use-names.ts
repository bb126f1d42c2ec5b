import { agentsApi } from '../api/agents';
import { authApi } from '../api/auth';
import type { Agent, User } from '../api/types';
import { useApi } from './use-api';

/** Agent names for ids in alert, rule and silence rows (the caller's agents; admins: all). */
export function useAgents() {
  return useApi<Agent[]>(() => agentsApi.list(), []);
}

export function agentName(agents: Agent[] | undefined, id: string | null | undefined): string {
  if (!id) return 'every agent';
  return agents?.find((a) => a.id === id)?.name ?? `agent …${id.slice(-8)}`;
}

/** Admins can name every user who acted; others see their own name and short ids. */
export function useUserNames(me: User) {
  return useApi(async () => {
    if (me.role !== 'admin') return new Map<string, string>();
    const users = await authApi.listUsers().catch(() => []);
    return new Map(users.map((u) => [u.id, u.username]));
  }, [me.id, me.role]);
}
