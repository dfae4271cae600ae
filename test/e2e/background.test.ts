// Runs made for background shells and scripts, with the real Codex CLI against the scripted
// model: `start --wait` (await-turn's output and exit codes), `start --follow` and `watch --turns`
// (one line per finished turn, one at the end), `--notify-on-complete` (the user's command, with
// the job's facts in its environment, once per end of a run), and the signal file.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/util/sleep.js';
import { E2E, ROOT, type AwaitJson } from '../support/e2e.js';

let e: E2E;
beforeAll(async () => {
  e = await E2E.create('background');
});
afterAll(async () => {
  await e.dispose();
});

const start = (prompt: string, extra: string[]) => e.cli(['start', prompt, '-d', e.workDir, ...extra]);
/** The lines a background shell acts on. */
const markers = (stdout: string): string[] => stdout.split('\n').filter((l) => l.startsWith('CODEX_AGENT_'));
const idOf = (stdout: string): string => /Job started: ([0-9a-f]{8})/.exec(stdout)?.[1] ?? /"id":\s*"([0-9a-f]{8})"/.exec(stdout)![1]!;

/** The file's lines once there are `n` (bounded: the notify command runs detached). */
async function linesOf(file: string, n: number): Promise<string[]> {
  const read = (): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  for (let i = 0; i < 600 && read().length < n; i++) await sleep(100);
  return read();
}

describe('start --wait', () => {
  it('prints the job id line, then the answer of the first turn and nothing else when piped, exit 0', async () => {
    const before = new Set(e.store.allIds());
    const res = await start('MOCK:SAY the waited answer', ['--wait']);
    const [id] = e.store.allIds().filter((i) => !before.has(i));
    expect(res).toEqual({ code: 0, stdout: `Job started: ${id}\nthe waited answer`, stderr: '' });
    // The turn was read, as await-turn reads it.
    expect(e.record(id!).consumed_turns).toBe(1);
  });

  it('--json: the await-turn payload, the job id inside', async () => {
    const res = await start('MOCK:SAY as json', ['--wait', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const p = JSON.parse(res.stdout) as AwaitJson & { id: string };
    expect(p).toMatchObject({ outcome: 'completed', exit_code: 0, turn: 1, message: 'as json' });
    expect(e.record(p.id).prompt_head).toBe('MOCK:SAY as json');
  });

  it('a failed turn: exit 4, the reason in one stderr line', async () => {
    const res = await start('MOCK:FAIL 401', ['--wait']);
    expect(res.code).toBe(4);
    expect(res.stdout).toMatch(/^Job started: [0-9a-f]{8}$/);
    expect(res.stderr.split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^codex-agent: turn 1 failed: .*401/);
  });

  it('bad combinations stop before anything starts, with one line', async () => {
    const before = e.store.allIds().length;
    for (const [args, why] of [
      [['--wait', '--follow'], /--wait and --follow/],
      [['--wait', '--dry-run'], /--wait has nothing to wait for with --dry-run/],
      [['--timeout', '5'], /--timeout goes with --wait or --follow/],
      [['--notify-on-complete', '  '], /--notify-on-complete: the value is empty/],
    ] as const) {
      const res = await start('MOCK:SAY never', [...args]);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr, args.join(' ')).toMatch(why);
      expect(res.stderr.split('\n')).toHaveLength(1);
    }
    expect(e.store.allIds()).toHaveLength(before);
  });
});

describe('start --follow and watch --turns', () => {
  it('exec: a line for the turn, then the end with the job status; exit 0', async () => {
    const res = await start('MOCK:SLEEP 500 MOCK:SAY followed', ['--follow']);
    expect(res.code, res.stderr).toBe(0);
    const id = idOf(res.stdout);
    expect(markers(res.stdout)).toEqual([`CODEX_AGENT_TURN_COMPLETE=${id}`, `CODEX_AGENT_DONE=${id} status=completed`]);
    // The start's own output comes first.
    expect(res.stdout.split('\n')[0]).toBe(`Job started: ${id}`);
  });

  it('--json: the start payload on one line, then one JSON object per event', async () => {
    const res = await start('MOCK:SAY followed as json', ['--follow', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const [first, ...events] = res.stdout.split('\n').map((l) => JSON.parse(l) as { id: string });
    const id = first!.id;
    expect(first).toMatchObject({ id, dry_run: false, mode: 'exec' });
    expect(events).toEqual([
      { type: 'turn_complete', id, turn: 1, status: 'completed' },
      { type: 'done', id, status: 'completed', exit_code: 0 },
    ]);
  });

  it('exec, failed: the end says failed; exit 4', async () => {
    const res = await start('MOCK:FAIL 401', ['--follow']);
    expect(res.code).toBe(4);
    const id = idOf(res.stdout);
    expect(markers(res.stdout)).toEqual([`CODEX_AGENT_TURN_COMPLETE=${id}`, `CODEX_AGENT_DONE=${id} status=failed`]);
  });

  it('interactive: each line arrives on its own as its turn ends, the end when the agent closes', async () => {
    const child = execa(process.execPath, [join(ROOT, 'bin', 'codex-agent'), 'start', 'MOCK:SAY first', '-d', e.workDir, '--interactive', '--follow'], {
      env: e.env,
      extendEnv: false,
      reject: false,
      cwd: e.workDir,
      timeout: 240_000,
    });
    const lines: string[] = [];
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      lines.push(...parts);
    });
    /** The next marker line, read while the command still runs (bounded). */
    const next = async (seen: number): Promise<string> => {
      for (let i = 0; i < 900 && markers(lines.join('\n')).length <= seen; i++) await sleep(100);
      return markers(lines.join('\n'))[seen] ?? `(no line ${seen + 1}; got ${JSON.stringify(lines)})`;
    };
    const first = await next(0);
    const id = idOf(lines.join('\n'));
    expect(first).toBe(`CODEX_AGENT_TURN_COMPLETE=${id}`);
    // Only now a second turn exists: the line before it cannot have waited for it.
    expect((await e.cli(['send', id, 'MOCK:SAY second'])).code).toBe(0);
    expect(await next(1)).toBe(`CODEX_AGENT_TURN_COMPLETE=${id}`);
    expect(e.record(id).turns.map((t) => t.status)).toEqual(['completed', 'completed']);
    expect((await e.cli(['send', id, '/quit'])).code).toBe(0);
    expect(await next(2)).toBe(`CODEX_AGENT_DONE=${id} status=ended`);
    const res = await child;
    expect(res.exitCode, String(res.stderr)).toBe(0);
    expect(markers(String(res.stdout))).toHaveLength(3);
  });

  it('watch --turns: the turns not yet read and the end, at once for an exec job that is done; --json lines', async () => {
    const id = await e.start('MOCK:SAY to be watched');
    const res = await e.cli(['watch', id, '--turns', '--timeout', '60']);
    expect(res).toEqual({ code: 0, stdout: `CODEX_AGENT_TURN_COMPLETE=${id}\nCODEX_AGENT_DONE=${id} status=completed`, stderr: '' });
    const json = await e.cli(['watch', id, '--turns', '--json', '--timeout', '60']);
    expect(json.stdout.split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { type: 'turn_complete', id, turn: 1, status: 'completed' },
      { type: 'done', id, status: 'completed', exit_code: 0 },
    ]);
    // Once the turn is read, only the end.
    expect((await e.cli(['await-turn', id])).code).toBe(0);
    expect((await e.cli(['watch', id, '--turns'])).stdout).toBe(`CODEX_AGENT_DONE=${id} status=completed`);
  });

  it('watch --turns is bounded: exit 124 and what the job was doing', async () => {
    const id = await e.start('MOCK:SLEEP 30000 MOCK:SAY too slow');
    const res = await e.cli(['watch', id, '--turns', '--timeout', '1']);
    expect(res.code).toBe(124);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(new RegExp(`timed out after 1s following job ${id}: status (running|pending)`));
    await e.cli(['kill', id]);
  });
});

describe('--notify-on-complete', () => {
  // The user's command, through their shell: it takes a second (the runner reaps what its agent
  // left behind right after a turn, and must leave this alone) and appends the three facts.
  const command = (file: string) => `sleep 1; printf '%s|%s|%s\\n' "$CODEX_AGENT_JOB_ID" "$CODEX_AGENT_STATUS" "$CODEX_AGENT_ERROR" >> '${file}'`;

  it('runs when a turn completes, and again for each follow-up turn, with the job in its environment', async () => {
    const file = join(e.root, 'notify-completed.txt');
    const id = await e.start('MOCK:SAY notify me', ['--notify-on-complete', command(file)]);
    expect(await linesOf(file, 1)).toEqual([`${id}|completed|`]);
    expect((await e.cli(['send', id, 'MOCK:SAY and again'])).code).toBe(0);
    expect(await linesOf(file, 2)).toEqual([`${id}|completed|`, `${id}|completed|`]);
    expect(e.record(id).notify_runs).toBe(2);
    // Its output goes to a private log in the job's folder.
    const log = e.store.layout.notifyLog(id);
    expect(statSync(log).mode & 0o777).toBe(0o600);
    expect(readFileSync(log, 'utf8')).toContain(`job ${id} completed: sleep 1;`);
  });

  it('runs when a turn fails, with the reason', async () => {
    const file = join(e.root, 'notify-failed.txt');
    const id = await e.start('MOCK:FAIL 401', ['--notify-on-complete', command(file)]);
    const [line] = await linesOf(file, 1);
    expect(line).toMatch(new RegExp(`^${id}\\|failed\\|.*401`));
    expect(e.record(id).notify_runs).toBe(1);
  });

  it('runs when kill cancels a running job, and survives the kill of the job', async () => {
    const file = join(e.root, 'notify-cancelled.txt');
    const id = await e.start('MOCK:SLEEP 60000 MOCK:SAY never', ['--notify-on-complete', command(file)]);
    for (let i = 0; i < 300 && e.record(id).status !== 'running'; i++) await sleep(100);
    expect((await e.cli(['kill', id])).code).toBe(0);
    expect(await linesOf(file, 1)).toEqual([`${id}|cancelled|killed by user`]);
    expect(e.record(id).notify_runs).toBe(1);
  });
});

describe('the signal file', () => {
  it('holds the last finished turn as JSON, private; ignored by the listing; removed with the job', async () => {
    const id = await e.start('MOCK:SAY signalled');
    const path = join(e.stateRoot, 'jobs', `${id}.turn-complete`);
    for (let i = 0; i < 600 && !existsSync(path); i++) await sleep(100);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const s = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(s).toMatchObject({ id, turn: 1, status: 'completed', job_status: 'completed', last_message: 'signalled', error: null });
    expect(Date.parse(s.completed_at as string)).not.toBeNaN();
    expect((s.tokens as { input: number }).input).toBeGreaterThan(0);
    // The next turn rewrites it.
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).stdout).toBe('signalled');
    expect((await e.cli(['send', id, 'MOCK:SAY signalled again'])).code).toBe(0);
    expect((await e.cli(['await-turn', id, '--timeout', '60'])).stdout).toBe('signalled again');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ turn: 2, last_message: 'signalled again' });
    const jobs = JSON.parse((await e.cli(['jobs', '--all', '--json'])).stdout) as { jobs: { id: string }[]; corrupt?: unknown[] };
    expect(jobs.corrupt).toBeUndefined();
    expect(jobs.jobs.map((j) => j.id)).toContain(id);
    expect(jobs.jobs.every((j) => /^[0-9a-f]{8}$/.test(j.id))).toBe(true);
    const del = await e.cli(['delete', id, '--force']);
    expect(del.code, del.stderr).toBe(0);
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(join(e.stateRoot, 'jobs')).filter((f) => f.startsWith(id))).toEqual([]);
  });
});
