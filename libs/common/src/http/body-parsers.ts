import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';
import { JsonLimits, jsonLimitProblem } from './json-limits';

type Done = (error: Error | null, body?: unknown) => void;
export type BufferBodyParser = (request: FastifyRequest, body: Buffer, done: Done) => void;

function badRequest(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400 });
}

/**
 * The application/json parser of every route (OTLP JSON included, after its gzip hook): the
 * limits pre-scan, then Fastify's own parser, so prototype-poisoning protection and its error
 * messages for malformed or empty bodies stay as they were.
 */
export function limitedJsonParser(fastify: FastifyInstance, limits: JsonLimits): BufferBodyParser {
  // Fastify's default JSON parser is the callback form of FastifyBodyParser (it never returns a promise).
  const parseJson = fastify.getDefaultJsonParser('error', 'error') as (request: FastifyRequest, body: string, done: Done) => void;
  return (request, body, done) => {
    const problem = jsonLimitProblem(body, limits);
    if (problem) return done(badRequest(problem));
    parseJson(request, body as unknown as string, done);
  };
}

/**
 * Form bodies, which Nest would otherwise have parsed: no route documents them, but taking over
 * the JSON parser turns Nest's off, and the key cap must hold for them too.
 */
export function limitedFormParser(limits: JsonLimits): BufferBodyParser {
  return (_request, body, done) => {
    const text = body.toString('utf8');
    let pairs = text.length > 0 ? 1 : 0;
    for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) pairs++;
    if (pairs > limits.maxKeys) return done(badRequest(`body has more than ${limits.maxKeys} keys`));
    done(null, { ...parseQueryString(text, '&', '=', { maxKeys: 0 }) });
  };
}
