import { RouteConfig } from '@nestjs/platform-fastify';

/** Route-config key the exception filter reads for a route's own body on unexpected failures. */
export const FAILURE_BODY = 'fleetwatchFailureBody';

/**
 * A route whose contract (a seed) prescribes its own body for an unexpected failure, e.g. seed 000's
 * `{error: 'Failed to fetch metrics', metrics: {}}`. Client errors, domain errors and database
 * outages keep the project's body, so only a would-be 500 changes.
 */
export function FailureBody(body: Record<string, unknown>): MethodDecorator {
  return RouteConfig({ [FAILURE_BODY]: body });
}
