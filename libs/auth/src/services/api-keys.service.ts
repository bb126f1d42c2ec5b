import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@fleetwatch/config';
import { Clock, isAdmin, newId, Principal, Scope } from '@fleetwatch/common';
import { ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from '../dto/api-key.dto';
import { AuthError, AuthErrorCode } from '../errors/auth.error';
import { ApiKeyRepository } from '../repositories/api-key.repository';

const TOUCH_EVERY_MS = 60_000;
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
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly em: EntityManager,
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    if (dto.agentId !== undefined) await this.assertOwnAgent(principal.userId, dto.agentId);
    const cap = this.config.auth.maxApiKeysPerUser;
    const prefix = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    // Inside the transaction the injected repository works on the transaction's fork.
    const key = await this.em.transactional(async () => {
      if ((await this.keys.lockedActiveCount(principal.userId)) >= cap) {
        throw new AuthError(AuthErrorCode.ApiKeyLimit, `limit reached: at most ${cap} API keys per user (MAX_API_KEYS_PER_USER); revoke one first`);
      }
      return this.keys.create({
        id: newId(),
        userId: principal.userId,
        name: dto.name,
        prefix,
        keyHash: sha256(secret).toString('hex'),
        scopes: dto.scopes,
        agentId: dto.agentId ?? null,
        createdAt: this.clock.now(),
        lastUsedAt: null,
        revokedAt: null,
      });
    });
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
    const key = await this.keys.findActiveWithOwner(match[1]);
    if (!key) return null;
    const expected = Buffer.from(key.key_hash, 'hex');
    const actual = sha256(match[2]);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    await this.touchAtMostEveryMinute(key.id);
    return {
      userId: key.user_id,
      role: key.role,
      scopes: key.scopes as Scope[],
      via: 'api_key',
      apiKeyId: key.id,
      ...(key.agent_id ? { agentId: key.agent_id } : {}),
    };
  }

  /**
   * last_used_at is minute-accurate: each process writes it at most once a minute per key, so the
   * ingest hot path costs one read per request, not a read and a write.
   */
  private async touchAtMostEveryMinute(keyId: string): Promise<void> {
    const now = this.clock.now();
    const last = this.lastTouched.get(keyId);
    if (last !== undefined && now.getTime() - last < TOUCH_EVERY_MS) return;
    this.lastTouched.set(keyId, now.getTime());
    if (this.lastTouched.size > 10_000) this.lastTouched.clear();
    await this.keys.touch(keyId, now);
  }

  /** A key is bound only to an agent its owner owns (agents are read by SQL: auth does not depend on the agents lib). */
  private async assertOwnAgent(userId: string, agentId: string): Promise<void> {
    const rows = await this.em.getConnection().execute<unknown[]>(`select 1 from agents where id = ? and owner_id = ?`, [agentId, userId]);
    if (rows.length === 0) throw new AuthError(AuthErrorCode.AgentNotFound, `agent ${agentId} not found`);
  }
}
