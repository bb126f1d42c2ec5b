import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The page size every list takes (API.md: default 50, max 500), whatever the route names it: `limit`, or a
 * seed's `per_page`. Routes with other bounds declare their own.
 */
export function PageSize(): PropertyDecorator {
  // Listed in the order stacked decorators take effect (the lowest first), so validation messages keep their order.
  return applyDecorators(
    Max(500),
    Min(1),
    IsInt(),
    Type(() => Number),
    IsOptional(),
    ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 }),
  );
}
