/** OpenAPI texts of the OTLP routes: the mapping a client can rely on. */
const COMMON =
  'OTLP/HTTP 1.x. Body: `application/x-protobuf` (the official opentelemetry-proto messages) or `application/json` (OTLP JSON: ' +
  'hex trace ids, int64 as strings, enums as integers, lowerCamelCase names), optionally `Content-Encoding: gzip`; the body limit ' +
  '(BODY_LIMIT_MB) applies after decompression (413). The answer uses the request’s encoding. 200 with an empty message when all ' +
  'was accepted; 200 with `partialSuccess` naming the count and reasons of refused items, the rest being stored; 400 for an ' +
  'undecodable body (not retried by exporters); 429 (more than OTLP_MAX_IN_FLIGHT exports at once) and 503 (database unreachable) ' +
  'with Retry-After. Agent: span or data-point attribute `fleetwatch.agent.id`, else resource `fleetwatch.agent.id`, else ' +
  '`gen_ai.agent.id` (item, then resource) — `fleetwatch.agent.id` wins because instrumentations often put a framework’s own id ' +
  'into `gen_ai.agent.id`. Items with no agent, or an agent that is unknown or not the caller’s (admins: any), are refused in ' +
  'partialSuccess. Items then pass the same checks and the same batch writer as POST /api/ingest (timestamps within raw ' +
  'retention and at most 5 minutes ahead; agents’ last_seen_at set).';

export const TRACES_DESCRIPTION =
  COMMON +
  ' Mapping (OpenTelemetry GenAI conventions): a span with `gen_ai.operation.name` chat, text_completion, generate_content or ' +
  'embeddings → an LLM call: model = `gen_ai.request.model`, else `gen_ai.response.model`, else "unknown"; provider = ' +
  '`gen_ai.provider.name`, else `gen_ai.system`; inputTokens = `gen_ai.usage.input_tokens`, else `gen_ai.usage.prompt_tokens`, ' +
  'else 0; outputTokens = `gen_ai.usage.output_tokens`, else `gen_ai.usage.completion_tokens`, else 0; latencyMs = (end − start) ' +
  'in ms; status error when the span status is ERROR or `error.type` is set (errorType = `error.type`, else the status message); ' +
  'traceId = the span’s trace id in hex; timestamp = the span’s end. Cost is computed at ingest from the model price in force at ' +
  'that timestamp (else COST_FALLBACK_PER_1K). `execute_tool` spans → tool calls (tool = `gen_ai.tool.name`, else the span name ' +
  'without "execute_tool "; durationMs = end − start). Other spans are accepted and ignored (counted in ' +
  'fleetwatch_otlp_items_total{outcome="ignored"}).';

export const METRICS_DESCRIPTION =
  COMMON +
  ' Mapping to samples (timestamp = the point’s time): `gen_ai.client.token.usage` histogram → `gen_ai.client.token.usage.input` ' +
  'and `.output`: the points’ `sum` added up per `gen_ai.token.type` (metadata: count, temporality); ' +
  '`gen_ai.client.operation.duration` histogram → `gen_ai.client.operation.duration` = Σsum / Σcount × 1000 (mean in ms; unit ' +
  '`s`, or `ms` taken as is); `process.cpu.utilization` / `system.cpu.utilization` gauge or sum (ratio 0..1, non-idle ' +
  '`cpu.mode`s added up) × 100 → `cpu` (capped at 100); `process.memory.utilization` / `system.memory.utilization` (state ' +
  '`used` or none) × 100 → `memory`; any other gauge or sum point → a sample whose type is the metric name lower-cased, ' +
  'characters outside [a-z0-9_.] replaced by `_`, leading non-letters dropped, cut to 64 (metadata: the point’s attributes, ' +
  'unit, temporality). Values keep the exporter’s temporality: cumulative exporters send running totals, so set ' +
  'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=delta for per-interval token counts. Other histograms, exponential ' +
  'histograms and summaries are ignored; non-finite values and utilizations outside 0..1 are refused.';
