import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Clock, Principal } from '@fleetwatch/common';
import { RequestLogBuffer } from './request-log.buffer';

/** Requests that matched no route are recorded under one name, so URLs never become route names. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Records every request once its response is finished (Fastify `onResponse`), so guards' 401/403,
 * filters' errors and 404s are all seen, and the response has already left when the entry is taken.
 */
@Injectable()
export class RequestLogHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly buffer: RequestLogBuffer,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!instance || typeof instance.addHook !== 'function') return;
    instance.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      this.buffer.record({
        userId: (request as FastifyRequest & { user?: Principal }).user?.userId ?? null,
        method: request.method,
        route: request.routeOptions?.url ?? UNMATCHED_ROUTE,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
        ts: this.clock.now(),
      });
      done();
    });
  }
}
