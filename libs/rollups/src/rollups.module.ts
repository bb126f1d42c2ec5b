import { Module } from '@nestjs/common';
import { RollupsJob } from './jobs/rollups.job';
import { RollupPassRepository } from './repositories/rollup-pass.repository';
import { RollupService } from './services/rollup.service';

/** The hourly rollup engine: owns `rollup_dirty`, `rollup_owner_dirty` and the `rollup_*_hourly` tables. */
@Module({
  providers: [RollupPassRepository, RollupService, RollupsJob],
  exports: [RollupService],
})
export class RollupsModule {}
