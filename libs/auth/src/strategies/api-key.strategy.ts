import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { Principal } from '@fleetwatch/common';
import { ApiKeysService, looksLikeApiKey } from '../services/api-keys.service';

const KEY_PREFIX_USER = /^(?:fw_)?([a-f0-9]{12})$/;

/**
 * A key from `Authorization: Basic base64(user:password)`, the way Langfuse SDKs send their
 * public/secret key pair: the user is the key's prefix (`fw_<12 hex>` or the 12 hex) and the
 * password the whole key, or the password alone is the whole key, or the user is the prefix and
 * the password the secret after it. A prefix naming another key than the password's is no key.
 */
export function apiKeyFromBasic(authorization: string): string | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon).trim();
  const password = decoded.slice(colon + 1).trim();
  const prefix = KEY_PREFIX_USER.exec(user)?.[1];
  if (looksLikeApiKey(password)) return prefix === undefined || password.startsWith(`fw_${prefix}_`) ? password : undefined;
  return prefix !== undefined && password !== '' ? `fw_${prefix}_${password}` : undefined;
}

/**
 * Where Basic is accepted: the Langfuse-compatible OTLP path, whose SDKs can only send Basic.
 * Nowhere else, because a browser re-sends Basic credentials it has cached for a host on its own.
 */
const BASIC_AUTH_PATH = '/api/public/otel/';

/** Reads a key from `X-API-Key`, `Authorization: Bearer fw_...` or, on BASIC_AUTH_PATH, `Authorization: Basic` (see apiKeyFromBasic). */
export function apiKeyFromRequest(request: Pick<FastifyRequest, 'headers' | 'url'>): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header.trim();
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) {
    const token = auth.replace(/^bearer\s+/i, '').trim();
    if (looksLikeApiKey(token)) return token;
  }
  if (typeof auth === 'string' && /^basic\s+/i.test(auth) && request.url.startsWith(BASIC_AUTH_PATH)) return apiKeyFromBasic(auth);
  return undefined;
}

@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly apiKeys: ApiKeysService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Principal | false> {
    const raw = apiKeyFromRequest(request);
    if (!raw) return false;
    return (await this.apiKeys.authenticate(raw)) ?? false;
  }
}
