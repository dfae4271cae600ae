import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/util/sleep.js';
import { WaitTimeoutError, waitFor } from '../../src/util/wait.js';

describe('sleep', () => {
  it('waits roughly the requested time', async () => {
    const start = Date.now();
    await sleep(60);
    expect(Date.now() - start).toBeGreaterThanOrEqual(55);
  });

  it('treats negative and NaN as zero', async () => {
    const start = Date.now();
    await sleep(-100);
    await sleep(Number.NaN);
    expect(Date.now() - start).toBeLessThan(50);
  });
});

describe('waitFor', () => {
  it('returns the first ready value, including falsy-but-valid ones', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls < 3 ? undefined : 0), {
      timeoutMs: 2000,
      intervalMs: 5,
      describe: () => `calls=${calls}`,
    });
    expect(value).toBe(0);
    expect(calls).toBe(3);
  });

  it('accepts async checks and skips null/false', async () => {
    const seq: (string | null | false)[] = [null, false, 'ready'];
    const value = await waitFor(async () => seq.shift() ?? null, { timeoutMs: 2000, intervalMs: 5, describe: () => '' });
    expect(value).toBe('ready');
  });

  it('times out with what was awaited and what describe() saw', async () => {
    const start = Date.now();
    const err = await waitFor(() => false, {
      timeoutMs: 150,
      intervalMs: 10,
      label: 'the prompt',
      describe: async () => 'pane shows: loading...',
    }).catch((e: unknown) => e);
    const elapsed = Date.now() - start;
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as Error).message).toContain('the prompt');
    expect((err as Error).message).toContain('pane shows: loading...');
    expect((err as WaitTimeoutError).observed).toBe('pane shows: loading...');
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1000);
  });

  it('backs off between polls up to maxIntervalMs', async () => {
    const stamps: number[] = [];
    await waitFor(() => (stamps.push(Date.now()), false), {
      timeoutMs: 700,
      intervalMs: 10,
      maxIntervalMs: 100,
      describe: () => '',
    }).catch(() => undefined);
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
    // Constant 10ms polling would give ~70 polls; backoff capped at 100ms gives ~12.
    expect(stamps.length).toBeLessThan(20);
    expect(stamps.length).toBeGreaterThan(5);
    expect(Math.max(...gaps)).toBeLessThan(160);
  });

  it('propagates errors thrown by the check', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('probe broke');
        },
        { timeoutMs: 1000, describe: () => '' },
      ),
    ).rejects.toThrow('probe broke');
  });

  it('still reports the timeout if describe() throws', async () => {
    const err = await waitFor(() => null, {
      timeoutMs: 20,
      label: 'x',
      describe: () => {
        throw new Error('describe exploded');
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as Error).message).toContain('describe exploded');
  });
});
