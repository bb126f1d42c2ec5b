import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { Principal } from '@fleetwatch/common';
import { ApiKeysService, looksLikeApiKey } from '../services/api-keys.service';

/** Reads a key from `X-API-Key` or from `Authorization: Bearer fw_...`. */
export function apiKeyFromRequest(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header.trim();
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) {
    const token = auth.replace(/^bearer\s+/i, '').trim();
    if (looksLikeApiKey(token)) return token;
  }
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
