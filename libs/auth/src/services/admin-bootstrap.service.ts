import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { Clock, newId } from '@fleetwatch/common';
import { User } from '../entities/user.entity';
import { UserRepository } from '../repositories/user.repository';
import { PasswordHasher } from './password-hasher.service';

/** Creates or updates the admin named by ADMIN_EMAIL / ADMIN_PASSWORD at start-up. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config.auth;
    if (!adminEmail || !adminPassword) return;
    const em = this.em.fork();
    const now = this.clock.now();
    const users = em.getRepository(User);
    const existing = await users.findOne({ email: adminEmail });
    const passwordHash =
      existing && (await this.hasher.verify(existing.passwordHash, adminPassword)) ? existing.passwordHash : await this.hasher.hash(adminPassword);
    if (existing) {
      existing.role = 'admin';
      existing.passwordHash = passwordHash;
      existing.updatedAt = now;
    } else {
      const username = await this.freeUsername(users, adminEmail.split('@')[0]);
      users.create({ id: newId(), email: adminEmail, username, passwordHash, role: 'admin', plan: null, createdAt: now, updatedAt: now });
    }
    try {
      await em.flush();
    } catch (error) {
      // Replicas starting together race to create the same admin; the one that lost finds it made.
      if (!existing && error instanceof UniqueConstraintViolationException && (await this.em.fork().getRepository(User).findOne({ email: adminEmail }))) {
        this.logger.log(`admin ${adminEmail} already created by another instance`);
        return;
      }
      throw error;
    }
    this.logger.log(`admin ${adminEmail} ${existing ? 'updated' : 'created'}`);
  }

  private async freeUsername(users: UserRepository, base: string): Promise<string> {
    const slug = (
      base
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')
        .replace(/^-+/, '') || 'admin'
    )
      .slice(0, 30)
      .padEnd(2, '0');
    for (let n = 0; ; n++) {
      const candidate = n === 0 ? slug : `${slug}-${n}`;
      if (!(await users.findByUsername(candidate))) return candidate;
    }
  }
}
