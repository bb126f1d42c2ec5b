import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { AGENT_STATUSES } from '@fleetwatch/agents';
import { Clock } from '@fleetwatch/common';
import { monthBounds } from '../overview/monitoring.service';

type Reader = () => Promise<{ byStatus: Map<string, number>; monthToDateUsd: number }>;

/**
 * The gauges live once on prom-client's global register for the whole process, while the reader
 * belongs to the running application: each app (tests start several) installs its own on init.
 */
let reader: Reader | undefined;

function gauge(name: string, help: string, labelNames: string[], collect: (g: Gauge) => Promise<void>): void {
  if (register.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames,
    async collect() {
      await collect(this);
    },
  });
}

function ensureGauges(): void {
  gauge('fleetwatch_agents', 'Agents by status (scraped from the database).', ['status'], async (g) => {
    const values = await reader?.().catch(() => undefined);
    if (!values) return;
    for (const status of AGENT_STATUSES) g.set({ status }, values.byStatus.get(status) ?? 0);
  });
  gauge('fleetwatch_month_to_date_cost_usd', 'LLM cost of every agent since the start of the UTC month, in USD (complete hours from the hourly rollups).', [], async (g) => {
    const values = await reader?.().catch(() => undefined);
    if (values) g.set(values.monthToDateUsd);
  });
}

@Injectable()
export class FleetGauges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('FleetGauges');
  private readonly own: Reader = () => this.shared();
  private inFlight?: Promise<{ byStatus: Map<string, number>; monthToDateUsd: number }>;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    ensureGauges();
    reader = this.own;
  }

  onModuleDestroy(): void {
    if (reader === this.own) reader = undefined;
  }

  /** Both gauges are collected in one scrape: they share one read. */
  private shared(): Promise<{ byStatus: Map<string, number>; monthToDateUsd: number }> {
    this.inFlight ??= this.read().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  async read(): Promise<{ byStatus: Map<string, number>; monthToDateUsd: number }> {
    const now = this.clock.now();
    const month = monthBounds(now);
    const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    const connection = this.em.fork().getConnection();
    try {
      // Scraped every few seconds: complete hours come from the hourly rollups, only the current hour from raw calls.
      const [statuses, cost] = await Promise.all([
        connection.execute<{ status: string; n: string }[]>(`select status, count(*) as n from agents group by status`),
        connection.execute<{ usd: string | null }[]>(
          `select coalesce((select sum(cost_usd) from rollup_llm_hourly where hour >= ? and hour < ?), 0)
                + coalesce((select sum(cost_usd) from llm_calls where ts >= ? and ts < ?), 0) as usd`,
          [month.start, hour, hour, month.next],
        ),
      ]);
      return { byStatus: new Map(statuses.map((s) => [s.status, Number(s.n)])), monthToDateUsd: Number(cost[0]?.usd ?? 0) };
    } catch (error) {
      this.logger.warn(`gauges not refreshed: ${(error as Error).message}`);
      throw error;
    }
  }
}
