// A private tmux socket's file is removed only when it is ours and nothing answers on it.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep } from '../../src/util/sleep.js';
import { probeSocket, removeDeadSocket, tmuxSocketPath } from '../../src/util/tmux-socket.js';

let dir: string;
const servers: Server[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ca-sock-'));
});
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function listen(path: string): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer((c) => c.end());
    servers.push(s);
    s.listen(path, () => resolve(s));
  });
}

/** A socket file nobody listens on, as tmux leaves it: a real server whose last session ended. */
async function deadSocket(): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, TMUX_TMPDIR: dir };
  delete env.TMUX;
  await execa('tmux', ['-L', 'dead', 'new-session', '-d', '-s', 'brief', 'true'], { env });
  const path = tmuxSocketPath('dead', env)!;
  for (let i = 0; i < 100 && (await probeSocket(path)) !== 'dead'; i++) await sleep(50);
  return path;
}

describe('tmux socket files', () => {
  it('are where tmux keeps them', () => {
    expect(tmuxSocketPath('x', { TMUX_TMPDIR: '/var/t' })).toBe(`/var/t/tmux-${process.getuid!()}/x`);
    expect(tmuxSocketPath('x', {})).toBe(`/tmp/tmux-${process.getuid!()}/x`);
  });

  it('a dead socket is removed; a live one, a regular file and a missing one are left alone', async () => {
    const dead = await deadSocket();
    expect(existsSync(dead)).toBe(true);
    expect(await probeSocket(dead)).toBe('dead');
    expect(await removeDeadSocket(dead)).toBe(true);
    expect(existsSync(dead)).toBe(false);

    const live = join(dir, 'live');
    await listen(live);
    expect(await probeSocket(live)).toBe('live');
    expect(await removeDeadSocket(live)).toBe(false);
    expect(existsSync(live)).toBe(true);

    const file = join(dir, 'file');
    writeFileSync(file, 'not a socket');
    expect(await removeDeadSocket(file)).toBe(false);
    expect(existsSync(file)).toBe(true);

    expect(await probeSocket(join(dir, 'none'))).toBe('none');
    expect(await removeDeadSocket(join(dir, 'none'))).toBe(false);
  });
});
