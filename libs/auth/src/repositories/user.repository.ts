import { EntityRepository } from '@mikro-orm/postgresql';
import type { User } from '../entities/user.entity';

export class UserRepository extends EntityRepository<User> {
  findByEmail(email: string): Promise<User | null> {
    return this.findOne({ email: email.toLowerCase() });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.findOne({ username });
  }

  listAll(limit: number, after?: { at: Date; id: string }): Promise<User[]> {
    const where = after ? { $or: [{ createdAt: { $gt: after.at } }, { createdAt: after.at, id: { $gt: after.id } }] } : {};
    return this.find(where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit });
  }
}
