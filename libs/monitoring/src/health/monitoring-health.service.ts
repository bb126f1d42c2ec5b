import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AlertsQueryService } from '@fleetwatch/alerts';
import { Clock, isAdmin, Principal } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { JobScheduler } from '@fleetwatch/database';
import { DatabaseHealthDto, JobHealthDto, MonitoringHealthDto, NotificationHealthDto } from '../dto/monitoring-health.dto';

const DATABASE_TIMEOUT_MS = 1000;

interface JobRunRow {
  name: string;
  interval_ms: number;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_duration_ms: number | null;
  last_error: string | null;
  runs: string;
  failures: string;
}

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** What a non-admin sees instead of a job's error text (which can quote SQL, table names, values). */
export const JOB_FAILED_REASON = 'last run failed';
/** What a non-admin sees instead of the driver's message (which can name hosts and ports). */
export const DATABASE_DOWN_REASON = 'database unreachable';

/**
 * Component status for operators. The database is down when `select 1` fails or takes over 1 s;
 * a job is down when its last run failed or it is more than two intervals late (from job_runs, which
 * every replica shares, so an API-only replica reports a stalled worker); notifications are down
 * when the outbox cannot be counted. Any component down → 503 with the same body. Error texts are
 * for admins; other callers get a generic reason, since the health report is open to every user.
 */
@Injectable()
export class MonitoringHealthService {
  constructor(
    private readonly em: EntityManager,
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
    const rows = database.status === 'up' ? await this.jobRuns().catch(() => [] as JobRunRow[]) : [];
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
      await within(DATABASE_TIMEOUT_MS, this.em.fork().getConnection().execute('select 1'));
      return { status: 'up', latencyMs: Math.round((performance.now() - t0) * 1000) / 1000 };
    } catch (error) {
      return { status: 'down', latencyMs: null, error: (error as Error).message };
    }
  }

  private async notifications(): Promise<NotificationHealthDto> {
    try {
      return { status: 'up', backlog: await within(DATABASE_TIMEOUT_MS, this.alerts.backlogCount()) };
    } catch {
      return { status: 'down', backlog: null };
    }
  }

  private jobRuns(): Promise<JobRunRow[]> {
    return within(
      DATABASE_TIMEOUT_MS,
      this.em
        .fork()
        .getConnection()
        .execute<JobRunRow[]>(`select name, interval_ms, last_started_at, last_finished_at, last_duration_ms, last_error, runs, failures from job_runs order by name`),
    );
  }

  private jobs(rows: JobRunRow[], now: Date, detailed: boolean): JobHealthDto[] {
    const byName = new Map(rows.map((r) => [r.name, r]));
    const names = [...new Set([...this.scheduler.names(), ...byName.keys()])].sort();
    return names.map((name) => {
      const row = byName.get(name);
      const intervalMs = this.scheduler.definition(name)?.intervalMs ?? row?.interval_ms ?? null;
      const startedAt = row?.last_started_at ? new Date(row.last_started_at) : null;
      const lagMs = startedAt && intervalMs !== null ? Math.max(0, now.getTime() - startedAt.getTime() - intervalMs) : null;
      let status: string;
      if (!row) status = this.config.jobs.enabled ? 'pending' : 'disabled';
      else if (row.last_error) status = 'failing';
      // job_runs is shared by the replicas: an API-only replica (JOBS_ENABLED=false) still sees a stalled worker.
      else if (lagMs !== null && intervalMs !== null && lagMs > 2 * intervalMs) status = 'late';
      else status = 'ok';
      return {
        name,
        status,
        intervalMs,
        lastStartedAt: iso(startedAt),
        lastFinishedAt: iso(row?.last_finished_at ?? null),
        lastDurationMs: row?.last_duration_ms ?? null,
        lastError: row?.last_error ? (detailed ? row.last_error : JOB_FAILED_REASON) : null,
        lagMs,
        runs: Number(row?.runs ?? 0),
        failures: Number(row?.failures ?? 0),
      };
    });
  }
}
