import { Attributes, AttributeValue } from '../codec/otlp-model';

/** Agent id attributes, strongest first (see resolveAgentId). */
export const FLEETWATCH_AGENT_ID = 'fleetwatch.agent.id';
export const GEN_AI_AGENT_ID = 'gen_ai.agent.id';

/** Longest text Fleetwatch keeps from an attribute (model, provider, tool, error type). */
const MAX_TEXT = 200;

export function text(attributes: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, MAX_TEXT);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  }
  return undefined;
}

/** A non-negative integer count (tokens); strings of digits are accepted, anything else ignored. */
export function count(attributes: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value: AttributeValue | undefined = attributes[key];
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
    if (n !== undefined && Number.isFinite(n) && n >= 0) return Math.round(n);
  }
  return undefined;
}

/**
 * The agent a span or data point belongs to. `fleetwatch.agent.id` is set deliberately for
 * Fleetwatch, so it wins (item first, then resource); `gen_ai.agent.id` is a fallback because
 * instrumentations often fill it with a framework's own agent id, which is no Fleetwatch agent.
 */
export function resolveAgentId(item: Attributes, resource: Attributes): string | undefined {
  return text(item, FLEETWATCH_AGENT_ID) ?? text(resource, FLEETWATCH_AGENT_ID) ?? text(item, GEN_AI_AGENT_ID) ?? text(resource, GEN_AI_AGENT_ID);
}

export function nanosToIso(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString();
}

/** A finite non-negative number (durations); strings of a number are accepted. */
export function amount(attributes: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = attributes[key];
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : undefined;
    if (n !== undefined && Number.isFinite(n) && n >= 0) return n;
  }
  return undefined;
}

/** An object attribute, or a JSON object sent as a string (Langfuse's usage_details). */
export function jsonObject(attributes: Attributes, key: string): Record<string, AttributeValue> | undefined {
  let value: AttributeValue | undefined = attributes[key];
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as AttributeValue;
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/** Span duration in milliseconds (0 when the clock went backwards). */
export function spanDurationMs(startNs: bigint, endNs: bigint): number {
  const ns = endNs - startNs;
  return ns > 0n ? Number(ns) / 1e6 : 0;
}
