import type { FastifyInstance } from 'fastify';
import { Readable, Transform, TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { encodeStatus } from '../codec/otlp-status.codec';

/** The OTLP receivers: Fleetwatch's own and the Langfuse-compatible one. */
export const OTLP_PATH_PREFIXES = ['/api/otlp/', '/api/public/otel/'] as const;
const isOtlpPath = (url: string): boolean => OTLP_PATH_PREFIXES.some((prefix) => url.startsWith(prefix));
export const PROTOBUF_CONTENT_TYPE = 'application/x-protobuf';

function httpError(message: string, statusCode: number): Error {
  return Object.assign(new Error(message), { statusCode });
}

/** Fails the body read once more than `limit` decompressed bytes came out (zip bombs → 413). */
class OutputLimit extends Transform {
  private seen = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) callback(httpError(`the decompressed body exceeds the limit of ${this.limit} bytes`, 413));
    else callback(null, chunk);
  }
}

/**
 * Gunzips an OTLP request body before Fastify's parsers read it. `receivedEncodedLength` tells
 * Fastify how many bytes came over the wire, so its Content-Length check still holds while its
 * body limit applies to the decompressed bytes.
 */
function gunzipped(payload: Readable, limit: number): Readable {
  const gunzip = createGunzip();
  const out = new OutputLimit(limit) as OutputLimit & { receivedEncodedLength?: number };
  let encoded = 0;
  payload.on('data', (chunk: Buffer) => {
    encoded += chunk.length;
    out.receivedEncodedLength = encoded;
  });
  payload.on('error', (error) => out.destroy(error));
  gunzip.on('error', (error) => out.destroy(httpError(`the gzip body cannot be decompressed: ${error.message}`, 400)));
  out.on('error', () => gunzip.destroy());
  payload.pipe(gunzip).pipe(out);
  return out;
}

/** The message of a JSON error body as the service writes it, or the text itself. */
function errorMessage(payload: string): string {
  try {
    const parsed = JSON.parse(payload) as { message?: string | string[]; error?: string };
    if (Array.isArray(parsed.message)) return parsed.message.join('; ');
    return String(parsed.message ?? parsed.error ?? payload);
  } catch {
    return payload;
  }
}

/**
 * OTLP/HTTP needs three things the other routes do not: a raw-bytes parser for protobuf bodies and
 * Content-Encoding: gzip, and answers in the request's encoding even when it is an error. The hooks
 * only touch the OTLP paths (/api/otlp/, /api/public/otel/), so every other route keeps Fastify's behaviour; the protobuf
 * parser is registered once per Fastify instance.
 */
export function registerOtlpBodyHandling(fastify: FastifyInstance, bodyLimit: number): void {
  if (!fastify.hasContentTypeParser(PROTOBUF_CONTENT_TYPE)) {
    fastify.addContentTypeParser(PROTOBUF_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
  }
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (!isOtlpPath(request.url)) return payload;
    const encoding = String(request.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    if (encoding === 'identity') return payload;
    if (encoding !== 'gzip') throw httpError(`Content-Encoding ${encoding} is not supported: send gzip or no encoding`, 415);
    return gunzipped(payload, bodyLimit);
  });
  // Errors of protobuf requests — from the guard, the service, the body parsers or the gzip hook —
  // leave as a protobuf google.rpc.Status with the same HTTP status and headers (Retry-After kept).
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!isOtlpPath(request.url) || reply.statusCode < 400 || typeof payload !== 'string') return payload;
    const asked = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const sent = String(reply.getHeader('content-type') ?? '');
    if (asked !== PROTOBUF_CONTENT_TYPE || !sent.startsWith('application/json')) return payload;
    void reply.header('content-type', PROTOBUF_CONTENT_TYPE);
    return encodeStatus(reply.statusCode, errorMessage(payload));
  });
}
