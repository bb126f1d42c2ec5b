import { OpenAPIObject } from '@nestjs/swagger';
import { AgentsErrorCode } from '@fleetwatch/agents';
import { AlertsErrorCode } from '@fleetwatch/alerts';
import { AnalyticsErrorCode } from '@fleetwatch/analytics';
import { AuthErrorCode } from '@fleetwatch/auth';
import { HttpErrorCode } from '@fleetwatch/common';
import { CostErrorCode } from '@fleetwatch/cost';
import { ExportsErrorCode } from '@fleetwatch/database';
import { IngestErrorCode } from '@fleetwatch/ingest';
import { MetricsErrorCode } from '@fleetwatch/metrics';
import { OtlpErrorCode } from '@fleetwatch/otlp';
import { RunsErrorCode } from '@fleetwatch/runs';

/** Every stable error code a client can receive, grouped by the lib that raises it. */
export const ERROR_CODES: Record<string, readonly string[]> = {
  http: Object.values(HttpErrorCode),
  agents: Object.values(AgentsErrorCode),
  alerts: Object.values(AlertsErrorCode),
  analytics: Object.values(AnalyticsErrorCode),
  auth: Object.values(AuthErrorCode),
  cost: Object.values(CostErrorCode),
  exports: Object.values(ExportsErrorCode),
  ingest: Object.values(IngestErrorCode),
  metrics: Object.values(MetricsErrorCode),
  otlp: Object.values(OtlpErrorCode),
  runs: Object.values(RunsErrorCode),
};

/** Adds the error body schema, with the full list of codes, to the OpenAPI document. */
export function documentErrorCodes(document: OpenAPIObject): OpenAPIObject {
  const codes = [...new Set(Object.values(ERROR_CODES).flat())].sort();
  document.components = document.components ?? {};
  document.components.schemas = {
    ...document.components.schemas,
    ErrorResponse: {
      type: 'object',
      required: ['statusCode', 'error', 'code', 'message'],
      properties: {
        statusCode: { type: 'integer', example: 404 },
        error: { type: 'string', example: 'Not Found' },
        code: {
          type: 'string',
          enum: codes,
          description: 'Stable machine-readable reason; the message is for people and may change.',
          example: 'agent_not_found',
        },
        message: {
          oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
          description: 'A sentence, or one message per invalid field (code validation_failed).',
        },
        errorId: { type: 'string', description: 'Only on 500: the id under which the server logged the failure.' },
      },
    },
  };
  const byLib = Object.entries(ERROR_CODES)
    .map(([lib, list]) => `${lib}: ${list.map((c) => `\`${c}\``).join(', ')}`)
    .join('; ');
  document.info.description = `${document.info.description ?? ''} Error codes by area — ${byLib}.`;
  return document;
}
