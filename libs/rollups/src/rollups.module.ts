import { Module } from '@nestjs/common';
import { RollupsJob } from './jobs/rollups.job';
import { RollupHoursRepository } from './repositories/rollup-hours.repository';
import { RollupPassRepository } from './repositories/rollup-pass.repository';
import { RollupQueryService } from './services/rollup-query.service';
import { RollupService } from './services/rollup.service';

/** The hourly rollup engine: owns `rollup_dirty`, `rollup_owner_dirty` and the `rollup_*_hourly` tables. */
@Module({
  providers: [RollupPassRepository, RollupHoursRepository, RollupService, RollupQueryService, RollupsJob],
  exports: [RollupService, RollupQueryService],
})
export class RollupsModule {}
