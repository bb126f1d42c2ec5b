import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { unsafeTextProblem } from './unsafe-text';

/**
 * A body typed without a DTO class (`unknown`, a record) is validated by its route: ingest by its
 * schema and its storage-error mapping (answers keep ingest's one-string format), configuration
 * bodies by their pipe, OTLP (a custom decorator) by its decoder.
 */
function routeValidatesItself(metadata: ArgumentMetadata): boolean {
  return metadata.type === 'body' && (metadata.metatype === undefined || metadata.metatype === Object || metadata.metatype === Array);
}

/**
 * The global ValidationPipe, plus one check every query, path parameter and DTO body gets before
 * its DTO: no NUL characters and no lone surrogates anywhere, keys included, naming the field path.
 */
export class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom' && !routeValidatesItself(metadata)) {
      const problem = unsafeTextProblem(value, metadata.data ?? '');
      if (problem) throw new BadRequestException([problem]);
    }
    return super.transform(value, metadata);
  }
}
