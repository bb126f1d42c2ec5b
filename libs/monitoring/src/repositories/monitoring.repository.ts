import { LLM_CALLS_TABLE } from '@fleetwatch/ingest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AGENTS_TABLE } from '@fleetwatch/agents';
import { isAdmin, Principal } from '@fleetwatch/common';

export interface AgentCountsRow {
  total: string;
  running: string;
  stopped: string;
  error: string;
}

export interface FleetRow {
  id: string;
  name: string;
  status: string;
  status_changed_at: Date;
  last_sample_at: Date | null;
  monthly_usd: string | null;
  soft_threshold_pct: string | null;
  paused_month: string | null;
  month_cost: string | null;
}

export interface ApiRequestRow {
  method: string;
  route: string;
  status: number;
  duration_ms: number;
  ts: Date;
}

/** Owner filter on `agents a`, or none for admins; returns the SQL fragment and its parameters. */
export function agentScope(principal: Principal, alias = 'a'): { sql: string; params: unknown[] } {
  return isAdmin(principal) ? { sql: 'true', params: [] } : { sql: `${alias}.owner_id = ?`, params: [principal.userId] };
}

/** Hand-written reads behind the seed 004 monitoring routes. */
@Injectable()
export class MonitoringRepository {
  constructor(private readonly em: EntityManager) {}

  async agentCounts(principal: Principal): Promise<AgentCountsRow> {
    const scope = agentScope(principal);
    const [row] = await this.em.getConnection().execute<AgentCountsRow[]>(
      `select count(*) as total,
              count(*) filter (where a.status = 'running') as running,
              count(*) filter (where a.status = 'stopped') as stopped,
              count(*) filter (where a.status in ('error', 'warning')) as error
       from ${AGENTS_TABLE} a where ${scope.sql}`,
      scope.params,
    );
    return row;
  }

  /** Every visible agent with its budget and, when it has one, its cost in [monthStart, nextMonth). */
  fleet(principal: Principal, monthStart: Date, nextMonth: Date): Promise<FleetRow[]> {
    const scope = agentScope(principal);
    return this.em.getConnection().execute<FleetRow[]>(
      `select a.id, a.name, a.status, a.status_changed_at, a.last_sample_at,
              b.monthly_usd, b.soft_threshold_pct, to_char(b.paused_month, 'YYYY-MM-DD') as paused_month, c.cost as month_cost
       from ${AGENTS_TABLE} a
       left join agent_budgets b on b.agent_id = a.id
       left join lateral (
         select sum(l.cost_usd) as cost from ${LLM_CALLS_TABLE} l
         where b.agent_id is not null and l.agent_id = a.id and l.ts >= ? and l.ts < ?
       ) c on true
       where ${scope.sql}
       order by a.name, a.id`,
      [monthStart, nextMonth, ...scope.params],
    );
  }

  /** The caller's own requests (admins: everyone's), newest first. */
  requests(principal: Principal, since: Date, limit: number): Promise<ApiRequestRow[]> {
    const owner = isAdmin(principal) ? '' : 'and user_id = ?';
    return this.em.getConnection().execute<ApiRequestRow[]>(
      `select method, route, status, duration_ms, ts from api_requests
       where ts >= ? ${owner} order by ts desc, id desc limit ?`,
      isAdmin(principal) ? [since, limit] : [since, principal.userId, limit],
    );
  }
}
