import { DomainError, HttpErrorCode } from '@fleetwatch/common';

/** Conversations page by (last activity, conversation id); the id is the client's text, not a UUID, so it has its own cursor. */
export interface ConversationKeyset {
  at: Date;
  conversationId: string;
}

export function encodeConversationCursor(k: ConversationKeyset): string {
  return Buffer.from(JSON.stringify([k.at.toISOString(), k.conversationId])).toString('base64url');
}

/** The keyset, or a 400 naming `cursor` for text this service did not hand out. */
export function decodeConversationCursor(cursor: string | undefined): ConversationKeyset | undefined {
  if (cursor === undefined) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'string' && typeof decoded[1] === 'string') {
      const at = new Date(decoded[0]);
      if (!Number.isNaN(at.getTime()) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(decoded[0])) return { at, conversationId: decoded[1] };
    }
  } catch {
    // not base64url JSON
  }
  throw new DomainError('bad_request', HttpErrorCode.InvalidCursor, 'cursor must be a value taken from the X-Next-Cursor header');
}
