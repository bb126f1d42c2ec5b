import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { unsafeTextProblem } from './unsafe-text';

/**
 * The global ValidationPipe, plus one check every body, query and path parameter gets before its
 * DTO: no NUL characters and no lone surrogates anywhere, keys included. Doing it here, once,
 * covers DTO-less bodies too (ingest, OTLP JSON, deployment configuration).
 */
export class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = unsafeTextProblem(value, metadata.data ?? '');
      if (problem) throw new BadRequestException([problem]);
    }
    return super.transform(value, metadata);
  }
}
