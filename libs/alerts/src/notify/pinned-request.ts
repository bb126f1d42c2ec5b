import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import type { ResolvedAddress } from './url-guard';

export interface PinnedPost {
  url: URL;
  /** Connect to exactly this address (already checked); null: resolve normally. */
  pin: ResolvedAddress | null;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Checked against the socket's peer once connected; a refused peer ends the request. */
  refusePeer?: (address: string) => boolean;
}

export class PinnedRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A lookup that answers the pinned address whatever the name, so the connection cannot re-resolve. */
function pinnedLookup(pin: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pin]);
    else callback(null, pin.address, pin.family);
  };
}

/**
 * One POST without redirects. The URL's host stays the Host header and the TLS server name (and
 * the name the certificate must match); only the address connected to is fixed. Answers the status
 * code after reading (and dropping) the body.
 */
export function postPinned(post: PinnedPost): Promise<number> {
  const { url } = post;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, status?: number): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(status!);
    };
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        agent: false,
        ...(post.pin ? { lookup: pinnedLookup(post.pin) } : {}),
      },
      (res: IncomingMessage) => {
        res.on('data', () => undefined);
        res.on('end', () => finish(null, res.statusCode ?? 0));
        res.on('error', (error) => finish(error));
      },
    );
    const timer = setTimeout(() => {
      const error = new PinnedRequestError('TIMEOUT', `timed out after ${post.timeoutMs} ms`);
      finish(error);
      req.destroy(error);
    }, post.timeoutMs);
    // Nothing is written before the peer is known: headers and body go out only once it passed.
    req.on('socket', (socket: Socket) => {
      const checkPeer = (): void => {
        const peer = socket.remoteAddress ?? '';
        if (post.refusePeer?.(peer)) req.destroy(new PinnedRequestError('PRIVATE_PEER', `connected to a private address (${peer})`));
        else req.end(post.body);
      };
      if (socket.connecting) socket.once('connect', checkPeer);
      else checkPeer();
    });
    req.on('error', (error) => finish(error));
  });
}
