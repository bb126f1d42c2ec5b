import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { OtlpError } from '../errors/otlp.error';

/**
 * Bounds concurrent exports per process. Past the bound a client gets 429 + Retry-After, which
 * OTLP exporters retry with backoff, instead of piling work onto the database pool.
 */
@Injectable()
export class OtlpAdmission {
  private inFlight = 0;

  constructor(private readonly config: AppConfig) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.config.otlp.maxInFlight) throw OtlpError.overloaded(this.inFlight);
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
    }
  }
}
