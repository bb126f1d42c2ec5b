import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { User } from '../api/types';

/** The signed-in user, provided by the app shell to every page. */
export const MeContext = createContext<User | undefined>(undefined);

export function useMe(): User {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in page');
  return me;
}

/** "you" for the caller's own id, else a short form of the id (alerts record who acted by user id). */
export function whoIs(id: string | null | undefined, me: User, names?: Map<string, string>): string {
  if (!id) return '—';
  if (id === me.id) return `${me.username} (you)`;
  if (id === 'system') return 'system';
  return names?.get(id) ?? `user …${id.slice(-8)}`;
}
