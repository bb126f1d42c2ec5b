import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';

/**
 * Flips readiness to 503 as soon as shutdown starts and waits SHUTDOWN_DRAIN_MS, so a load
 * balancer stops sending traffic before the HTTP server closes (which then waits for in-flight
 * requests to finish).
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private shuttingDown = false;
  private readonly logger = new Logger('Shutdown');

  constructor(private readonly config: AppConfig) {}

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.shuttingDown = true;
    const drainMs = this.config.server.shutdownDrainMs;
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}; draining for ${drainMs} ms`);
    if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
  }
}
