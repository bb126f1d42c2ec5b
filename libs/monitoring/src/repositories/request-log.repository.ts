import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** One `api_requests` row as it is inserted. */
export interface ApiRequestRow {
  id: string;
  user_id: string | null;
  method: string;
  route: string;
  status: number;
  duration_ms: number;
  ts: string;
}

/** Writes of `api_requests` (the service's own request timings): one statement per batch. */
@Injectable()
export class RequestLogRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(rows: ApiRequestRow[]): Promise<void> {
    await this.em
      .fork()
      .getConnection()
      .execute(
        `insert into api_requests (id, user_id, method, route, status, duration_ms, ts)
       select id, user_id, method, route, status, duration_ms, ts
       from jsonb_to_recordset(?::jsonb) as r(id uuid, user_id uuid, method text, route text, status integer, duration_ms double precision, ts timestamptz)`,
        [JSON.stringify(rows)],
        'run',
      );
  }
}
