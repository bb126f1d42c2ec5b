import { Principal } from '@fleetwatch/common';
import { ownerScope } from './owner-scope';

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
});
