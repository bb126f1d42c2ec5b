import { EnvReader } from '../env-reader';

export interface OtlpConfig {
  /** OTLP exports handled at once by this process; more answer 429 with Retry-After. */
  maxInFlight: number;
}

export function readOtlpConfig(env: EnvReader): OtlpConfig {
  return { maxInFlight: env.int('OTLP_MAX_IN_FLIGHT', 16, 1, 10000) };
}
