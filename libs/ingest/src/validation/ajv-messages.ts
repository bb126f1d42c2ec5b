import type { ErrorObject } from 'ajv';
import { METRIC_TYPE_PATTERN, TIMESTAMP_PATTERN, UUID_PATTERN } from './ingest.schema';
import { SAFE_TEXT_PATTERN, UNSAFE_TEXT_PROBLEM } from './text-safety';

/** `/samples/3/value` → `samples[3].value`, the way clients write the path. */
export function itemPath(pointer: string, child?: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(seg) ? `[${seg}]` : out ? `.${seg}` : seg;
  }
  if (child !== undefined) out += out ? `.${child}` : child;
  return out || 'body';
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a finite number',
  integer: 'an integer',
  string: 'a string',
  object: 'an object',
  array: 'an array',
};

const PATTERN_WORDS: Record<string, string> = {
  [UUID_PATTERN]: 'must be a UUID',
  [TIMESTAMP_PATTERN]: 'must be an ISO 8601 date-time with a time zone (e.g. 2026-01-31T12:00:00Z)',
  [METRIC_TYPE_PATTERN]: `must match ${METRIC_TYPE_PATTERN}`,
  [SAFE_TEXT_PATTERN]: UNSAFE_TEXT_PROBLEM,
};

/** One client-facing sentence per Ajv error, naming the item path. */
export function describeAjvError(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${itemPath(e.instancePath, String(p.missingProperty))} is required`;
    case 'additionalProperties':
      return `${itemPath(e.instancePath, String(p.additionalProperty))} is not an allowed property`;
    case 'type':
      return `${itemPath(e.instancePath)} must be ${TYPE_WORDS[String(p.type)] ?? String(p.type)}`;
    case 'enum':
      return `${itemPath(e.instancePath)} must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'pattern':
      return `${itemPath(e.instancePath)} ${PATTERN_WORDS[String(p.pattern)] ?? `must match ${String(p.pattern)}`}`;
    case 'minimum':
      return `${itemPath(e.instancePath)} must be >= ${String(p.limit)}`;
    case 'maximum':
      return `${itemPath(e.instancePath)} must be <= ${String(p.limit)}`;
    case 'minLength':
      return `${itemPath(e.instancePath)} must not be empty`;
    case 'maxLength':
      return `${itemPath(e.instancePath)} must be at most ${String(p.limit)} characters`;
    default:
      return `${itemPath(e.instancePath)} ${e.message ?? 'is invalid'}`;
  }
}
