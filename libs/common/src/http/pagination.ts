import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { HttpErrorCode } from '../errors/error-codes';
import { CursorOptions, IsCursor, parseCursor } from './cursor.validator';
import { PageSize } from './page-size.decorator';

export const NEXT_CURSOR_HEADER = 'X-Next-Cursor';

/** `limit` and `cursor` as every list route takes them; the next cursor goes in X-Next-Cursor. */
export class PageQueryDto {
  @PageSize()
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the X-Next-Cursor header of the previous page.' })
  @IsOptional()
  @IsString()
  @IsCursor()
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

/**
 * The keyset behind a cursor; undefined when there is none. An unreadable cursor is a client error
 * (400 naming `cursor`): silently restarting the list would make a client loop over page one.
 */
export function decodeCursor(cursor: string | undefined, options: CursorOptions = {}): Keyset | undefined {
  if (cursor === undefined) return undefined;
  const keyset = parseCursor(cursor, options);
  if (!keyset) throw new DomainError('bad_request', HttpErrorCode.InvalidCursor, 'cursor must be a value taken from the X-Next-Cursor header');
  return keyset;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
