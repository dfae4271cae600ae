import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { descendants, isAlive, killTree, planKill, stillRunning, type ProcRow } from '../../src/proc/tree.js';

// Parent that starts two grandchildren in their own process groups, so only a
// tree walk (not the parent's group) can reach them. One ignores SIGTERM.
const PARENT = `
const { spawn } = require('node:child_process');
const kid = (code) => spawn(process.execPath, ['-e', code], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
const plain = kid("process.stdout.write('ready\\\\n'); setInterval(() => {}, 1000)");
const stubborn = kid("process.on('SIGTERM', () => {}); process.stdout.write('ready\\\\n'); setInterval(() => {}, 1000)");
let ready = 0;
for (const k of [plain, stubborn]) {
  k.stdout.once('data', () => {
    if (++ready === 2) console.log(JSON.stringify({ plain: plain.pid, stubborn: stubborn.pid }));
  });
}
setInterval(() => {}, 1000);
`;

const started: number[] = [];

afterEach(() => {
  // Never leave strays behind if an assertion failed midway.
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function startTree(): Promise<{ parent: ChildProcess; plain: number; stubborn: number }> {
  const parent = spawn(process.execPath, ['-e', PARENT], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(parent.pid!);
  const [chunk] = (await once(parent.stdout!, 'data')) as [Buffer];
  const { plain, stubborn } = JSON.parse(chunk.toString()) as { plain: number; stubborn: number };
  started.push(plain, stubborn);
  return { parent, plain, stubborn };
}

describe('isAlive', () => {
  it('is true for us and false for a finished child and for non-pids', async () => {
    expect(isAlive(process.pid)).toBe(true);
    const child = spawn(process.execPath, ['-e', '0']);
    await once(child, 'exit');
    // Node reaps its children, so the pid is gone rather than a zombie.
    await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(child.pid!)).toBe(false);
    expect(isAlive(0)).toBe(false);
    expect(isAlive(-1)).toBe(false);
    expect(isAlive(1.5)).toBe(false);
  });
});

describe('planKill (pure)', () => {
  const row = (pid: number, ppid: number, pgid = pid): ProcRow => ({ pid, ppid, pgid, zombie: false });

  it('walks nested descendants and adds group members of a group leader', () => {
    const rows = [row(1, 0), row(100, 1), row(101, 100, 100), row(102, 101, 102), row(103, 102, 102), row(200, 1, 100), row(300, 1)];
    const plan = planKill(rows, 100, 999);
    expect(plan.pids.sort()).toEqual([100, 101, 102, 103, 200]);
    expect(plan.group).toBe(true);
  });

  it('never includes our own pid or pid 1, and skips a group we are in', () => {
    const rows = [row(1, 0), row(50, 1, 50), row(60, 50, 50), row(1, 50, 50)];
    const plan = planKill(rows, 50, 60);
    expect(plan.pids).toEqual([50]);
    expect(plan.group).toBe(false);
  });

  it('does not group-signal a root that is not a group leader', () => {
    const plan = planKill([row(10, 1, 5), row(11, 10, 5)], 10, 999);
    expect(plan.group).toBe(false);
    expect(plan.pids.sort()).toEqual([10, 11]);
  });

  it('refuses pid <= 1, non-integers and ourselves', () => {
    expect(() => planKill([], 1, 999)).toThrow(RangeError);
    expect(() => planKill([], 0, 999)).toThrow(RangeError);
    expect(() => planKill([], -5, 999)).toThrow(RangeError);
    expect(() => planKill([], 2.5, 999)).toThrow(RangeError);
    expect(() => planKill([], 999, 999)).toThrow(RangeError);
  });

  it('killTree rejects the same roots before signalling anything', async () => {
    await expect(killTree(process.pid)).rejects.toThrow(RangeError);
  });
});

describe('real process trees', () => {
  it('descendants finds grandchildren', async () => {
    const { parent, plain, stubborn } = await startTree();
    const found = await descendants(parent.pid!);
    expect(found).toEqual(expect.arrayContaining([plain, stubborn]));
    expect(found).not.toContain(parent.pid);
    expect(found).not.toContain(process.pid);
  });

  it('killTree terminates the whole tree and SIGKILLs the SIGTERM-ignorer', async () => {
    const { parent, plain, stubborn } = await startTree();
    const root = parent.pid!;
    const exited = once(parent, 'exit');
    const result = await killTree(root, { graceMs: 600 });

    // Grandchildren live in other process groups: only the tree walk reaches them.
    expect(result.signalled).toEqual(expect.arrayContaining([root, plain, stubborn]));
    expect(result.survivors).toEqual([stubborn]);
    expect(result.remaining).toEqual([]);
    await exited;
    expect(await stillRunning([root, plain, stubborn])).toEqual([]);
  });

  it('reports nothing to escalate when everything obeys SIGTERM', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    started.push(child.pid!);
    const start = Date.now();
    const result = await killTree(child.pid!, { graceMs: 5000 });
    expect(result).toEqual({ signalled: [child.pid], survivors: [], remaining: [] });
    // Polling noticed the exit well before the grace period ran out.
    expect(Date.now() - start).toBeLessThan(3000);
  });
});
