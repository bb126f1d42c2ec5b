import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Clock, isAdmin, newId, Principal } from '@fleetwatch/common';
import { ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from '../dto/api-key.dto';
import { AuthError, AuthErrorCode } from '../errors/auth.error';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { UserRepository } from '../repositories/user.repository';

const KEY_PATTERN = /^fw_([a-f0-9]{12})_([A-Za-z0-9_-]{43})$/;

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Keys look like `fw_<12 hex prefix>_<43 chars of secret>`; only the secret's SHA-256 is kept. */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('fw_');
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly em: EntityManager,
    private readonly keys: ApiKeyRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    const prefix = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const key = this.keys.create({
      id: newId(),
      userId: principal.userId,
      name: dto.name,
      prefix,
      keyHash: sha256(secret).toString('hex'),
      scopes: dto.scopes,
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.em.flush();
    return { ...ApiKeyResponseDto.from(key), key: `fw_${prefix}_${secret}` };
  }

  async list(principal: Principal): Promise<ApiKeyResponseDto[]> {
    return (await this.keys.listForUser(principal.userId)).map((k) => ApiKeyResponseDto.from(k));
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    // Admins change everything, so they can cut off a leaked key of any user.
    const key = isAdmin(principal) ? await this.keys.findOne({ id }) : await this.keys.findOwned(id, principal.userId);
    if (!key || key.revokedAt) throw new AuthError(AuthErrorCode.ApiKeyNotFound, `API key ${id} not found`);
    key.revokedAt = this.clock.now();
    await this.em.flush();
  }

  /** The caller behind a raw key, or null for an unknown, malformed or revoked key. */
  async authenticate(raw: string): Promise<Principal | null> {
    const match = KEY_PATTERN.exec(raw);
    if (!match) return null;
    const key = await this.keys.findActiveByPrefix(match[1]);
    if (!key) return null;
    const expected = Buffer.from(key.keyHash, 'hex');
    const actual = sha256(match[2]);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    const user = await this.users.findOne({ id: key.userId });
    if (!user) return null;
    await this.keys.touch(key.id, this.clock.now());
    return { userId: user.id, role: user.role, scopes: [...key.scopes], via: 'api_key', apiKeyId: key.id };
  }
}
