import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import type { Role } from '@fleetwatch/common';
import { UserRepository } from '../repositories/user.repository';

@Entity({ tableName: 'users', repository: () => UserRepository })
export class User {
  [EntityRepositoryType]?: UserRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text' })
  username!: string;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Property({ type: 'text' })
  role: Role = 'user';

  @Property({ type: 'text', nullable: true })
  plan: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
