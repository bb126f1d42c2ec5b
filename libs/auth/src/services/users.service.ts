import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock, decodeCursor, encodeCursor, Page, Principal } from '@fleetwatch/common';
import { UpdateUserDto } from '../dto/update-user.dto';
import { UserResponseDto } from '../dto/user-response.dto';
import { AuthError, AuthErrorCode } from '../errors/auth.error';
import { UserRepository } from '../repositories/user.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  async me(principal: Principal): Promise<UserResponseDto> {
    const user = await this.users.findOne({ id: principal.userId });
    if (!user) throw new AuthError(AuthErrorCode.UserNotFound, 'user not found');
    return UserResponseDto.from(user);
  }

  async list(limit = 50, cursor?: string): Promise<Page<UserResponseDto>> {
    const after = decodeCursor(cursor);
    const rows = await this.users.listAll(limit + 1, after ? { at: new Date(after.at), id: after.id } : undefined);
    const items = rows.slice(0, limit).map((u) => UserResponseDto.from(u));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : undefined };
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    const user = await this.users.findOne({ id });
    if (!user) throw new AuthError(AuthErrorCode.UserNotFound, `user ${id} not found`);
    if (dto.role === 'user' && user.role === 'admin' && (await this.users.count({ role: 'admin' })) <= 1) {
      throw new AuthError(AuthErrorCode.LastAdmin, 'the last admin cannot be demoted; promote another user first');
    }
    if (dto.role !== undefined) user.role = dto.role;
    if (dto.plan !== undefined) user.plan = dto.plan;
    user.updatedAt = this.clock.now();
    await this.em.flush();
    return UserResponseDto.from(user);
  }
}
