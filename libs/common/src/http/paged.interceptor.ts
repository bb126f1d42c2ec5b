import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { NEXT_CURSOR_HEADER, Page } from './pagination';

/** Turns a handler's Page<T> into the bare array API.md prescribes, with X-Next-Cursor when more exist. */
@Injectable()
export class PagedInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<Page<unknown>>): Observable<unknown[]> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((page) => {
        if (page.nextCursor) void reply.header(NEXT_CURSOR_HEADER, page.nextCursor);
        return page.items;
      }),
    );
  }
}

/** `@Paged()` on a list route whose handler returns a Page<T>. */
export function Paged(): MethodDecorator {
  return applyDecorators(UseInterceptors(PagedInterceptor));
}
