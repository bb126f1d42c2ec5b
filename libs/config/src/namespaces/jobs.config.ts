import { EnvReader } from '../env-reader';

export interface JobsConfig {
  /** false makes an API-only replica: no scheduled job runs in this process. */
  enabled: boolean;
}

export function readJobsConfig(env: EnvReader): JobsConfig {
  return { enabled: env.bool('JOBS_ENABLED', true) };
}
