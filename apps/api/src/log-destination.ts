import type { DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import { AppConfig } from '@fleetwatch/config';

/**
 * Readable one-line logs for a person at a terminal in development; JSON lines everywhere else
 * (production, tests, and any redirected output a log shipper reads). Synchronous, so the start-up
 * banner printed after listen() comes after Nest's own start-up lines.
 */
export function logDestination(config: AppConfig, stdoutIsTty = Boolean(process.stdout.isTTY)): DestinationStream | undefined {
  if (config.server.nodeEnv !== 'development' || !stdoutIsTty) return undefined;
  return pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,req.headers,res.headers', singleLine: true });
}
