import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { getOrCreateGauge, removeMetrics } from '@fleetwatch/common';
import { SEVERITIES } from '../alerts.constants';
import { AlertsQueryService } from '../services/alerts-query.service';

const OPEN = 'fleetwatch_alerts_open';
const BACKLOG = 'fleetwatch_alert_deliveries_pending';
const logger = new Logger('AlertsMetrics');

/**
 * Several app instances can live in one process (tests start replicas) while the registry is
 * global: the gauges are registered once and read through the newest instance still running.
 */
const live: AlertsQueryService[] = [];
const current = (): AlertsQueryService | undefined => live[live.length - 1];

function registerGauges(): void {
  getOrCreateGauge({
    name: OPEN,
    help: 'Open alerts (pending, firing or acknowledged) by severity, read from the database at scrape time.',
    labelNames: ['severity'],
    async collect() {
      const query = current();
      if (!query) return;
      try {
        const counts = await query.openBySeverity();
        for (const severity of SEVERITIES) this.set({ severity }, counts[severity] ?? 0);
      } catch (error) {
        logger.warn(`cannot read open alerts: ${(error as Error).message}`);
      }
    },
  });
  getOrCreateGauge({
    name: BACKLOG,
    help: 'Notification outbox rows waiting to be sent, read from the database at scrape time.',
    async collect() {
      const query = current();
      if (!query) return;
      try {
        this.set(await query.backlogCount());
      } catch (error) {
        logger.warn(`cannot read the outbox backlog: ${(error as Error).message}`);
      }
    },
  });
}

@Injectable()
export class AlertsMetrics implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly query: AlertsQueryService) {}

  onModuleInit(): void {
    live.push(this.query);
    registerGauges();
  }

  onModuleDestroy(): void {
    const index = live.indexOf(this.query);
    if (index >= 0) live.splice(index, 1);
    if (live.length === 0) {
      removeMetrics(OPEN, BACKLOG);
    }
  }
}
