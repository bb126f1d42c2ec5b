import { Principal } from '@fleetwatch/common';
import { agentScopeSql, ownerScope } from './owner-scope';

const user: Principal = { userId: 'u1', role: 'user', scopes: [], via: 'jwt' };
const admin: Principal = { userId: 'a1', role: 'admin', scopes: [], via: 'jwt' };

describe('ownerScope', () => {
  it('keeps users to themselves and lets admins pick anyone or everyone', () => {
    expect(ownerScope(user)).toBe('u1');
    expect(ownerScope(user, 'u1')).toBe('u1');
    expect(() => ownerScope(user, 'u2')).toThrow('user_id may only name yourself');
    expect(ownerScope(admin)).toBeUndefined();
    expect(ownerScope(admin, 'u2')).toBe('u2');
  });

  it('adds an agent-owner condition only when scoped', () => {
    const params: unknown[] = [];
    expect(agentScopeSql('agent_id', undefined, params)).toBe('');
    expect(agentScopeSql('agent_id', 'u1', params)).toBe(' and agent_id in (select id from agents where owner_id = ?)');
    expect(params).toEqual(['u1']);
  });
});
