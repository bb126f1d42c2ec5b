import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/**
 * ParseUUIDPipe whose 400 names the path parameter, as every validation error must:
 * `@Param('id', uuidParam('id'))`.
 */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException([`${name} must be a UUID`]) });
}
