import type { CatalogueProvider, MatchRule } from './catalogue.types';

/** The catalogue's rule semantics: text rules ignore case, a regex is tested as written. */
export function matchesRule(rule: MatchRule, text: string): boolean {
  if ('or' in rule) return rule.or.some((r) => matchesRule(r, text));
  if ('and' in rule) return rule.and.every((r) => matchesRule(r, text));
  const t = text.toLowerCase();
  if ('equals' in rule) return t === rule.equals.toLowerCase();
  if ('starts_with' in rule) return t.startsWith(rule.starts_with.toLowerCase());
  if ('ends_with' in rule) return t.endsWith(rule.ends_with.toLowerCase());
  if ('contains' in rule) return t.includes(rule.contains.toLowerCase());
  if ('regex' in rule) return new RegExp(rule.regex).test(text);
  return false;
}

export interface MatchedModel {
  provider: string;
  model: string;
}

/** Exact id first, then the first provider whose provider rule accepts the name (as the package). */
export function findProvider(providers: readonly CatalogueProvider[], providerId: string): CatalogueProvider | undefined {
  const id = providerId.toLowerCase().trim();
  return providers.find((p) => p.id === id) ?? providers.find((p) => p.providerMatch !== null && matchesRule(p.providerMatch, id));
}

function modelIn(provider: CatalogueProvider, name: string, providers: readonly CatalogueProvider[] | null): MatchedModel | null {
  const own = provider.models.find((m) => matchesRule(m.match, name));
  if (own) return { provider: provider.id, model: own.id };
  if (providers === null) return null;
  // One step only: a fallback provider's own fallbacks are not followed.
  for (const id of provider.fallbackModelProviders) {
    const fallback = providers.find((p) => p.id === id);
    const found = fallback ? modelIn(fallback, name, null) : null;
    if (found) return found;
  }
  return null;
}

const COMPACT_DATE = /(-)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g;

/** "claude-sonnet-4-20250514" → "claude-sonnet-4-2025-05-14", the spelling some rules use. */
function dashedDates(name: string): string {
  return name.replace(COMPACT_DATE, (whole: string, dash: string, y: string, m: string, d: string) => {
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    const real = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
    return real ? `${dash}${y}-${m}-${d}` : whole;
  });
}

/**
 * The package's own resolution, rule for rule: the name is lower-cased; a given provider narrows
 * (and an unknown one finds nothing, except `litellm`, whose `provider/model` names name their
 * provider); without one the first provider whose model rule accepts the name is used; the model
 * is the provider's first match, then a fallback provider's, then the same with dashed dates.
 */
export function catalogueMatch(providers: readonly CatalogueProvider[], modelName: string, providerId?: string): MatchedModel | null {
  let name = modelName.toLowerCase().trim();
  let pid = providerId;
  if (pid !== undefined && pid.toLowerCase() === 'litellm' && name.includes('/')) {
    const slash = name.indexOf('/');
    const [prefix, rest] = [name.slice(0, slash), name.slice(slash + 1)];
    if (prefix && rest && findProvider(providers, prefix)) [pid, name] = [prefix, rest];
  }
  let provider: CatalogueProvider | undefined;
  if (pid !== undefined && pid !== '') {
    provider = findProvider(providers, pid);
    if (!provider && pid.toLowerCase() !== 'litellm') return null;
  }
  provider ??= providers.find((p) => p.modelMatch !== null && matchesRule(p.modelMatch, name));
  if (!provider) return null;
  const found = modelIn(provider, name, providers);
  if (found) return found;
  const dashed = dashedDates(name);
  return dashed === name ? null : modelIn(provider, dashed, providers);
}

/**
 * OpenTelemetry's gen_ai.provider.name values (and the older gen_ai.system ones) that the
 * catalogue's provider rules do not already recognise as the intended provider.
 */
const OTEL_PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  'azure.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  'az.ai.openai': 'azure',
  'az.ai.inference': 'azure',
  'gcp.gen_ai': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gemini': 'google',
  'aws.bedrock': 'aws',
  x_ai: 'x-ai',
  mistral_ai: 'mistral',
};

/** The catalogue provider id a reported provider names, or undefined when it names none. */
export function catalogueProviderId(providers: readonly CatalogueProvider[], reported: string | null | undefined): string | undefined {
  if (reported === null || reported === undefined || reported.trim() === '') return undefined;
  const key = reported.toLowerCase().trim();
  return findProvider(providers, OTEL_PROVIDER_ALIASES[key] ?? key)?.id;
}

const VERTEX_PATH = /^(?:.*\/)?models\/([^/]+)$/;
const BEDROCK_REGION = /^(?:[a-z]{2,7}(?:-[a-z]+)?\.)?/;

const vendorCache = new WeakMap<readonly CatalogueProvider[], Set<string>>();

/** Vendors of Bedrock ids ("anthropic" in "global.anthropic.claude-…"), read from the aws models. */
function bedrockVendors(providers: readonly CatalogueProvider[]): Set<string> {
  const cached = vendorCache.get(providers);
  if (cached) return cached;
  const vendors = new Set<string>();
  for (const m of providers.find((p) => p.id === 'aws')?.models ?? []) {
    const parts = m.id.split('.');
    const vendor = parts[0] === 'global' || parts[0] === 'regional' ? parts[1] : parts[0];
    if (vendor && parts.length > 1) vendors.add(vendor);
  }
  vendorCache.set(providers, vendors);
  return vendors;
}

/**
 * Names the catalogue's rules miss because of a prefix, each with the provider it implies: Vertex
 * and Gemini resource paths (`publishers/google/models/gemini-…`, `models/gemini-…`), a
 * `provider/model` prefix naming a catalogue provider, and Bedrock ids (`us.anthropic.claude-…-v1:0`)
 * tried as Bedrock's own and then as the vendor's bare model.
 */
function prefixVariants(providers: readonly CatalogueProvider[], name: string): Array<{ name: string; provider?: string }> {
  const out: Array<{ name: string; provider?: string }> = [];
  const lower = name.toLowerCase().trim();
  const vertex = VERTEX_PATH.exec(lower);
  if (vertex?.[1]) out.push({ name: vertex[1], provider: lower.includes('publishers/') ? 'google' : undefined });
  const slash = lower.indexOf('/');
  if (!vertex && slash > 0) {
    const prefixProvider = findProvider(providers, lower.slice(0, slash));
    out.push({ name: lower.slice(slash + 1), provider: prefixProvider?.id });
  }
  const withoutRegion = lower.replace(BEDROCK_REGION, '');
  for (const candidate of new Set([lower, withoutRegion])) {
    const dot = candidate.indexOf('.');
    const vendor = candidate.slice(0, dot);
    if (dot > 0 && bedrockVendors(providers).has(vendor)) {
      out.push({ name: lower, provider: 'aws' });
      const bare = candidate.slice(dot + 1).replace(/-v\d+(?::\d+)?$/, '');
      out.push({ name: bare, provider: findProvider(providers, vendor)?.id });
      break;
    }
  }
  return out;
}

export interface ModelToResolve {
  /** The model the server answered with (gen_ai.response.model). */
  responseModel?: string | null;
  /** The model the client asked for (gen_ai.request.model). */
  model?: string | null;
  /** The reported provider; narrows the match when the catalogue knows it. */
  provider?: string | null;
}

export interface ResolvedModel extends MatchedModel {
  /** Which of the call's names matched. */
  matchedOn: 'responseModel' | 'model';
}

/**
 * responseModel first (it names the snapshot that actually ran), then model; each through the
 * catalogue's rules, then through its prefix variants. A provider the catalogue knows narrows every
 * step to it and its fallbacks; one it does not know is ignored rather than leaving the call unpriced.
 */
export function resolveModel(providers: readonly CatalogueProvider[], call: ModelToResolve): ResolvedModel | null {
  const pid = catalogueProviderId(providers, call.provider);
  for (const matchedOn of ['responseModel', 'model'] as const) {
    const name = call[matchedOn];
    if (name === null || name === undefined || name.trim() === '') continue;
    const direct = catalogueMatch(providers, name, pid);
    if (direct) return { ...direct, matchedOn };
    for (const variant of prefixVariants(providers, name)) {
      const found = catalogueMatch(providers, variant.name, pid ?? variant.provider);
      if (found) return { ...found, matchedOn };
    }
  }
  return null;
}
