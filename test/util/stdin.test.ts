// Reading all of stdin: joined as bytes (a multi-byte character may be cut between chunks), to
// the end however slowly it comes, bounded in size and in silence. The CLI's own stdin (a
// non-blocking fd 0 from a slow pipe) is exercised end to end in test/e2e/prompt-context.test.ts.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AgentError, TimeoutError, UsageError } from '../../src/errors.js';
import { sleep } from '../../src/util/sleep.js';
import { readAll } from '../../src/util/stdin.js';

describe('readAll', () => {
  it('reads to the end across pauses, joining bytes cut inside a character', async () => {
    const input = new PassThrough();
    const text = `start ${'ünïcødé 🚀 '.repeat(20_000)} end`;
    const bytes = Buffer.from(text);
    const done = readAll(input, { what: 'the prompt', maxBytes: 10 * 1024 * 1024 });
    // Odd-sized parts land inside multi-byte characters.
    for (let at = 0; at < bytes.length; at += 7_777) {
      input.write(bytes.subarray(at, at + 7_777));
      if (at === 0) await sleep(300);
    }
    input.end();
    expect(await done).toBe(text);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
  });

  it('reads empty input as an empty string', async () => {
    const input = new PassThrough();
    const done = readAll(input, { what: 'the prompt', maxBytes: 10 });
    input.end();
    expect(await done).toBe('');
  });

  it('takes exactly the limit and refuses a byte more, stopping the stream', async () => {
    const ok = new PassThrough();
    const fits = readAll(ok, { what: 'the message', maxBytes: 8 });
    ok.end('12345678');
    expect(await fits).toBe('12345678');

    const over = new PassThrough();
    const refused = readAll(over, { what: 'the message', maxBytes: 8 });
    over.write('1234');
    over.write('56789');
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow('the message on stdin is larger than 8 bytes');
    expect(over.destroyed).toBe(true);
  });

  it('gives up after the bound of silence with the pipe still open, saying how much came', async () => {
    const input = new PassThrough();
    const done = readAll(input, { what: 'the prompt', maxBytes: 1024, idleMs: 200 });
    input.write('abc');
    await expect(done).rejects.toThrow(TimeoutError);
    await expect(done).rejects.toThrow('stdin: nothing arrived for 0.2s and it was not closed (3 bytes of the prompt read); end the input to send it');
    expect(input.destroyed).toBe(true);
  });

  it('keeps waiting while parts keep coming, each resetting the bound', async () => {
    const input = new PassThrough();
    const done = readAll(input, { what: 'the prompt', maxBytes: 1024, idleMs: 600 });
    // Twelve parts 100 ms apart: longer in all than the bound, each gap far inside it.
    for (let i = 0; i < 12; i++) {
      input.write(`${i % 10}`);
      await sleep(100);
    }
    input.end();
    expect(await done).toBe('012345678901');
  });

  it('reports a read error as a runtime failure', async () => {
    const input = new PassThrough();
    const done = readAll(input, { what: 'the prompt', maxBytes: 1024 });
    input.destroy(new Error('EIO: i/o error, read'));
    const err = await done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentError);
    expect(err).not.toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe('stdin: cannot read the prompt: EIO: i/o error, read');
  });
});
