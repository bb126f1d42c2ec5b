import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AgentsService } from '@fleetwatch/agents';
import { Clock, isAdmin, Principal } from '@fleetwatch/common';
import { DAY_MS, resolveRange } from '../shared/time-range';
import { DATASETS } from './export-datasets';
import { ExportQueryDto } from './export.dto';
import { CONTENT_TYPES, formatRows } from './export-writers';
import { RowCursor } from './row-cursor';

export interface ExportDownload {
  stream: Readable;
  contentType: string;
  fileName: string;
}

@Injectable()
export class ExportService {
  constructor(
    private readonly cursor: RowCursor,
    private readonly agents: AgentsService,
    private readonly clock: Clock,
  ) {}

  async open(principal: Principal, query: ExportQueryDto): Promise<ExportDownload> {
    const format = query.format ?? 'csv';
    const dataset = DATASETS[query.dataset];
    const range = resolveRange(this.clock.now(), query, DAY_MS, { start: 'start', end: 'end' });
    if (query.agentId !== undefined) await this.agents.getVisible(query.agentId, principal);

    const params: unknown[] = [range.start, range.end];
    let where = 'ts >= $1 and ts < $2';
    if (query.agentId !== undefined) {
      params.push(query.agentId);
      where += ` and agent_id = $${params.length}`;
    }
    if (!isAdmin(principal)) {
      params.push(principal.userId);
      where +=
        dataset.ownerFilter === 'owner_id'
          ? ` and owner_id = $${params.length}`
          : ` and agent_id in (select id from agents where owner_id = $${params.length})`;
    }
    const columns = dataset.columns.map((c) => c.name).join(', ');
    const rows = await this.cursor.open(`select ${columns} from ${dataset.table} where ${where} order by ts, id`, params);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return {
      stream: formatRows(format, dataset.columns, rows, query.dataset),
      contentType: CONTENT_TYPES[format],
      fileName: `fleetwatch-${query.dataset}-${day(range.start)}_${day(range.end)}.${format}`,
    };
  }
}
