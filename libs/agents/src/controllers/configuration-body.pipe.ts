import { BadRequestException, PipeTransform } from '@nestjs/common';

/** The configuration body must be a JSON object (not an array, string or null). */
export class ConfigurationBodyPipe implements PipeTransform<unknown, Record<string, unknown>> {
  transform(value: unknown): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BadRequestException(['configuration must be a JSON object']);
    }
    return value as Record<string, unknown>;
  }
}
