import { agentScopeSql } from './agent-scope.sql';

describe('agentScopeSql', () => {
  it('adds an agent-owner condition only when scoped', () => {
    const params: unknown[] = [];
    expect(agentScopeSql('agent_id', undefined, params)).toBe('');
    expect(agentScopeSql('agent_id', 'u1', params)).toBe(' and agent_id in (select id from agents where owner_id = ?)');
    expect(params).toEqual(['u1']);
  });
});
