import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AgentsService } from '@fleetwatch/agents';
import { Clock, Principal } from '@fleetwatch/common';
import { ExportSlots } from '@fleetwatch/database';
import { DAY_MS, resolveRange } from '../shared/time-range';
import { DATASETS } from './export-datasets';
import { ExportQueryDto } from './export.dto';
import { exportQuery } from './export-query.sql';
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
    private readonly slots: ExportSlots,
  ) {}

  async open(principal: Principal, query: ExportQueryDto): Promise<ExportDownload> {
    const format = query.format ?? 'csv';
    const dataset = DATASETS[query.dataset];
    const range = resolveRange(this.clock.now(), query, DAY_MS, { start: 'start', end: 'end' });
    if (query.agentId !== undefined) await this.agents.getVisible(query.agentId, principal);

    // Taken before the cursor borrows a connection, so a refused export never touches the pool.
    const slot = this.slots.take(principal.userId);
    try {
      const rows = await this.cursor.open(...exportQuery(dataset, principal, query.agentId, range));
      const day = (d: Date) => d.toISOString().slice(0, 10);
      return {
        stream: slot.guard(formatRows(format, dataset.columns, rows, query.dataset), [rows]),
        contentType: CONTENT_TYPES[format],
        fileName: `fleetwatch-${query.dataset}-${day(range.start)}_${day(range.end)}.${format}`,
      };
    } catch (error) {
      slot.release();
      throw error;
    }
  }
}
