import type { FastifyInstance } from 'fastify';

/**
 * Routes anyone may call without credentials. Their bodies are a few credentials, so a small limit
 * keeps an anonymous caller from making the process validate megabytes of keys (class-validator's
 * whitelist walks every key: a 5 MB body of 1,000-key objects costs seconds of CPU).
 */
const ANONYMOUS_BODY_ROUTES = new Set(['/api/auth/register', '/api/auth/login']);
export const ANONYMOUS_BODY_LIMIT_BYTES = 64 * 1024;

/** Must run before the routes are registered (configureApp runs before init/listen). */
export function limitAnonymousBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    if (ANONYMOUS_BODY_ROUTES.has(route.url)) route.bodyLimit = ANONYMOUS_BODY_LIMIT_BYTES;
  });
}
