import { EnvReader } from '../env-reader';

export interface AlertsConfig {
  evalIntervalSeconds: number;
  deliveryTimeoutMs: number;
  deliveryMaxAttempts: number;
  deliveryBackoffBaseSeconds: number;
  allowPrivateWebhookUrls: boolean;
  /** Minutes between repeat notifications of a firing, unacknowledged alert; 0 turns repeats off. */
  repeatIntervalMinutes: number;
  /** Per-user caps: every user's rules run in the shared evaluation tick, so one user cannot grow it unbounded. */
  maxRulesPerUser: number;
  maxChannelsPerUser: number;
  /** Counts silences that have not ended (active or scheduled). */
  maxSilencesPerUser: number;
}

export function readAlertsConfig(env: EnvReader): AlertsConfig {
  return {
    evalIntervalSeconds: env.int('ALERT_EVAL_INTERVAL_SECONDS', 30, 1, 3600),
    deliveryTimeoutMs: env.int('ALERT_DELIVERY_TIMEOUT_MS', 5000, 100, 60000),
    deliveryMaxAttempts: env.int('ALERT_DELIVERY_MAX_ATTEMPTS', 8, 1, 100),
    deliveryBackoffBaseSeconds: env.number('ALERT_DELIVERY_BACKOFF_SECONDS', 5, 0.01, 3600),
    allowPrivateWebhookUrls: env.bool('ALLOW_PRIVATE_WEBHOOK_URLS', false),
    repeatIntervalMinutes: env.int('ALERT_REPEAT_INTERVAL_MINUTES', 240, 0, 10080),
    maxRulesPerUser: env.int('MAX_RULES_PER_USER', 500, 1, 100_000),
    maxChannelsPerUser: env.int('MAX_CHANNELS_PER_USER', 50, 1, 10_000),
    maxSilencesPerUser: env.int('MAX_SILENCES_PER_USER', 500, 1, 100_000),
  };
}
