import { EnvReader } from '../env-reader';

export interface ExportsConfig {
  /** Downloads one user (a JWT or any of their API keys) may have running at once, all export endpoints together. */
  maxPerUser: number;
  /** A download whose client has left bytes unread this long is ended, giving back its cursor and connection. */
  idleTimeoutSeconds: number;
  /** No download runs longer than this, however steadily it is read. */
  maxSeconds: number;
}

export function readExportsConfig(env: EnvReader): ExportsConfig {
  return {
    maxPerUser: env.int('EXPORT_MAX_PER_USER', 2, 1, 100),
    idleTimeoutSeconds: env.int('EXPORT_IDLE_TIMEOUT_SECONDS', 30, 1, 3600),
    maxSeconds: env.int('EXPORT_MAX_SECONDS', 3600, 1, 86400),
  };
}
