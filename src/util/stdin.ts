// All of stdin, for a prompt or a message given as "-". Not readFileSync(0): once execa is loaded,
// fd 0 is non-blocking, and one synchronous read of a pipe whose writer is slow, or has more than
// the pipe's 64 KB buffer to give, fails with EAGAIN. The stream reads until end of input.
import type { Readable } from 'node:stream';
import { AgentError, TimeoutError, UsageError } from '../errors.js';
import { exactUtf8 } from './utf8.js';

export interface ReadAllOptions {
  /** What is read, for the error lines ("the prompt"). */
  what: string;
  /** More than this many bytes is a usage error; reading stops there. */
  maxBytes: number;
  /** No byte and no end of input for this long: give up, saying how much came. */
  idleMs?: number;
}

/** A writer may pause between parts; silence this long with the pipe still open means it is stuck. */
export const STDIN_IDLE_MS = 300_000;

function size(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MiB`;
  return n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} bytes`;
}

/** Reads the stream to its end as UTF-8, bounded in size and in silence. */
export function readAll(input: Readable, opts: ReadAllOptions): Promise<string> {
  const idleMs = opts.idleMs ?? STDIN_IDLE_MS;
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (err: Error | null): void => {
      clearTimeout(timer);
      input.off('data', onData).off('end', onEnd).off('error', onError);
      if (err) {
        // Nothing more is wanted from it; a destroyed stdin also lets the process exit.
        input.destroy();
        reject(err);
      } else {
        // Bytes that are not UTF-8 are refused, never read as U+FFFD.
        try {
          resolve(exactUtf8(Buffer.concat(chunks, bytes), `${opts.what} on stdin`));
        } catch (e) {
          reject(e as Error);
        }
      }
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const secs = Number((idleMs / 1000).toFixed(1));
        finish(new TimeoutError(`stdin: nothing arrived for ${secs}s and it was not closed (${size(bytes)} of ${opts.what} read); end the input to send it`));
      }, idleMs);
    };
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buf.length;
      if (bytes > opts.maxBytes) return finish(new UsageError(`${opts.what} on stdin is larger than ${size(opts.maxBytes)}`));
      chunks.push(buf);
      arm();
    };
    const onEnd = (): void => finish(null);
    const onError = (err: Error): void => finish(new AgentError(`stdin: cannot read ${opts.what}: ${err.message}`));
    input.on('data', onData).on('end', onEnd).on('error', onError);
    arm();
  });
}

/** All of this process's stdin (see readAll). */
export function readStdin(opts: ReadAllOptions): Promise<string> {
  return readAll(process.stdin, opts);
}
