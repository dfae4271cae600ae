// Waker over real filesystem events. No timing is asserted: a wait that should end on a change
// gets a bound far beyond the test's own timeout (so only the change can end it), and a wait that
// should not end is raced against a short timer (load can only make that check pass, not fail).
import { appendFileSync, mkdirSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Waker } from '../../src/util/waker.js';
import { tempDir } from '../support/store-record.js';

/** Longer than any test may run: a wait with this bound ends only by a change or close(). */
const FOREVER = 3_600_000;

let tmp: { dir: string; cleanup: () => void };
const wakers: Waker[] = [];
beforeEach(() => {
  tmp = tempDir('codex-agent-waker-');
});
afterEach(() => {
  for (const w of wakers.splice(0)) w.close();
  tmp.cleanup();
});

function waker(paths: string[] = []): Waker {
  const w = new Waker(paths);
  wakers.push(w);
  return w;
}

/** 'woke' if the wait ended within `ms`, else 'still waiting'. */
async function endsWithin(p: Promise<void>, ms: number): Promise<'woke' | 'still waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still waiting'>((resolve) => {
    timer = setTimeout(() => resolve('still waiting'), ms);
  });
  try {
    return await Promise.race([p.then(() => 'woke' as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves on the next event an independent watcher sees at `path`: the waker's watcher has seen it too. */
function nextEvent(path: string): Promise<void> {
  return new Promise((resolve) => {
    const w = watch(path, () => {
      w.close();
      // Watchers of one path are called in the same turn; let the waker's run too.
      setImmediate(resolve);
    });
  });
}

describe('Waker', () => {
  it('a wait ends when a file is written in a watched folder', async () => {
    const w = waker([tmp.dir]);
    const waiting = w.wait(FOREVER);
    writeFileSync(join(tmp.dir, 'record.json'), '{}');
    await waiting;
  });

  it('a wait ends when a watched file grows', async () => {
    const file = join(tmp.dir, 'rollout.jsonl');
    writeFileSync(file, 'first\n');
    const w = waker();
    w.watch(file);
    const waiting = w.wait(FOREVER);
    appendFileSync(file, 'second\n');
    await waiting;
  });

  it('a change that came while nobody waited ends the next wait at once, and only that one', async () => {
    const w = waker([tmp.dir]);
    const seen = nextEvent(tmp.dir);
    writeFileSync(join(tmp.dir, 'a'), 'x');
    await seen;
    // Remembered: a wait that only a change could end, ends.
    await w.wait(FOREVER);
    // Consumed: the next wait waits.
    expect(await endsWithin(w.wait(FOREVER), 300)).toBe('still waiting');
    w.poke();
  });

  it('poke is a change: it ends a wait, or the next one', async () => {
    const w = waker();
    const waiting = w.wait(FOREVER);
    w.poke();
    await waiting;
    w.poke();
    w.poke();
    await w.wait(FOREVER);
    expect(await endsWithin(w.wait(FOREVER), 300)).toBe('still waiting');
    w.poke();
  });

  it('without a change a wait ends at its bound, and leaves nothing remembered', async () => {
    const w = waker([tmp.dir]);
    await w.wait(20);
    expect(await endsWithin(w.wait(FOREVER), 300)).toBe('still waiting');
    w.poke();
    // A bound of zero or below still ends.
    await w.wait(0);
    await w.wait(-5);
  });

  it('a path that cannot be watched leaves the bound to pace the wait', async () => {
    const w = waker([join(tmp.dir, 'missing', 'file')]);
    await w.wait(20);
    // Watching it again later, once it exists, still works.
    mkdirSync(join(tmp.dir, 'later'));
    w.watch(join(tmp.dir, 'later'));
    const waiting = w.wait(FOREVER);
    writeFileSync(join(tmp.dir, 'later', 'x'), '1');
    await waiting;
  });

  it('watching a path twice is one watch', async () => {
    const w = waker([tmp.dir, tmp.dir]);
    w.watch(tmp.dir);
    const waiting = w.wait(FOREVER);
    writeFileSync(join(tmp.dir, 'once'), '1');
    await waiting;
  });

  it('close ends a pending wait and stops watching', async () => {
    const w = waker([tmp.dir]);
    const waiting = w.wait(FOREVER);
    w.close();
    await waiting;
    const seen = nextEvent(tmp.dir);
    writeFileSync(join(tmp.dir, 'after-close'), '1');
    await seen;
    const next = w.wait(FOREVER);
    expect(await endsWithin(next, 300)).toBe('still waiting');
    w.poke();
    await next;
  });
});
