import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Gauge } from 'prom-client';
import { AGENT_STATUSES } from '@fleetwatch/agents';
import { Clock, getOrCreateGauge, HOUR_MS } from '@fleetwatch/common';
import { FleetGaugesRepository } from '../repositories/fleet-gauges.repository';
import { monthBounds } from '../services/monitoring.service';

type Reader = () => Promise<{ byStatus: Map<string, number>; monthToDateUsd: number }>;

/**
 * The gauges live once on prom-client's global register for the whole process, while the reader
 * belongs to the running application: each app (tests start several) installs its own on init.
 */
let reader: Reader | undefined;

function gauge(name: string, help: string, labelNames: string[], collect: (g: Gauge) => Promise<void>): void {
  getOrCreateGauge({
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
  gauge(
    'fleetwatch_month_to_date_cost_usd',
    'LLM cost of every agent since the start of the UTC month, in USD, as stored per call (priced by token type; complete hours from the hourly rollups).',
    [],
    async (g) => {
      const values = await reader?.().catch(() => undefined);
      if (values) g.set(values.monthToDateUsd);
    },
  );
}

@Injectable()
export class FleetGauges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('FleetGauges');
  private readonly own: Reader = () => this.shared();
  private inFlight?: Promise<{ byStatus: Map<string, number>; monthToDateUsd: number }>;

  constructor(
    private readonly repository: FleetGaugesRepository,
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
    const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    try {
      // Scraped every few seconds: complete hours come from the hourly rollups, only the current hour from raw calls.
      const [byStatus, monthToDateUsd] = await Promise.all([
        this.repository.agentsByStatus(),
        this.repository.monthToDateCostUsd(month.start, hour, month.next),
      ]);
      return { byStatus, monthToDateUsd };
    } catch (error) {
      this.logger.warn(`gauges not refreshed: ${(error as Error).message}`);
      throw error;
    }
  }
}
