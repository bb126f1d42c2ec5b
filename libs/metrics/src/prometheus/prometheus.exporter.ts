import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { ensureDefaultMetrics, getOrCreateCounter, getOrCreateHistogram, metricsExposition } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { JobScheduler } from '@fleetwatch/database';

export const PROMETHEUS_PATH = '/metrics';

/**
 * `GET /metrics`: the global prom-client registry in text exposition, with process metrics, HTTP
 * timings by route pattern (a Fastify onResponse hook, so unmatched URLs never explode the label
 * set), and scheduled job runs. Mounted on Fastify directly: `/api/metrics` is a seed route, and
 * Nest's prefix exclusion matches paths, not controllers, so a Nest route here would move it.
 * Other libs register their own metrics on the same global registry.
 */
@Injectable()
export class PrometheusExporter implements OnModuleInit {
  private readonly httpDuration = getOrCreateHistogram({
    name: 'fleetwatch_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  private readonly jobRuns = getOrCreateCounter({
    name: 'fleetwatch_job_runs_total',
    help: 'Scheduled job ticks by job and outcome (ok, error, skipped when another replica held the lock).',
    labelNames: ['job', 'outcome'] as const,
  });
  private readonly jobDuration = getOrCreateHistogram({
    name: 'fleetwatch_job_duration_seconds',
    help: 'Duration of scheduled job runs.',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
  });

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
    private readonly scheduler: JobScheduler,
  ) {}

  onModuleInit(): void {
    ensureDefaultMetrics();
    this.scheduler.onOutcome((outcome) => {
      const result = !outcome.ran ? 'skipped' : outcome.error ? 'error' : 'ok';
      this.jobRuns.inc({ job: outcome.name, outcome: result });
      if (outcome.ran) this.jobDuration.observe({ job: outcome.name }, outcome.durationMs / 1000);
    });
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      const route = request.routeOptions?.url ?? 'unmatched';
      this.httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    fastify.get(PROMETHEUS_PATH, async (request, reply) => {
      if (!this.authorized(request.headers.authorization)) {
        return reply
          .code(401)
          .header('WWW-Authenticate', 'Bearer')
          .send({ statusCode: 401, error: 'Unauthorized', message: 'A valid METRICS_TOKEN bearer token is required' });
      }
      const { body, contentType } = await metricsExposition();
      return reply.code(200).header('Content-Type', contentType).send(body);
    });
  }

  private authorized(header: string | undefined): boolean {
    const token = this.config.server.metricsToken;
    if (!token) return true;
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match) return false;
    const given = Buffer.from(match[1].trim());
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
