import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { ExportQueryDto } from '../dto/export.dto';
import { ExportService } from '../services/export.service';

@ApiTags('analytics')
@Controller('analytics/export')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Download raw telemetry as CSV, JSON or XLSX',
    description:
      'Rows with ts in [start, end), ordered by ts then id, streamed from a server-side cursor (1,000 rows per fetch) so an export ' +
      'of any size never sits in memory. Each running export holds one database connection, so a server runs at most a third of ' +
      'DATABASE_POOL_MAX exports at once; past that, 429 with Retry-After. CSV has a header row; JSON is one array of objects; XLSX one worksheet named after the ' +
      'dataset with a header row. Timestamps are ISO 8601 UTC; metadata columns are JSON text in CSV and XLSX. ' +
      'Content-Disposition names the file fleetwatch-<dataset>-<start day>_<end day>.<format>. Users export their own agents ' +
      '(events: their own activity log); admins everyone. Only rows still retained (RAW_RETENTION_DAYS) can be exported.',
  })
  @ApiProduces('text/csv', 'application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file.', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'agentId unknown or not yours.' })
  async download(@CurrentPrincipal() principal: Principal, @Query() query: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Readable> {
    const file = await this.exports.open(principal, query);
    void reply.header('Content-Type', file.contentType).header('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return file.stream;
  }
}
