import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService, MikroOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@fleetwatch/common';
import { MigrationStatusService, ShutdownState } from '@fleetwatch/database';
import { within } from '../health/within';

const READY_TIMEOUT_MS = 1000;

@ApiTags('operations')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly database: MikroOrmHealthIndicator,
    private readonly migrations: MigrationStatusService,
    private readonly shutdown: ShutdownState,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness: the process answers',
    description: 'Never touches the database, so a slow or down PostgreSQL does not get the process restarted.',
  })
  live(): Promise<HealthCheckResult> {
    return this.health.check([async () => this.indicator.check('process').up({ uptimeSeconds: Math.round(process.uptime()) })]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: database ping within 1 s, no pending migration, not shutting down', description: '503 when any check fails.' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: READY_TIMEOUT_MS }),
      () => this.migrationsCheck(),
      async () => {
        const check = this.indicator.check('shutdown');
        return this.shutdown.isShuttingDown ? check.down({ shuttingDown: true }) : check.up({ shuttingDown: false });
      },
    ]);
  }

  private async migrationsCheck(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('migrations');
    try {
      const pending = await within(READY_TIMEOUT_MS, this.migrations.pending());
      return pending.length === 0 ? check.up({ pending: 0 }) : check.down({ pending: pending.length, names: pending });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
