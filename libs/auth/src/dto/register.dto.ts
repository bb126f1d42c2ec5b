import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class RegisterDto {
  @ApiProperty({ example: 'ops@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ description: 'Account slug, used in /api/v1/agents/:account/...', example: 'astro-team', pattern: '^[a-z0-9][a-z0-9-]{1,38}$' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,38}$/, { message: 'username must be 2-39 lowercase letters, digits or dashes, not starting with a dash' })
  username!: string;
}
