import { request } from './client';
import type { ApiKey, CreatedApiKey, Role, Scope, Token, User } from './types';

export const authApi = {
  login: (email: string, password: string) => request<Token>('/api/auth/login', { method: 'POST', body: { email, password }, anonymous: true }),
  register: (email: string, password: string, username: string) =>
    request<User>('/api/auth/register', { method: 'POST', body: { email, password, username }, anonymous: true }),
  me: () => request<User>('/api/auth/me'),
  /** Whether this server accepts sign-ups (served by the API process beside the console). */
  consoleConfig: () => request<{ signupEnabled: boolean }>('/console-config.json', { anonymous: true }),
  listKeys: () => request<ApiKey[]>('/api/auth/api-keys'),
  createKey: (name: string, scopes: Scope[], agentId?: string) =>
    request<CreatedApiKey>('/api/auth/api-keys', { method: 'POST', body: { name, scopes, agentId } }),
  revokeKey: (id: string) => request<void>(`/api/auth/api-keys/${id}`, { method: 'DELETE' }),
  listUsers: (limit = 500) => request<User[]>('/api/admin/users', { query: { limit } }),
  updateUser: (id: string, body: { role?: Role; plan?: string | null }) => request<User>(`/api/admin/users/${id}`, { method: 'PATCH', body }),
};
