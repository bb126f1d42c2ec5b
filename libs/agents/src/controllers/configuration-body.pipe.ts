import { BadRequestException, PipeTransform } from '@nestjs/common';
import { unsafeTextProblem } from '@fleetwatch/common';

/** The configuration body must be a JSON object (not an array, string or null) PostgreSQL can store. */
export class ConfigurationBodyPipe implements PipeTransform<unknown, Record<string, unknown>> {
  transform(value: unknown): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BadRequestException(['configuration must be a JSON object']);
    }
    const problem = unsafeTextProblem(value, 'configuration');
    if (problem) throw new BadRequestException([problem]);
    return value as Record<string, unknown>;
  }
}
