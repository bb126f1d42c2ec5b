import type { OtlpSpan } from '../codec/otlp-model';
import { genAiConvention } from './genai.convention';
import { langfuseConvention } from './langfuse.convention';
import { openInferenceConvention } from './openinference.convention';
import type { SpanConvention, SpanFacts } from './span-facts.model';
import { traceloopConvention } from './traceloop.convention';
import { vercelAiConvention } from './vercel-ai.convention';

/**
 * Most specific first: Langfuse, OpenInference, the Vercel AI SDK and OpenLLMetry spans also
 * carry some gen_ai.* attributes, but their own markers say what the span is (an ai.generateText
 * root carries the usage of its steps and must not become an LLM call by its gen_ai.* names).
 */
export const SPAN_CONVENTIONS: readonly SpanConvention[] = [
  langfuseConvention,
  openInferenceConvention,
  vercelAiConvention,
  traceloopConvention,
  genAiConvention,
];

/** The facts of the first convention that recognises the span; undefined: no convention does. */
export function classifySpan(span: OtlpSpan): SpanFacts | undefined {
  for (const convention of SPAN_CONVENTIONS) {
    const facts = convention(span);
    if (facts) return facts;
  }
  return undefined;
}
