import { Injectable } from '@nestjs/common';
import { AgentsService } from '@fleetwatch/agents';
import { Clock, decodeCursor, encodeCursor, Page, Principal } from '@fleetwatch/common';
import { ConversationDto, RunDetailDto, RunResponseDto } from '../dto/run.dto';
import { ConversationsQueryDto, RunLookupQueryDto, RunsQueryDto } from '../dto/runs-query.dto';
import { RunsError } from '../errors/runs.error';
import { MAX_RUN_CALLS, RunCallsRepository } from '../repositories/run-calls.repository';
import { RunRow } from '../repositories/run-row';
import { RunsQueryRepository } from '../repositories/runs-query.repository';
import { buildCallTree } from '../tree/call-tree';
import { callOf, conversationOf, runOf } from './run-mapping';

const DEFAULT_LIMIT = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class RunsService {
  constructor(
    private readonly agents: AgentsService,
    private readonly runs: RunsQueryRepository,
    private readonly calls: RunCallsRepository,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, agentId: string, query: RunsQueryDto): Promise<Page<RunResponseDto>> {
    await this.agents.getVisible(agentId, principal);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor);
    const rows = await this.runs.list(
      agentId,
      {
        status: query.status,
        conversationId: query.conversationId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        minCostUsd: query.minCostUsd,
      },
      limit + 1,
      after ? { at: new Date(after.at), key: after.id } : undefined,
    );
    const now = this.clock.now();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => runOf(r, now)),
      nextCursor: rows.length > limit ? encodeCursor({ at: new Date(last.started_at).toISOString(), id: last.key }) : undefined,
    };
  }

  async get(principal: Principal, id: string, query: RunLookupQueryDto): Promise<RunDetailDto> {
    let row: RunRow | null;
    if (query.agentId) {
      await this.agents.getVisible(query.agentId.toLowerCase(), principal);
      row = await this.runs.findByAgentAndId(query.agentId.toLowerCase(), id, principal);
    } else {
      row = UUID.test(id) ? await this.runs.findByKey(id.toLowerCase(), principal) : null;
    }
    if (!row) throw RunsError.runNotFound(id);
    const callRows = row.first_call_at && row.last_call_at ? await this.calls.calls(row.agent_id, row.id, row.first_call_at, row.last_call_at) : [];
    const listed = callRows.slice(0, MAX_RUN_CALLS);
    return {
      ...runOf(row, this.clock.now()),
      calls: buildCallTree(listed.map(callOf)),
      callsAvailable: listed.length,
      callsTruncated: callRows.length > MAX_RUN_CALLS,
    };
  }

  async conversations(principal: Principal, agentId: string, query: ConversationsQueryDto): Promise<Page<ConversationDto>> {
    await this.agents.getVisible(agentId, principal);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, { textId: true });
    const rows = await this.runs.conversations(agentId, limit + 1, after ? { at: new Date(after.at), conversationId: after.id } : undefined);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(conversationOf),
      nextCursor: rows.length > limit ? encodeCursor({ at: new Date(last.last_activity_at).toISOString(), id: last.conversation_id }) : undefined,
    };
  }
}
