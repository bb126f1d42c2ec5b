import { BudgetPlanner, SOFT_THRESHOLD_PCT } from './budget';
import { reports } from './fleet-plan';
import { IngestSender } from './ingest-sender';
import { OtlpSender } from './otlp-sender';
import { DemoStats } from './progress';
import { Random } from './random';
import { agentActivity, emptyBatch, FleetAgent, TelemetryBatch } from './telemetry-generator';

export interface StreamOptions {
  tickMs: number;
  /** The silent agent's last tick: it reports for this many ticks and then says nothing more. */
  silentAfterTicks: number;
  /** Stop after this many ticks (tests); unbounded otherwise. */
  maxTicks?: number;
  /** Stop once this much time has passed. */
  durationMs?: number;
  signal: AbortSignal;
  onTick: (stats: DemoStats) => Promise<void> | void;
  note: (message: string) => void;
}

export interface StreamDeps {
  fleet: FleetAgent[];
  ingest: IngestSender;
  otlp: OtlpSender;
  budget?: BudgetPlanner;
  rng: Random;
  stats: DemoStats;
}

const CHEAP_MODEL = 'gpt-4o-mini';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** Who reports in tick `tick` (1-based). */
export function reportingAgents(fleet: FleetAgent[], tick: number, silentAfterTicks: number): FleetAgent[] {
  return fleet.filter((a) => reports(a.role) && !(a.role === 'silent' && tick > silentAfterTicks));
}

/**
 * One tick: every reporting agent's samples and calls. Each agent's first LLM call (and the tool
 * call in its trace) goes as GenAI spans through OTLP, the rest through POST /api/ingest, so both
 * paths carry traffic all the time.
 */
export function planTick(
  fleet: FleetAgent[],
  tick: number,
  at: Date,
  tickMs: number,
  silentAfterTicks: number,
  rng: Random,
): { ingest: TelemetryBatch; otlp: TelemetryBatch } {
  const ingest = emptyBatch();
  const otlp = emptyBatch();
  for (const agent of reportingAgents(fleet, tick, silentAfterTicks)) {
    const calls = agent.callsPerTick ?? rng.int(1, 3);
    const activity = agentActivity(agent, at, tickMs, calls, rng);
    ingest.samples.push(...activity.samples);
    const [first, ...rest] = activity.llmCalls;
    if (first) otlp.llmCalls.push(first);
    ingest.llmCalls.push(...rest);
    for (const tool of activity.toolCalls) (tool.traceId === first?.traceId ? otlp : ingest).toolCalls.push(tool);
  }
  return { ingest, otlp };
}

async function runTick(deps: StreamDeps, options: StreamOptions, tick: number): Promise<void> {
  const { stats } = deps;
  const plan = planTick(deps.fleet, tick, new Date(), options.tickMs, options.silentAfterTicks, deps.rng);
  for (const call of plan.otlp.llmCalls) deps.otlp.chat(call);
  for (const call of plan.otlp.toolCalls) deps.otlp.tool(call);
  stats.chatSpans += plan.otlp.llmCalls.length;
  stats.toolSpans += plan.otlp.toolCalls.length;
  const accepted = await deps.ingest.send(plan.ingest);
  stats.samples += accepted.samples;
  stats.llmCalls += accepted.llmCalls;
  stats.toolCalls += accepted.toolCalls;
  stats.toolErrors += plan.ingest.toolCalls.filter((t) => t.status === 'error').length + plan.otlp.toolCalls.filter((t) => t.status === 'error').length;
  await deps.otlp.flush();
  stats.spansExported = deps.otlp.exported;
  stats.spansFailed = deps.otlp.failed;
  if (deps.otlp.lastError) stats.lastError = deps.otlp.lastError;
  if (deps.budget) {
    const sized = tick === 1 ? await deps.budget.size() : undefined;
    if (sized)
      options.note(
        `billing-assistant: budget set to $${sized.monthlyUsd.toFixed(2)}/month, ${sized.percentUsed.toFixed(0)} % used; its soft threshold (80 %) is a few ticks away`,
      );
    stats.budgetPercent = (await deps.budget.read()).percentUsed;
    const agent = deps.fleet.find((a) => a.role === 'budget');
    if (agent && agent.model !== CHEAP_MODEL && stats.budgetPercent >= SOFT_THRESHOLD_PCT) {
      // What a team does at a budget warning; it also keeps the demo's budget from climbing into the thousands of percent.
      Object.assign(agent, { model: CHEAP_MODEL, inputTokens: 2000, callsPerTick: 1 });
      options.note(`billing-assistant crossed ${SOFT_THRESHOLD_PCT} % of its budget (budget_warning): it switches to ${CHEAP_MODEL} and fewer calls`);
    }
  }
}

/** Streams until stopped (signal), out of ticks, or out of time. A failed tick is counted and the stream goes on. */
export async function streamTelemetry(deps: StreamDeps, options: StreamOptions): Promise<void> {
  const started = Date.now();
  let lastProblem = '';
  for (let tick = 1; !options.signal.aborted; tick++) {
    const tickStart = Date.now();
    if (tick === options.silentAfterTicks + 1) options.note('onboarding-guide has gone silent: telemetry_stalled shows five minutes after its last sample');
    try {
      await runTick(deps, options, tick);
    } catch (error) {
      deps.stats.failures += 1;
      const problem = error instanceof Error ? error.message : String(error);
      deps.stats.lastError = problem;
      if (problem !== lastProblem) options.note(`tick ${tick} failed (the stream goes on): ${problem}`);
      lastProblem = problem;
    }
    deps.stats.ticks = tick;
    await options.onTick(deps.stats);
    if (options.maxTicks !== undefined && tick >= options.maxTicks) return;
    if (options.durationMs !== undefined && Date.now() - started >= options.durationMs) return;
    await sleep(Math.max(0, options.tickMs - (Date.now() - tickStart)), options.signal);
  }
}
