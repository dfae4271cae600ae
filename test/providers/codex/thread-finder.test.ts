// Which thread an interactive Codex is on: the rollout file its process holds open. The pure parts
// are table-tested; openFilesForWriting/findOpenRollout are run against a real child process holding a file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findOpenRollout, openFilesForWriting, rolloutPaths, threadIdOfRollout, writtenFromLsof } from '../../../src/providers/codex/thread-finder.js';
import { tempDir } from '../../support/store-record.js';

const UUID = '01a20c57-d855-7093-9c9c-98fed7b379fd';
const NAME = `rollout-2026-11-24T06-56-53-${UUID}.jsonl`;
const ROLLOUT = `/home/u/.codex/sessions/2026/11/24/${NAME}`;

describe('threadIdOfRollout', () => {
  it.each([
    [ROLLOUT, UUID],
    [NAME, UUID],
    ['/private/var/folders/x/T/home/sessions/2026/01/02/rollout-2026-01-02T03-04-05-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl', '0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee'],
  ])('%s -> %s', (path, id) => {
    expect(threadIdOfRollout(path)).toBe(id);
  });

  it.each([
    ['not .jsonl', ROLLOUT.replace(/\.jsonl$/, '.json')],
    ['a temporary sibling', `${ROLLOUT}.tmp`],
    ['deleted, as /proc shows it', `${ROLLOUT} (deleted)`],
    ['uppercase hex', ROLLOUT.replace(UUID, UUID.toUpperCase())],
    ['a short uuid', ROLLOUT.replace(UUID, UUID.slice(0, -1))],
    ['no rollout- prefix', `/home/u/.codex/sessions/2026/11/24/${UUID}.jsonl`],
    ['"rollout-" only in a folder name', `/home/u/.codex/sessions/rollout-2026/x-${UUID}.jsonl`],
    ['empty', ''],
  ])('%s -> null', (_name, path) => {
    expect(threadIdOfRollout(path)).toBeNull();
  });
});

describe('rolloutPaths', () => {
  it('keeps only rollout files under a sessions folder, in order', () => {
    const other = `/tmp/h/sessions/2026/11/24/rollout-2026-11-24T07-00-00-0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.jsonl`;
    const open = [
      '/dev/null',
      'pipe:[12345]',
      'socket:[67890]',
      '/dev/pts/3',
      ROLLOUT,
      '/home/u/.codex/log/codex-tui.log',
      '/home/u/.codex/state_5.sqlite',
      `/home/u/.codex/archived_sessions/${NAME}`,
      `/home/u/.codex/${NAME}`,
      `${ROLLOUT} (deleted)`,
      other,
    ];
    expect(rolloutPaths(open)).toEqual([ROLLOUT, other]);
  });

  it('is empty for no paths or none that match', () => {
    expect(rolloutPaths([])).toEqual([]);
    expect(rolloutPaths(['/dev/null', 'anon_inode:[eventfd]'])).toEqual([]);
  });
});

describe('writtenFromLsof', () => {
  it('keeps names opened for writing (w) or both (u), drops read-only ones', () => {
    const out = ['p123', 'f3', 'ar', 'n/s/rollout-a.jsonl', 'f4', 'aw', 'n/s/rollout-b.jsonl', 'f5', 'au', 'n/x.log', 'f6', 'n/no-access'].join('\n');
    expect(writtenFromLsof(out)).toEqual(['/s/rollout-b.jsonl', '/x.log']);
  });
});

describe('openFilesForWriting / findOpenRollout on a real process', () => {
  let tmp: { dir: string; cleanup: () => void };
  let children: ChildProcess[] = [];

  beforeEach(() => {
    tmp = tempDir('codex-agent-thread-finder-');
  });
  afterEach(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    }
    children = [];
    tmp.cleanup();
  });

  /** A node child that opens these files, keeps them open, and says "ready". */
  async function holder(paths: string[], readOnly: string[] = []): Promise<ChildProcess> {
    const script = `
      const fs = require('node:fs');
      const fds = JSON.parse(process.argv[1]).map((p) => fs.openSync(p, 'a'));
      for (const p of JSON.parse(process.argv[2])) fds.push(fs.openSync(p, 'r'));
      process.stdout.write('ready ' + fds.length + '\\n');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['-e', script, JSON.stringify(paths), JSON.stringify(readOnly)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`holder exited early with ${code}`)));
    });
    return child;
  }

  function rolloutIn(root: string, name = NAME): string {
    const dir = join(root, 'sessions', '2026', '11', '24');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    writeFileSync(path, '{"type":"session_meta"}\n');
    return path;
  }

  it('finds the rollout file the process holds open, among its other files', async () => {
    const root = realpathSync(tmp.dir);
    const rollout = rolloutIn(root);
    const log = join(root, 'codex-tui.log');
    const child = await holder([log, rollout]);

    const files = await openFilesForWriting([child.pid!]);
    expect(files).toContain(rollout);
    expect(files).toContain(log);
    expect(await findOpenRollout([child.pid!])).toBe(rollout);
    expect(threadIdOfRollout((await findOpenRollout([child.pid!]))!)).toBe(UUID);
  });

  it('looks through every pid given (Codex runs under a node wrapper)', async () => {
    const root = realpathSync(tmp.dir);
    const rollout = rolloutIn(root);
    const wrapper = await holder([join(root, 'wrapper.log')]);
    const codex = await holder([rollout]);
    expect(await findOpenRollout([wrapper.pid!, codex.pid!])).toBe(rollout);
  });

  it('takes the rollout the process writes, not other threads it only reads (Codex indexes its history)', async () => {
    const root = realpathSync(tmp.dir);
    const other = rolloutIn(root, 'rollout-2026-11-24T06-00-00-01a20c57-0000-7000-8000-000000000001.jsonl');
    const own = rolloutIn(root);
    const both = await holder([own], [other]);
    expect(await findOpenRollout([both.pid!])).toBe(own);
    const readerOnly = await holder([], [other]);
    expect(await findOpenRollout([readerOnly.pid!])).toBeNull();
  });

  it('skips a thread another job already owns', async () => {
    const root = realpathSync(tmp.dir);
    const own = rolloutIn(root);
    const child = await holder([own]);
    expect(await findOpenRollout([child.pid!], new Set([UUID]))).toBeNull();
  });

  it('is null for a process with no rollout open and for a pid that is gone', async () => {
    const root = realpathSync(tmp.dir);
    rolloutIn(root); // exists on disk, but nobody holds it open
    const idle = await holder([join(root, 'other.jsonl')]);
    expect(await findOpenRollout([idle.pid!])).toBeNull();

    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.once('exit', r));
    expect(await findOpenRollout([gone.pid!])).toBeNull();
    expect(await openFilesForWriting([])).toEqual([]);
  });

  it('no longer finds the file once the process has closed it by exiting', async () => {
    const root = realpathSync(tmp.dir);
    const rollout = rolloutIn(root);
    const child = await holder([rollout]);
    expect(await findOpenRollout([child.pid!])).toBe(rollout);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(await findOpenRollout([child.pid!])).toBeNull();
  });
});
