import { Injectable } from '@nestjs/common';
import { finished, Readable } from 'node:stream';
import { AppConfig } from '@fleetwatch/config';
import { DomainError } from '@fleetwatch/common';
import { DownloadLimits, guardDownload } from './download-guard';

export const EXPORT_RETRY_AFTER_SECONDS = 5;

export enum ExportsErrorCode {
  TooManyExports = 'too_many_exports',
}

export class TooManyExportsError extends DomainError {
  constructor(message: string) {
    super('rate_limited', ExportsErrorCode.TooManyExports, message, EXPORT_RETRY_AFTER_SECONDS);
  }
}

/** One running download's place; give it back through guard() (when the download ends) or release(). */
export interface ExportSlot {
  /**
   * The download as the client gets it: ended when unread too long or running too long. The slot is
   * free again once the download has closed and so has each of `upstream` (e.g. a cursor, whose
   * connection goes back to the pool only after PostgreSQL has closed its portal).
   */
  guard(body: Readable, upstream?: Readable[]): Readable;
  /** For a download that failed before it started streaming; idempotent. */
  release(): void;
}

/**
 * The one rule for every export endpoint: at most a third of DATABASE_POOL_MAX downloads per process
 * (a cursor export holds a pooled connection throughout, and the rest of the API needs the others),
 * and at most EXPORT_MAX_PER_USER of them for any one user, so one user's unread downloads cannot
 * turn every other user away.
 */
@Injectable()
export class ExportSlots {
  readonly perServer: number;
  readonly perUser: number;
  private readonly limits: DownloadLimits;
  private running = 0;
  private readonly byUser = new Map<string, number>();

  constructor(config: AppConfig) {
    this.perServer = Math.max(1, Math.floor(config.database.poolMax / 3));
    this.perUser = config.exports.maxPerUser;
    this.limits = { idleMs: config.exports.idleTimeoutSeconds * 1000, maxMs: config.exports.maxSeconds * 1000 };
  }

  /** Takes a slot for the user, or throws 429 (with Retry-After) when the server or the user has none left. */
  take(userId: string): ExportSlot {
    if (this.running >= this.perServer) throw new TooManyExportsError(`at most ${this.perServer} exports run at once per server; retry shortly`);
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= this.perUser) {
      throw new TooManyExportsError(`at most ${this.perUser} of your exports run at once; retry when one of them has ended`);
    }
    this.running += 1;
    this.byUser.set(userId, mine + 1);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.running -= 1;
      const left = (this.byUser.get(userId) ?? 1) - 1;
      if (left > 0) this.byUser.set(userId, left);
      else this.byUser.delete(userId);
    };
    const guard = (body: Readable, upstream: Readable[] = []) => {
      let open = upstream.length + 1;
      const closed = () => {
        open -= 1;
        if (open === 0) release();
      };
      for (const stream of upstream) finished(stream, closed);
      return guardDownload(body, this.limits, closed);
    };
    return { release, guard };
  }
}
