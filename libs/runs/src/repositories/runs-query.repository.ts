import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { joinAgents } from '@fleetwatch/agents';
import { ownerCondition, Principal } from '@fleetwatch/common';
import { RUNS_TABLE } from '@fleetwatch/ingest';
import { ConversationRow, RunRow, TOKEN_COLUMNS } from './run-row';

export interface RunFilters {
  status?: string;
  conversationId?: string;
  from?: Date;
  to?: Date;
  minCostUsd?: number;
}

const RUN_COLUMNS = `r.key, r.id, r.agent_id, r.conversation_id, r.name, r.status, r.reported, r.started_at, r.ended_at, r.metadata,
  r.trace_id, r.span_id, r.llm_calls, r.tool_calls, r.errors, ${TOKEN_COLUMNS.map((c) => `r.${c}`).join(', ')},
  r.cost_usd, r.first_call_at, r.last_call_at`;

/** Reads of the runs table behind the runs routes; every statement is bounded by agent and limit. */
@Injectable()
export class RunsQueryRepository {
  constructor(private readonly em: EntityManager) {}

  /** Newest first by (started_at, key); `after` is the last row of the previous page. */
  list(agentId: string, filters: RunFilters, limit: number, after?: { at: Date; key: string }): Promise<RunRow[]> {
    const where = ['r.agent_id = ?'];
    const params: unknown[] = [agentId];
    const add = (condition: string, ...values: unknown[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (filters.status) add('r.status = ?', filters.status);
    if (filters.conversationId !== undefined) add('r.conversation_id = ?', filters.conversationId);
    if (filters.from) add('r.started_at >= ?', filters.from);
    if (filters.to) add('r.started_at < ?', filters.to);
    if (filters.minCostUsd !== undefined) add('r.cost_usd >= ?::numeric', String(filters.minCostUsd));
    if (after) add('(r.started_at, r.key) < (?::timestamptz, ?::uuid)', after.at, after.key);
    return this.em
      .getConnection()
      .execute<RunRow[]>(`select ${RUN_COLUMNS} from ${RUNS_TABLE} r where ${where.join(' and ')} order by r.started_at desc, r.key desc limit ?`, [
        ...params,
        limit,
      ]);
  }

  /** The run by its generated key, when the caller may see its agent. */
  async findByKey(key: string, principal: Principal): Promise<RunRow | null> {
    const owner = ownerCondition(principal, 'a.owner_id');
    const [row] = await this.em
      .getConnection()
      .execute<RunRow[]>(`select ${RUN_COLUMNS} from ${RUNS_TABLE} r ${joinAgents('a', 'r.agent_id')} where r.key = ? and ${owner.sql}`, [
        key,
        ...owner.params,
      ]);
    return row ?? null;
  }

  /** The run by the client's id within an agent, when the caller may see that agent. */
  async findByAgentAndId(agentId: string, id: string, principal: Principal): Promise<RunRow | null> {
    const owner = ownerCondition(principal, 'a.owner_id');
    const [row] = await this.em
      .getConnection()
      .execute<RunRow[]>(`select ${RUN_COLUMNS} from ${RUNS_TABLE} r ${joinAgents('a', 'r.agent_id')} where r.agent_id = ? and r.id = ? and ${owner.sql}`, [
        agentId,
        id,
        ...owner.params,
      ]);
    return row ?? null;
  }

  /**
   * The agent's conversations, latest activity first (ties by conversation id). A conversation's
   * last activity is the latest of its runs' ends, last calls and starts.
   */
  conversations(agentId: string, limit: number, after?: { at: Date; conversationId: string }): Promise<ConversationRow[]> {
    const sums = TOKEN_COLUMNS.map((c) => `sum(r.${c})::text as ${c}`).join(', ');
    return this.em.getConnection().execute<ConversationRow[]>(
      `select * from (
         select r.conversation_id, count(*) as runs, count(*) filter (where r.status = 'running') as running_runs,
           sum(r.llm_calls + r.tool_calls) as steps, sum(r.errors) as errors, ${sums}, sum(r.cost_usd)::text as cost_usd,
           min(r.started_at) as first_activity_at, max(greatest(r.started_at, r.ended_at, r.last_call_at)) as last_activity_at
         from ${RUNS_TABLE} r where r.agent_id = ? and r.conversation_id is not null
         group by r.conversation_id
       ) c
       ${after ? 'where (c.last_activity_at, c.conversation_id) < (?::timestamptz, ?)' : ''}
       order by c.last_activity_at desc, c.conversation_id desc limit ?`,
      after ? [agentId, after.at, after.conversationId, limit] : [agentId, limit],
    );
  }
}
