import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { joinAgents } from '@fleetwatch/agents';
import { Principal } from '@fleetwatch/common';
import { RUNS_TABLE } from '@fleetwatch/ingest';
import { agentScope } from './monitoring.repository';

export interface RunawayRunRow {
  agent_id: string;
  id: string;
  name: string | null;
  steps: number;
  started_at: Date;
  /** How many of the agent's open runs are past a limit (this one included). */
  runaways: string;
}

/** Runs still running past a step or age limit, for the fleet roll-up's `runaway_run` reason. */
@Injectable()
export class RunawayRunsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Per visible agent, its oldest open run past `maxSteps` steps or started before `startedBefore`,
   * with the count of such runs. Reads only open runs (a partial index holds them).
   */
  find(principal: Principal, maxSteps: number, startedBefore: Date): Promise<RunawayRunRow[]> {
    const scope = agentScope(principal);
    return this.em.getConnection().execute<RunawayRunRow[]>(
      `select distinct on (x.agent_id) x.agent_id, x.id, x.name, x.llm_calls + x.tool_calls as steps, x.started_at,
              count(*) over (partition by x.agent_id) as runaways
       from ${RUNS_TABLE} x ${joinAgents('a', 'x.agent_id')}
       where x.status = 'running' and (x.llm_calls + x.tool_calls > ? or x.started_at < ?) and ${scope.sql}
       order by x.agent_id, x.started_at, x.id`,
      [maxSteps, startedBefore, ...scope.params],
    );
  }
}
