import { Injectable, OnModuleInit } from '@nestjs/common';
import { SECOND_MS } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { JobScheduler } from '@fleetwatch/database';
import { DELIVER_JOB, EVALUATE_JOB } from '../alerts.constants';
import { AlertEvaluator } from '../evaluation/alert-evaluator.service';
import { DeliveryService } from '../notify/delivery.service';

/** How often the outbox is polled: a fraction of the evaluation interval, at most every 5 s. */
export const DELIVERY_POLL_MS = 5 * SECOND_MS;

/**
 * Evaluation is exclusive (one replica per tick, under the job's advisory lock); delivery is
 * shared (every replica claims different outbox rows with SKIP LOCKED).
 */
@Injectable()
export class AlertsJobs implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly config: AppConfig,
    private readonly evaluator: AlertEvaluator,
    private readonly delivery: DeliveryService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: EVALUATE_JOB, intervalMs: this.config.alerts.evalIntervalSeconds * SECOND_MS, run: (em) => this.evaluator.tick(em) });
    this.scheduler.register({
      name: DELIVER_JOB,
      intervalMs: Math.min(DELIVERY_POLL_MS, this.config.alerts.evalIntervalSeconds * SECOND_MS),
      mode: 'shared',
      run: (em) => this.delivery.deliverDue(em),
    });
  }
}
