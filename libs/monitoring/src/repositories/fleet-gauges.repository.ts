import { ROLLUP_LLM_TABLE } from '@fleetwatch/rollups';
import { LLM_CALLS_TABLE } from '@fleetwatch/ingest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AGENTS_TABLE } from '@fleetwatch/agents';

/** The two scrape-time reads behind the fleet gauges, each on its own forked connection. */
@Injectable()
export class FleetGaugesRepository {
  constructor(private readonly em: EntityManager) {}

  async agentsByStatus(): Promise<Map<string, number>> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ status: string; n: string }[]>(`select status, count(*) as n from ${AGENTS_TABLE} group by status`);
    return new Map(rows.map((s) => [s.status, Number(s.n)]));
  }

  /** Every agent's LLM cost: complete hours in [monthStart, hour) from the hourly rollups, [hour, monthEnd) from raw calls. */
  async monthToDateCostUsd(monthStart: Date, hour: Date, monthEnd: Date): Promise<number> {
    const [row] = await this.em
      .fork()
      .getConnection()
      .execute<{ usd: string | null }[]>(
        `select coalesce((select sum(cost_usd) from ${ROLLUP_LLM_TABLE} where hour >= ? and hour < ?), 0)
            + coalesce((select sum(cost_usd) from ${LLM_CALLS_TABLE} where ts >= ? and ts < ?), 0) as usd`,
        [monthStart, hour, hour, monthEnd],
      );
    return Number(row?.usd ?? 0);
  }
}
