export interface DemoStats {
  ticks: number;
  samples: number;
  /** LLM calls accepted by POST /api/ingest. */
  llmCalls: number;
  /** Tool calls accepted by POST /api/ingest. */
  toolCalls: number;
  toolErrors: number;
  /** GenAI spans queued on the OTLP exporter: chat spans (LLM calls) and execute_tool spans. */
  chatSpans: number;
  toolSpans: number;
  spansExported: number;
  spansFailed: number;
  /** Items the backfill stored, by kind. */
  backfill: { samples: number; llmCalls: number; toolCalls: number };
  notifications: number;
  failures: number;
  budgetPercent?: number;
  lastError?: string;
}

export function emptyStats(): DemoStats {
  return {
    ticks: 0,
    samples: 0,
    llmCalls: 0,
    toolCalls: 0,
    toolErrors: 0,
    chatSpans: 0,
    toolSpans: 0,
    spansExported: 0,
    spansFailed: 0,
    backfill: { samples: 0, llmCalls: 0, toolCalls: 0 },
    notifications: 0,
    failures: 0,
  };
}

function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function progressText(stats: DemoStats, elapsedMs: number): string {
  if (stats.ticks === 0) {
    const b = stats.backfill;
    return `backfill: ${b.samples} samples, ${b.llmCalls} LLM calls, ${b.toolCalls} tool calls stored`;
  }
  const parts = [
    `${elapsed(elapsedMs)}`,
    `samples ${stats.samples}`,
    `LLM calls ${stats.llmCalls + stats.chatSpans} (${stats.llmCalls} ingest, ${stats.chatSpans} OTLP)`,
    `tool calls ${stats.toolCalls + stats.toolSpans} (${stats.toolErrors} errors)`,
    `alerts received ${stats.notifications}`,
  ];
  if (stats.budgetPercent !== undefined) parts.push(`budget ${stats.budgetPercent.toFixed(0)} %`);
  if (stats.failures) parts.push(`failed ticks ${stats.failures}`);
  if (stats.spansFailed) parts.push(`spans not exported ${stats.spansFailed}`);
  return parts.join(' · ');
}

/**
 * One status line: rewritten in place on a terminal, one line per update elsewhere (a log file, a
 * test). Notes print above it without tearing it.
 */
export class Progress {
  private shown = false;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly quiet = false,
  ) {}

  update(stats: DemoStats, elapsedMs: number): void {
    if (this.quiet) return;
    const text = progressText(stats, elapsedMs);
    if (this.out.isTTY) {
      const width = this.out.columns ?? 120;
      this.out.write(`\r\x1b[2K${text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text}`);
      this.shown = true;
    } else {
      this.out.write(`${text}\n`);
    }
  }

  note(message: string): void {
    if (this.quiet) return;
    if (this.shown && this.out.isTTY) this.out.write('\r\x1b[2K');
    this.out.write(`${message}\n`);
  }

  end(): void {
    if (this.shown && this.out.isTTY) this.out.write('\n');
    this.shown = false;
  }
}
