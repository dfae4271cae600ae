// The agent's processes: launcher scripts, finding the program behind one, and how an exit is told.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refOf, type ProcRef } from '../../src/proc/identity.js';
import { readProc } from '../../src/proc/table.js';
import { agentMarker, exitDetail, findAgentChild, isLauncherScript, isScript, trackAgent } from '../../src/runner/agent-procs.js';
import { waitFor } from '../../src/util/wait.js';
import { tempDir } from '../support/store-record.js';

describe('agentMarker', () => {
  it('is the job id in an environment variable', () => {
    expect(agentMarker('abcd1234')).toEqual({ name: 'CODEX_AGENT_JOB_ID', value: 'abcd1234', entry: 'CODEX_AGENT_JOB_ID=abcd1234' });
  });
});

describe('isScript (pure)', () => {
  it.each<[string, Buffer, boolean]>([
    ['a node launcher', Buffer.from('#!/usr/bin/env node\n'), true],
    ['just the two bytes', Buffer.from('#!'), true],
    ['a shell script', Buffer.from('#!/bin/sh\nexec codex "$@"\n'), true],
    ['an ELF binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02]), false],
    ['a Mach-O binary', Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), false],
    ['one byte', Buffer.from('#'), false],
    ['nothing', Buffer.alloc(0), false],
    ['reversed', Buffer.from('!#/bin/sh'), false],
    ['a comment, no bang', Buffer.from('# notes'), false],
    ['a leading space', Buffer.from(' #!/bin/sh'), false],
  ])('%s -> %s', (_name, head, expected) => {
    expect(isScript(head)).toBe(expected);
  });
});

describe('isLauncherScript', () => {
  let tmp: { dir: string; cleanup: () => void };
  beforeEach(() => {
    tmp = tempDir('codex-agent-procs-');
  });
  afterEach(() => tmp.cleanup());

  it('reads the first bytes of the file', () => {
    const script = join(tmp.dir, 'codex');
    writeFileSync(script, '#!/bin/sh\nexec sleep 1\n');
    chmodSync(script, 0o755);
    const empty = join(tmp.dir, 'empty');
    writeFileSync(empty, '');
    const folder = join(tmp.dir, 'folder');
    mkdirSync(folder);
    expect(isLauncherScript(script)).toBe(true);
    // The npm-installed Codex CLI is such a launcher.
    expect(isLauncherScript(fileURLToPath(new URL('../../node_modules/.bin/codex', import.meta.url)))).toBe(true);
    expect(isLauncherScript(process.execPath)).toBe(false);
    expect(isLauncherScript(empty)).toBe(false);
    expect(isLauncherScript(folder)).toBe(false);
    expect(isLauncherScript(join(tmp.dir, 'missing'))).toBe(false);
  });
});

describe('exitDetail (pure)', () => {
  const res = (exitCode: number | null, signal: string | null) => ({ exitCode, signal });
  it.each<[string, ReturnType<typeof res>, number | undefined, number | undefined, boolean, string[], string]>([
    ['the launched process exited', res(1, null), 100, undefined, false, [], 'codex (pid 100) exited with code 1'],
    ['a clean exit', res(0, null), 100, undefined, false, [], 'codex (pid 100) exited with code 0'],
    ['no exit code known', res(null, null), 100, undefined, false, [], 'codex (pid 100) exited with code unknown'],
    ['no pid known', res(2, null), undefined, undefined, false, [], 'codex (pid ?) exited with code 2'],
    ['behind a launcher', res(0, null), 100, 200, false, [], 'codex (pid 200, launcher 100) exited with code 0'],
    ['killed, the agent gone with it', res(null, 'SIGKILL'), 100, 200, false, [], 'codex (pid 200, launcher 100) was killed by SIGKILL'],
    ['killed, no launcher', res(null, 'SIGTERM'), 100, undefined, false, [], 'codex (pid 100) was killed by SIGTERM'],
    [
      'the launcher killed while the agent still ran',
      res(null, 'SIGKILL'),
      100,
      200,
      true,
      [],
      "codex's launcher (pid 100) was killed by SIGKILL and codex (pid 200) then ended",
    ],
    [
      'an error line on stderr is named',
      res(1, null),
      100,
      undefined,
      false,
      ['warning: model is slow', 'Error: unexpected status 401 Unauthorized', 'Reconnecting... 1/5'],
      'codex (pid 100) exited with code 1 (Error: unexpected status 401 Unauthorized)',
    ],
    ['the last error line wins, trimmed', res(1, null), 100, undefined, false, ['error: first', '   fatal: second  '], 'codex (pid 100) exited with code 1 (fatal: second)'],
    ["a Rust panic", res(101, null), 100, undefined, false, ["thread 'main' panicked at src/main.rs:1:1:"], "codex (pid 100) exited with code 101 (thread 'main' panicked at src/main.rs:1:1:)"],
    ['noise is not an error', res(1, null), 100, undefined, false, ['warning: x', 'errors happen', 'Reconnecting... 5/5 (error sending request)'], 'codex (pid 100) exited with code 1'],
    // A panic that aborts: the signal, with the line that says why.
    ['killed by a signal, with the error line', res(null, 'SIGABRT'), 100, undefined, false, ['ERROR boom'], 'codex (pid 100) was killed by SIGABRT (ERROR boom)'],
    ['killed by a signal, nothing said', res(null, 'SIGKILL'), 100, undefined, false, ['WARNING: proceeding'], 'codex (pid 100) was killed by SIGKILL'],
    ['the launcher killed first, with an error line', res(null, 'SIGTERM'), 100, 200, true, ['fatal: boom'], "codex's launcher (pid 100) was killed by SIGTERM and codex (pid 200) then ended (fatal: boom)"],
  ])('%s', (_name, r, launcher, agent, alive, stderr, detail) => {
    expect(exitDetail('codex', r, launcher, agent, alive, stderr)).toBe(detail);
  });

  it('keeps at most 300 characters of the error line', () => {
    const line = `error: ${'x'.repeat(400)}`;
    expect(exitDetail('codex', res(1, null), 100, undefined, false, [line])).toBe(`codex (pid 100) exited with code 1 (${line.slice(0, 300)})`);
  });
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** A launcher: a shell that starts the "agent" as its child and waits for it. */
async function launcher(): Promise<{ proc: ChildProcess; ref: ProcRef }> {
  const proc = spawn('sh', ['-c', 'sleep 3600 & wait'], { stdio: 'ignore', detached: true });
  children.push(proc);
  const ref = await waitFor(() => refOf(proc.pid!), { timeoutMs: 10_000, label: 'launcher to run', describe: () => '' });
  return { proc, ref };
}

describe('findAgentChild and trackAgent (real processes)', () => {
  let tmp: { dir: string; cleanup: () => void };
  beforeEach(() => {
    tmp = tempDir('codex-agent-track-');
  });
  afterEach(() => {
    // The launchers lead groups of their own: end their children with them.
    for (const c of children) {
      try {
        process.kill(-c.pid!, 'SIGKILL');
      } catch {
        // gone, or not a group leader
      }
    }
    tmp.cleanup();
  });

  it('finds the program a launcher started', async () => {
    const { ref } = await launcher();
    const child = await findAgentChild(ref, () => true);
    expect(child).not.toBeNull();
    expect(readProc(child!.pid)).toMatchObject({ ppid: ref.pid, zombie: false, start: child!.start });
  });

  it('gives up at once when it is not wanted any more, or when the launcher is gone', async () => {
    const { ref } = await launcher();
    expect(await findAgentChild(ref, () => false)).toBeNull();
    const done = spawn('sleep', ['3600'], { stdio: 'ignore' });
    children.push(done);
    const doneRef = await waitFor(() => refOf(done.pid!), { timeoutMs: 10_000, label: 'process to run', describe: () => '' });
    done.kill('SIGKILL');
    await once(done, 'exit');
    await waitFor(() => readProc(done.pid!) === null, { timeoutMs: 10_000, label: 'process to be reaped', describe: () => '' });
    expect(await findAgentChild(doneRef, () => true)).toBeNull();
  });

  it('trackAgent reports the launched process, then the program behind a launcher script', async () => {
    const script = join(tmp.dir, 'codex');
    writeFileSync(script, '#!/bin/sh\n');
    const { proc, ref } = await launcher();
    const reports: ProcRef[][] = [];
    trackAgent(script, proc.pid, (refs) => reports.push(refs), () => true);
    expect(reports).toEqual([[ref]]);
    await waitFor(() => reports.length === 2, { timeoutMs: 15_000, label: 'the agent behind the launcher', describe: () => JSON.stringify(reports) });
    expect(reports[1]![0]).toEqual(ref);
    expect(readProc(reports[1]![1]!.pid)?.ppid).toBe(ref.pid);
  });

  it('trackAgent: a binary is the agent itself; no pid, nothing to track', async () => {
    const { proc, ref } = await launcher();
    const reports: ProcRef[][] = [];
    trackAgent(process.execPath, proc.pid, (refs) => reports.push(refs), () => true);
    trackAgent(process.execPath, undefined, (refs) => reports.push(refs), () => true);
    expect(reports).toEqual([[ref], []]);
  });
});
