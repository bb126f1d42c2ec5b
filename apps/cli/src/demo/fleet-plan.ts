/**
 * The demo fleet. Each role gives the console something to show: `failed` (deployment failed, the
 * agent in error), `stuck` (a deployment left in progress: stuck_deploying after ten minutes),
 * `budget` (crosses its budget's soft threshold within a minute), `hot` (CPU high enough to fire
 * the demo's alert rule), `silent` (stops reporting after the first minute: telemetry_stalled five
 * minutes later), `steady` (the healthy rest).
 */
export type AgentRole = 'steady' | 'budget' | 'hot' | 'silent' | 'failed' | 'stuck';

export interface PlannedAgent {
  name: string;
  description: string;
  runtime: string;
  model: string;
  provider: string;
  team: string;
  role: AgentRole;
  /** Typical CPU percent; the stream wanders around it. */
  cpu: number;
  /** Typical memory percent. */
  memory: number;
  /** Typical input tokens per LLM call. */
  inputTokens: number;
  /** Share of the input that is a prompt-cache read. */
  cacheShare: number;
  /** Share of the output that is reasoning (reasoning models only). */
  reasoningShare: number;
  tools: readonly string[];
  version: string;
}

export const DEMO_FLEET: readonly PlannedAgent[] = [
  {
    name: 'support-triage',
    description: 'Routes incoming support tickets and drafts first replies.',
    runtime: 'docker',
    model: 'gpt-4o-mini',
    provider: 'openai',
    team: 'support',
    role: 'steady',
    cpu: 35,
    memory: 48,
    inputTokens: 1800,
    cacheShare: 0.5,
    reasoningShare: 0,
    tools: ['search_kb', 'create_ticket', 'send_email'],
    version: '2.3.1',
  },
  {
    name: 'billing-assistant',
    description: 'Answers invoice and plan questions for customers.',
    runtime: 'docker',
    model: 'gpt-4o',
    provider: 'openai',
    team: 'payments',
    role: 'budget',
    cpu: 42,
    memory: 55,
    inputTokens: 9000,
    cacheShare: 0.3,
    reasoningShare: 0,
    tools: ['lookup_invoice', 'refund', 'search_kb'],
    version: '1.8.0',
  },
  {
    name: 'code-reviewer',
    description: 'Reviews pull requests and suggests fixes.',
    runtime: 'kubernetes',
    model: 'claude-sonnet-4',
    provider: 'anthropic',
    team: 'platform',
    role: 'hot',
    cpu: 88,
    memory: 71,
    inputTokens: 12000,
    cacheShare: 0.6,
    reasoningShare: 0.2,
    tools: ['git_diff', 'run_tests', 'post_comment'],
    version: '0.9.4',
  },
  {
    name: 'research-scout',
    description: 'Collects and summarises papers for the research team.',
    runtime: 'kubernetes',
    model: 'o3-mini',
    provider: 'openai',
    team: 'research',
    role: 'steady',
    cpu: 28,
    memory: 40,
    inputTokens: 4000,
    cacheShare: 0.2,
    reasoningShare: 0.6,
    tools: ['web_search', 'fetch_url', 'summarise_pdf'],
    version: '3.0.0',
  },
  {
    name: 'onboarding-guide',
    description: 'Walks new users through their first week.',
    runtime: 'docker',
    model: 'gpt-4o-mini',
    provider: 'openai',
    team: 'growth',
    role: 'silent',
    cpu: 22,
    memory: 35,
    inputTokens: 1500,
    cacheShare: 0.4,
    reasoningShare: 0,
    tools: ['send_email', 'schedule_call'],
    version: '1.2.0',
  },
  {
    name: 'incident-summarizer',
    description: 'Summarises incidents from alerts and chat for the on-call.',
    runtime: 'lambda',
    model: 'claude-3-5-haiku',
    provider: 'anthropic',
    team: 'sre',
    role: 'steady',
    cpu: 31,
    memory: 44,
    inputTokens: 6000,
    cacheShare: 0.5,
    reasoningShare: 0,
    tools: ['query_logs', 'post_slack', 'page_oncall'],
    version: '1.5.2',
  },
  {
    name: 'invoice-extractor',
    description: 'Extracts line items from scanned invoices.',
    runtime: 'docker',
    model: 'gemini-2.0-flash',
    provider: 'google',
    team: 'payments',
    role: 'failed',
    cpu: 0,
    memory: 0,
    inputTokens: 3000,
    cacheShare: 0,
    reasoningShare: 0,
    tools: ['ocr_page'],
    version: '2.0.0',
  },
  {
    name: 'search-indexer',
    description: 'Keeps the product search index fresh.',
    runtime: 'kubernetes',
    model: 'gemini-2.5-flash',
    provider: 'google',
    team: 'platform',
    role: 'stuck',
    cpu: 0,
    memory: 0,
    inputTokens: 2500,
    cacheShare: 0,
    reasoningShare: 0.3,
    tools: ['crawl', 'embed'],
    version: '4.1.0',
  },
];

/** Roles that send telemetry: a failed or never-finished deployment has nothing running. */
export function reports(role: AgentRole): boolean {
  return role !== 'failed' && role !== 'stuck';
}
