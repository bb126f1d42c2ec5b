import { PassThrough, Readable, Writable } from 'node:stream';
import { DownloadEndedError, guardDownload } from './download-guard';

/** Settles when the stream has closed, with the error it was destroyed with, if any. */
const ended = (stream: Readable) =>
  new Promise<Error | undefined>((resolve) => {
    stream.on('error', () => undefined);
    stream.once('close', () => resolve(stream.errored ?? undefined));
  });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('guardDownload', () => {
  it('passes every byte through and closes once when read to the end', async () => {
    const source = Readable.from(['a', 'b', 'c']);
    const onClose = jest.fn();
    const out = guardDownload(source, { idleMs: 50, maxMs: 10_000 }, onClose);
    let text = '';
    for await (const chunk of out) text += String(chunk);
    await wait(0);
    expect(text).toBe('abc');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('ends a download nobody ever reads, destroying its source', async () => {
    const source = new PassThrough();
    source.write(Buffer.alloc(64 * 1024));
    const onClose = jest.fn();
    const out = guardDownload(source, { idleMs: 40, maxMs: 10_000 }, onClose);
    const error = await ended(out);
    expect(error).toBeInstanceOf(DownloadEndedError);
    expect(error?.message).toBe('the client read nothing of this export for 0.04 s');
    expect(source.destroyed).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('ends a download whose reader stopped taking bytes', async () => {
    const source = new PassThrough();
    const out = guardDownload(source, { idleMs: 40, maxMs: 10_000 }, () => undefined);
    let taken = 0;
    // A reader that takes the first chunk and never acknowledges it: backpressure all the way up.
    out.pipe(new Writable({ highWaterMark: 1, write: (chunk: Buffer) => void (taken += chunk.length) }));
    const writing = setInterval(() => source.write(Buffer.alloc(4096)), 2);
    const error = await ended(out);
    clearInterval(writing);
    expect(error?.message).toBe('the client read nothing of this export for 0.04 s');
    expect(taken).toBe(4096);
    expect(source.destroyed).toBe(true);
  });

  it('waits for a slow source as long as it takes while the client keeps reading', async () => {
    const source = new PassThrough();
    const out = guardDownload(source, { idleMs: 30, maxMs: 10_000 }, () => undefined);
    const received: string[] = [];
    out.pipe(new Writable({ write: (chunk: Buffer, _e, done) => (received.push(chunk.toString()), done()) }));
    await wait(150);
    source.end('late');
    await ended(out);
    expect(out.errored).toBeNull();
    expect(received).toEqual(['late']);
  });

  it('ends a download that runs past its maximum, however steadily it is read', async () => {
    const source = new PassThrough();
    const out = guardDownload(source, { idleMs: 10_000, maxMs: 60 }, () => undefined);
    out.resume();
    const writing = setInterval(() => source.write('x'), 5);
    const error = await ended(out);
    clearInterval(writing);
    expect(error?.message).toBe('the export ran for its maximum of 0.06 s');
    expect(source.destroyed).toBe(true);
  });

  it('passes a source failure on to the client', async () => {
    const source = new PassThrough();
    const onClose = jest.fn();
    const out = guardDownload(source, { idleMs: 10_000, maxMs: 10_000 }, onClose);
    out.resume();
    source.destroy(new Error('connection lost'));
    expect((await ended(out))?.message).toBe('connection lost');
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
