import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { RunsController } from './controllers/runs.controller';
import { RunCallsRepository } from './repositories/run-calls.repository';
import { RunsQueryRepository } from './repositories/runs-query.repository';
import { RunsService } from './services/runs.service';

/** The runs and conversations routes: a read side over the runs table and raw calls that ingest writes. */
@Module({
  imports: [AgentsModule],
  controllers: [RunsController],
  providers: [RunsQueryRepository, RunCallsRepository, RunsService],
  exports: [RunsService],
})
export class RunsModule {}
