import { v7 } from 'uuid';

/** Time-ordered UUIDv7: index-friendly primary keys. */
export function newId(): string {
  return v7();
}
