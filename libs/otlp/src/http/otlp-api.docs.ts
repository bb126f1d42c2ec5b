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
  ' Mapping (docs/otlp.md has the attribute table per convention). Each span is read by the first convention that recognises it: ' +
  'Langfuse (`langfuse.observation.type` generation/embedding → LLM call, tool → tool call, agent/chain → run, span/event/… → ' +
  'structure), OpenInference (`openinference.span.kind` LLM/EMBEDDING → LLM call, TOOL → tool call, AGENT/CHAIN → run), the Vercel ' +
  'AI SDK (`ai.generateText`/`ai.streamText`/`ai.generateObject`/`ai.streamObject`/`ai.embed*` → run, their `.doGenerate`/' +
  '`.doStream`/`.doEmbed` → LLM calls, `ai.toolCall` → tool call), OpenLLMetry (`traceloop.span.kind` workflow/agent → run, tool → ' +
  'tool call, task → structure; `llm.request.type` chat/completion/embedding → LLM call), OpenTelemetry GenAI (`gen_ai.operation.name` ' +
  'chat, text_completion, generate_content, embeddings → LLM call; execute_tool → tool call; invoke_agent, invoke_workflow → run; ' +
  'create_agent → structure). LLM calls: model = the requested model (GenAI: `gen_ai.request.model`, else `gen_ai.response.model`, ' +
  'else "unknown"), responseModel = the answering one (priced first), provider (`gen_ai.provider.name`, else `gen_ai.system`), ' +
  'tokens by type with GenAI semantics (inputTokens includes cache reads and writes, outputTokens includes reasoning; Langfuse ' +
  '`usage_details`, whose `input` excludes cached tokens, is converted; a cache or reasoning count larger than its total is added to ' +
  'it), timeToFirstTokenMs (`ai.response.msToFirstChunk`, `gen_ai.response.time_to_first_chunk` or ' +
  '`gen_ai.server.time_to_first_token` in seconds, Langfuse `completion_start_time`), latencyMs = end − start, timestamp = the span’s ' +
  'end. Status error when the span status is ERROR, `error.type` is set or `langfuse.observation.level` is ERROR (errorType = ' +
  '`error.type`, else the Langfuse status message, else the span status message). Counted once: a call span with a call span of the ' +
  'same kind beneath it is structure (only leaves are calls), and runs never carry tokens themselves. Runs: one per trace, id = the ' +
  'trace id (so exports of one trace agree even when children arrive before their root); name, status, start and end come from the ' +
  'outermost run span, else the root span (or the local root, whose parent is remote by its OTLP span flags); an export with neither sends no run item, and its calls, which name the run, open it ' +
  '(running) or add to its totals (runs are stored per agent and id: GET /api/agents/:id/runs, GET /api/runs/:id). Every call gets ' +
  'runId = its trace id, conversationId (`gen_ai.conversation.id`, `session.id`, `langfuse.session.id`, ' +
  '`traceloop.association.properties.session_id`, `ai.telemetry.metadata.conversationId`/`sessionId`; the span’s own, else the ' +
  'trace’s), spanId and parentSpanId. Spans no convention recognises are counted, stored nowhere, and reported: the answer carries ' +
  '`partialSuccess` with `rejectedSpans` 0 (plus any refused) and an errorMessage `N spans were not recognised: name, …`; their names ' +
  'and attribute keys are listed by GET /api/otlp/recent-unmapped for 24 h.';

export const LANGFUSE_TRACES_DESCRIPTION =
  TRACES_DESCRIPTION +
  ' This path is where Langfuse SDKs export (`LANGFUSE_BASE_URL` = the Fleetwatch URL). Credentials: `Authorization: Basic ' +
  'base64(user:password)` where the user is the key’s prefix (`fw_<12 hex>`, set as LANGFUSE_PUBLIC_KEY) and the password the whole ' +
  'API key (LANGFUSE_SECRET_KEY), or the password alone is the whole key; Bearer and X-API-Key work too. Wrong or revoked → 401 ' +
  '(a protobuf google.rpc.Status for protobuf requests).';

export const METRICS_DESCRIPTION =
  COMMON +
  ' Mapping to samples (timestamp = the point’s time): `gen_ai.client.token.usage` histogram → `gen_ai.client.token.usage.input` ' +
  'and `.output`: the points’ `sum` added up per `gen_ai.token.type` (metadata: count, temporality); ' +
  '`gen_ai.client.inference.usage.input_tokens` / `.output_tokens` histograms → samples of those names (Σsum, metadata count); ' +
  '`gen_ai.client.inference.usage.detailed.*` counters (input_tokens, output_tokens, cache_read.input_tokens, ' +
  'cache_write.input_tokens, reasoning.output_tokens) → samples of those names, the `gen_ai.token.modality` points added up; ' +
  '`gen_ai.client.operation.duration` (and @ai-sdk/otel’s `gen_ai.client.inference.duration`) histogram → a sample of that name = ' +
  'Σsum / Σcount × 1000 (mean in ms; unit `s`, or `ms` taken as is); `process.cpu.utilization` / `system.cpu.utilization` gauge or sum (ratio 0..1, non-idle ' +
  '`cpu.mode`s added up) × 100 → `cpu` (capped at 100); `process.memory.utilization` / `system.memory.utilization` (state ' +
  '`used` or none) × 100 → `memory`; any other gauge or sum point → a sample whose type is the metric name lower-cased, ' +
  'characters outside [a-z0-9_.] replaced by `_`, leading non-letters dropped, cut to 64 (metadata: the point’s attributes, ' +
  'unit, temporality). Values keep the exporter’s temporality: cumulative exporters send running totals, so set ' +
  'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=delta for per-interval token counts. Other histograms, exponential ' +
  'histograms and summaries are ignored; non-finite values and utilizations outside 0..1 are refused.';
