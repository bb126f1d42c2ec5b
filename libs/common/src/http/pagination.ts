import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export const NEXT_CURSOR_HEADER = 'X-Next-Cursor';

/** `limit` and `cursor` as every list route takes them; the next cursor goes in X-Next-Cursor. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the X-Next-Cursor header of the previous page.' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** Keyset cursor over (created_at, id), encoded opaque. */
export interface Keyset {
  at: string;
  id: string;
}

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.at, keyset.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {
    // fall through: an unreadable cursor is a client error
  }
  return undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
