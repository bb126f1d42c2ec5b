import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AlertsQueryService } from '@fleetwatch/alerts';
import { Clock, isAdmin, Principal } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { JobRun, JobScheduler } from '@fleetwatch/database';
import { DatabaseHealthDto, JobHealthDto, MonitoringHealthDto, NotificationHealthDto } from '../dto/monitoring-health.dto';
import { within } from '../health/within';
import { MonitoringHealthRepository } from '../repositories/monitoring-health.repository';

const DATABASE_TIMEOUT_MS = 1000;
const noAnswer = `no answer within ${DATABASE_TIMEOUT_MS} ms`;

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** What a non-admin sees instead of a job's error text (which can quote SQL, table names, values). */
export const JOB_FAILED_REASON = 'last run failed';
/** What a non-admin sees instead of the driver's message (which can name hosts and ports). */
export const DATABASE_DOWN_REASON = 'database unreachable';

/**
 * Component status for operators. The database is down when its ping fails or takes over 1 s;
 * a job is down when its last run failed or it is more than two intervals late (from job_runs, which
 * every replica shares, so an API-only replica reports a stalled worker); notifications are down
 * when the outbox cannot be counted. Any component down → 503 with the same body. Error texts are
 * for admins; other callers get a generic reason, since the health report is open to every user.
 */
@Injectable()
export class MonitoringHealthService {
  constructor(
    private readonly repository: MonitoringHealthRepository,
    private readonly scheduler: JobScheduler,
    private readonly alerts: AlertsQueryService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async check(principal: Principal): Promise<MonitoringHealthDto> {
    const now = this.clock.now();
    const detailed = isAdmin(principal);
    const database = await this.database();
    if (!detailed && database.error !== undefined) database.error = DATABASE_DOWN_REASON;
    const rows = database.status === 'up' ? await this.jobRuns().catch(() => [] as JobRun[]) : [];
    const jobs = this.jobs(rows, now, detailed);
    const notifications = database.status === 'up' ? await this.notifications() : { status: 'down', backlog: null };
    const down = database.status === 'down' || notifications.status === 'down' || jobs.some((j) => j.status === 'late' || j.status === 'failing');
    const report: MonitoringHealthDto = { status: down ? 'down' : 'ok', checkedAt: now.toISOString(), database, jobs, notifications };
    if (down) throw new ServiceUnavailableException(report);
    return report;
  }

  private async database(): Promise<DatabaseHealthDto> {
    const t0 = performance.now();
    try {
      await within(DATABASE_TIMEOUT_MS, this.repository.ping(), noAnswer);
      return { status: 'up', latencyMs: Math.round((performance.now() - t0) * 1000) / 1000 };
    } catch (error) {
      return { status: 'down', latencyMs: null, error: (error as Error).message };
    }
  }

  private async notifications(): Promise<NotificationHealthDto> {
    try {
      return { status: 'up', backlog: await within(DATABASE_TIMEOUT_MS, this.alerts.backlogCount(), noAnswer) };
    } catch {
      return { status: 'down', backlog: null };
    }
  }

  private jobRuns(): Promise<JobRun[]> {
    return within(DATABASE_TIMEOUT_MS, this.repository.jobRuns(), noAnswer);
  }

  private jobs(rows: JobRun[], now: Date, detailed: boolean): JobHealthDto[] {
    const byName = new Map(rows.map((r) => [r.name, r]));
    const names = [...new Set([...this.scheduler.names(), ...byName.keys()])].sort();
    return names.map((name) => {
      const row = byName.get(name);
      const intervalMs = this.scheduler.definition(name)?.intervalMs ?? row?.intervalMs ?? null;
      const startedAt = row?.lastStartedAt ? new Date(row.lastStartedAt) : null;
      const lagMs = startedAt && intervalMs !== null ? Math.max(0, now.getTime() - startedAt.getTime() - intervalMs) : null;
      let status: string;
      if (!row) status = this.config.jobs.enabled ? 'pending' : 'disabled';
      else if (row.lastError) status = 'failing';
      // job_runs is shared by the replicas: an API-only replica (JOBS_ENABLED=false) still sees a stalled worker.
      else if (lagMs !== null && intervalMs !== null && lagMs > 2 * intervalMs) status = 'late';
      else status = 'ok';
      return {
        name,
        status,
        intervalMs,
        lastStartedAt: iso(startedAt),
        lastFinishedAt: iso(row?.lastFinishedAt ?? null),
        // Number(): the entity's double column may hydrate as a string; the report has always carried a number.
        lastDurationMs: row?.lastDurationMs == null ? null : Number(row.lastDurationMs),
        lastError: row?.lastError ? (detailed ? row.lastError : JOB_FAILED_REASON) : null,
        lagMs,
        runs: Number(row?.runs ?? 0),
        failures: Number(row?.failures ?? 0),
      };
    });
  }
}
