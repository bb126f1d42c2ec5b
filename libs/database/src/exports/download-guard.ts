import { Readable } from 'node:stream';

export interface DownloadLimits {
  /** Milliseconds the client may leave bytes unread before the download is ended. */
  idleMs: number;
  /** Milliseconds a download may run at all. */
  maxMs: number;
}

export class DownloadEndedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadEndedError';
  }
}

const seconds = (ms: number) => `${ms / 1000} s`;

/**
 * Passes a download's bytes through and destroys it, and with it everything upstream (a cursor, its
 * connection and snapshot), when the client has stopped reading for idleMs or the download has run
 * maxMs. "Stopped reading" means bytes wait in our buffer and nobody has pulled for idleMs (once the
 * socket's buffers are full, the response stops pulling): a slow query leaves the buffer empty, so
 * it is never mistaken for a stalled client. `onClose` runs once, however the download ends
 * (finished, failed, hung up, timed out).
 */
export function guardDownload(source: Readable, limits: DownloadLimits, onClose: () => void): Readable {
  let lastPull = performance.now();
  let started = false;
  const out = new Readable({
    read() {
      lastPull = performance.now();
      if (!started) {
        started = true;
        // Nothing is pulled upstream (no cursor fetch) before the client's side asks for bytes.
        source.on('data', (chunk: Buffer | string) => {
          if (!out.push(chunk)) source.pause();
        });
      } else if (source.isPaused()) source.resume();
    },
    destroy(error, callback) {
      clearInterval(idleCheck);
      clearTimeout(cap);
      if (!source.destroyed) source.destroy();
      onClose();
      callback(error);
    },
  });
  source.once('end', () => out.push(null));
  source.once('error', (error) => out.destroy(error));
  source.once('close', () => {
    if (!source.readableEnded && !out.destroyed) out.destroy(new DownloadEndedError('the export stopped before its end'));
  });

  const idleCheck = setInterval(
    () => {
      // Never asked for, or bytes waiting with nobody pulling: either way the client is not reading.
      if ((!started || out.readableLength > 0) && performance.now() - lastPull >= limits.idleMs) {
        out.destroy(new DownloadEndedError(`the client read nothing of this export for ${seconds(limits.idleMs)}`));
      }
    },
    Math.max(10, Math.min(1000, limits.idleMs / 4)),
  );
  const cap = setTimeout(() => out.destroy(new DownloadEndedError(`the export ran for its maximum of ${seconds(limits.maxMs)}`)), limits.maxMs);
  idleCheck.unref();
  cap.unref();
  return out;
}
