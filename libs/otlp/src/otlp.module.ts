import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '@fleetwatch/config';
import { AgentsModule } from '@fleetwatch/agents';
import { IngestModule } from '@fleetwatch/ingest';
import { registerOtlpBodyHandling } from './http/otlp-body.hooks';
import { LangfuseOtelController } from './controllers/langfuse-otel.controller';
import { OtlpController } from './controllers/otlp.controller';
import { OtlpUnmappedController } from './controllers/otlp-unmapped.controller';
import { OtlpJobs } from './jobs/otlp.jobs';
import { OtlpUnmappedRepository } from './repositories/otlp-unmapped.repository';
import { OtlpUnmappedService } from './services/otlp-unmapped.service';
import { OtlpAdmission } from './services/otlp-admission.service';
import { OtlpAgentOwners } from './services/otlp-agent-owners.service';
import { OtlpExportService } from './services/otlp-export.service';

/** OTLP/HTTP receivers for traces and metrics (and Langfuse's traces path), writing through the ingest batch path. */
@Module({
  imports: [AgentsModule, IngestModule],
  controllers: [OtlpController, LangfuseOtelController, OtlpUnmappedController],
  providers: [OtlpExportService, OtlpAgentOwners, OtlpAdmission, OtlpUnmappedRepository, OtlpUnmappedService, OtlpJobs],
})
export class OtlpModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.<FastifyInstance>();
    if (typeof fastify?.addHook === 'function') registerOtlpBodyHandling(fastify, this.config.server.bodyLimitBytes);
  }
}
