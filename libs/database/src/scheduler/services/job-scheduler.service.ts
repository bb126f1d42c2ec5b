import { MikroORM, RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '@fleetwatch/config';
import { Clock } from '@fleetwatch/common';
import { JobLockService } from './job-lock.service';
import { JobRun } from '../entities/job-run.entity';

export interface JobOutcome {
  name: string;
  durationMs: number;
  /** false when another replica held the job's lock and this tick was skipped. */
  ran: boolean;
  error?: Error;
}

export interface JobDefinition {
  name: string;
  intervalMs: number;
  /**
   * `exclusive` (default): one replica at a time, through an advisory lock; the body gets the
   * transaction's EntityManager. `shared`: every replica runs it (the body claims its own work).
   */
  mode?: 'exclusive' | 'shared';
  /** Also run once as the application starts (in the background, when JOBS_ENABLED). */
  runOnStart?: boolean;
  run: (em: EntityManager) => Promise<unknown>;
}

type Listener = (outcome: JobOutcome) => void;

/**
 * Registers interval jobs with @nestjs/schedule when JOBS_ENABLED, runs each tick in a fresh
 * MikroORM context, never overlaps a job with itself in one process, and records every run in
 * `job_runs` (shared by replicas). Tests call `runNow(name)` with an injected clock instead.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly running = new Set<string>();
  private readonly listeners: Listener[] = [];
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly locks: JobLockService,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  register(job: JobDefinition): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} registered twice`);
    this.jobs.set(job.name, job);
    if (!this.config.jobs.enabled) return;
    const timer = setInterval(() => void this.runNow(job.name).catch(() => undefined), job.intervalMs);
    timer.unref();
    this.registry.addInterval(`fleetwatch:${job.name}`, timer);
  }

  /** Metrics and monitoring subscribe here. */
  onOutcome(listener: Listener): void {
    this.listeners.push(listener);
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  definition(name: string): JobDefinition | undefined {
    return this.jobs.get(name);
  }

  async runNow(name: string): Promise<JobOutcome> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job ${name}`);
    if (this.stopped || this.running.has(name)) return { name, durationMs: 0, ran: false };
    this.running.add(name);
    const started = this.clock.now();
    const t0 = performance.now();
    let outcome: JobOutcome;
    try {
      const ran = await RequestContext.create(this.orm.em, async () => {
        if (job.mode === 'shared') {
          await job.run(this.orm.em.fork() as EntityManager);
          return true;
        }
        return (await this.locks.runExclusive(name, (em) => job.run(em))).ran;
      });
      outcome = { name, durationMs: performance.now() - t0, ran };
    } catch (error) {
      outcome = { name, durationMs: performance.now() - t0, ran: true, error: error as Error };
      this.logger.error(`job ${name} failed: ${(error as Error).message}`);
    } finally {
      this.running.delete(name);
    }
    if (outcome.ran) await this.record(job, started, outcome).catch(() => undefined);
    for (const listener of this.listeners) listener(outcome);
    if (outcome.error) throw outcome.error;
    return outcome;
  }

  onApplicationBootstrap(): void {
    if (!this.config.jobs.enabled) return;
    // Not awaited: start-up must not wait on (or fail with) a database that is slow right now.
    for (const job of this.jobs.values()) if (job.runOnStart) void this.runNow(job.name).catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const name of this.jobs.keys()) {
      if (this.registry.doesExist('interval', `fleetwatch:${name}`)) this.registry.deleteInterval(`fleetwatch:${name}`);
    }
  }

  private async record(job: JobDefinition, started: Date, outcome: JobOutcome): Promise<void> {
    await this.orm.em
      .fork()
      .getRepository(JobRun)
      .record({
        name: job.name,
        intervalMs: job.intervalMs,
        startedAt: started,
        finishedAt: this.clock.now(),
        durationMs: outcome.durationMs,
        error: outcome.error?.message ?? null,
      });
  }
}
