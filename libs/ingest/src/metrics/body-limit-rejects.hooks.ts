import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { IngestMetrics } from './ingest.metrics';

/** Fastify refuses oversized bodies before any handler runs; count those ingest rejects here. */
@Injectable()
export class BodyLimitRejects implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('onError', async (request, _reply, error) => {
      if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' && request.url.startsWith('/api/ingest')) {
        IngestMetrics.rejected('body_too_large');
      }
    });
  }
}
