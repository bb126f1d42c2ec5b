export const SCOPES = ['ingest', 'monitoring:read', 'agents:write', 'alerts:write'] as const;
export type Scope = (typeof SCOPES)[number];
export type Role = 'user' | 'admin';

/** Who is calling: a user through a JWT (every scope) or one of their API keys (its scopes). */
export interface Principal {
  userId: string;
  role: Role;
  scopes: readonly Scope[];
  via: 'jwt' | 'api_key';
  apiKeyId?: string;
  /** Set when the API key is bound to one agent: its telemetry defaults to, and is limited to, that agent. */
  agentId?: string;
}

export function isAdmin(principal: Principal): boolean {
  return principal.role === 'admin';
}
