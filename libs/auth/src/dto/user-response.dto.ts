import { ApiProperty } from '@nestjs/swagger';
import type { Role } from '@fleetwatch/common';
import type { User } from '../entities/user.entity';

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ['user', 'admin'] }) role!: Role;
  @ApiProperty({ type: String, nullable: true, example: 'solo' }) plan!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(user: User): UserResponseDto {
    return {
      id: user.id,
      email: user.email,
      username: user.username,
      role: user.role,
      plan: user.plan,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
