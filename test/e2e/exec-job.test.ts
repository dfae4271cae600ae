// A real Codex exec agent in real tmux: a file edit through a tool call, follow-ups through send,
// queued follow-ups while a turn runs, and what jobs/status/output/capture report about it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E } from '../support/e2e.js';

interface JobsJson {
  generated_at: string;
  jobs: {
    id: string;
    status: string;
    mode: string;
    turn_state: string;
    turns: number;
    prompt: string;
    sandbox: string;
    cwd: string;
    thread_id: string | null;
    elapsed_ms: number;
    tokens: { input: number; output: number; context_window: number | null; context_used_pct: number | null } | null;
    files_modified: string[];
    summary: string | null;
    error: string | null;
  }[];
}

interface AwaitJson {
  outcome: string;
  exit_code: number;
  turn: number;
  message: string | null;
  files_modified: string[];
}

let e: E2E;
beforeAll(async () => {
  e = await E2E.create('exec');
});
afterAll(async () => {
  await e.dispose();
});

describe('exec job', () => {
  let id: string;

  it('edits a file through a tool call and reports it', async () => {
    id = await e.start('MOCK:WRITE src/greeting.txt Hello, "world" $HOME `date`');
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect(a).toMatchObject({ outcome: 'completed', exit_code: 0, turn: 1, message: 'Wrote src/greeting.txt.' });
    expect(a.files_modified).toEqual(['src/greeting.txt']);
    expect(readFileSync(join(e.workDir, 'src/greeting.txt'), 'utf8')).toBe('Hello, "world" $HOME `date`\n');

    // jobs --json is the lean list; status --json has every field of the job.
    const jobs = await e.json<JobsJson>(['jobs']);
    expect(jobs.jobs.find((j) => j.id === id)).toMatchObject({ status: 'completed', turn_state: 'idle', turns: 1, files_modified: ['src/greeting.txt'], summary: 'Wrote src/greeting.txt.' });
    const job = await e.json<JobsJson['jobs'][number]>(['status', id]);
    expect(job).toMatchObject({
      status: 'completed',
      mode: 'exec',
      turn_state: 'idle',
      turns: 1,
      sandbox: 'workspace-write',
      cwd: e.workDir,
      summary: 'Wrote src/greeting.txt.',
      files_modified: ['src/greeting.txt'],
      error: null,
    });
    expect(job.prompt).toBe('MOCK:WRITE src/greeting.txt Hello, "world" $HOME `date`');
    expect(job.thread_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(job.tokens!.input).toBeGreaterThan(0);
    expect(job.tokens!.output).toBeGreaterThan(0);
    expect(job.tokens!.context_window).toBeGreaterThan(100_000);
    expect(job.tokens!.context_used_pct).toBeGreaterThan(0);
    expect(Date.parse(jobs.generated_at)).not.toBeNaN();
  });

  it('keeps state private and the pane text in a log', async () => {
    const dir = e.store.layout.jobDir(id);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of ['record.json', 'prompt.txt', 'pane.log', 'events.jsonl']) {
      expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
    }
    expect(existsSync(join(dir, 'env.json'))).toBe(false); // the runner removes the handed-over env
    const out = await e.cli(['output', id, '--clean']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('▶ turn 1: MOCK:WRITE src/greeting.txt');
    expect(out.stdout).toContain('✎ add');
    expect(out.stdout).toContain('✓ turn 1 completed');
    const cap = await e.cli(['capture', id, '5', '--clean']);
    expect(cap.code).toBe(0);
    expect(cap.stdout.trim().split('\n').length).toBeLessThanOrEqual(5);
    expect(cap.stdout).toContain(`codex-agent send ${id}`);
  });

  it('runs a follow-up through send as a resumed turn of the same thread', async () => {
    const threadBefore = e.record(id).thread_id;
    const s = await e.cli(['send', id, 'MOCK:SAY Second answer, with "quotes" and $dollars.']);
    expect(s.code).toBe(0);
    const a = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect(a).toMatchObject({ outcome: 'completed', turn: 2, message: 'Second answer, with "quotes" and $dollars.' });
    const r = e.record(id);
    expect(r.thread_id).toBe(threadBefore);
    expect(r.turns.map((t) => t.status)).toEqual(['completed', 'completed']);
    expect(r.files_modified.length).toBe(1);
    // The model saw the first turn's history in the resumed turn's request.
    const last = JSON.stringify(e.server.requests[e.server.requests.length - 1]!.body);
    expect(last).toContain('MOCK:WRITE src/greeting.txt');
    expect(last).toContain('Second answer');
  });

  it('queues a message sent while a turn runs and runs it right after', async () => {
    const s1 = await e.cli(['send', id, 'MOCK:SLEEP 1500 MOCK:SAY slow third']);
    expect(s1.code).toBe(0);
    const s2 = await e.cli(['send', id, 'MOCK:SAY fourth, queued']);
    expect(s2.code).toBe(0);
    const third = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    const fourth = await e.json<AwaitJson>(['await-turn', id, '--timeout', '60']);
    expect([third.turn, third.message]).toEqual([3, 'slow third']);
    expect([fourth.turn, fourth.message]).toEqual([4, 'fourth, queued']);
    const status = await e.json<{ turns: number; queued_messages: number; status: string }>(['status', id]);
    expect(status).toMatchObject({ turns: 4, queued_messages: 0, status: 'completed' });
  });

  it('times out await-turn with what it saw when no turn is coming', async () => {
    const s = await e.cli(['send', id, 'MOCK:SLEEP 20000 MOCK:SAY much later']);
    expect(s.code).toBe(0);
    const res = await e.cli(['await-turn', id, '--timeout', '1']);
    expect(res.code).toBe(124);
    expect(res.stderr).toMatch(/timed out after 1s waiting for a turn of job [0-9a-f]{8}: status running, turn_state working, turn 5 running/);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('watch', () => {
  it('streams a job\'s output until its turn is done', async () => {
    const id = await e.start('MOCK:SLEEP 800 MOCK:SAY watched to the end');
    const res = await e.cli(['watch', id, '--timeout', '60']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`codex-agent job ${id}`);
    // Should watch stop early, the record says why.
    expect(res.stdout, JSON.stringify(e.record(id))).toContain('» watched to the end');
    expect(res.stdout).toContain('✓ turn 1 completed');
  });

  it('gives up at its bound and says what the job was doing', async () => {
    const id = await e.start('MOCK:SLEEP 30000 MOCK:SAY too slow');
    const res = await e.cli(['watch', id, '--timeout', '1']);
    expect(res.code).toBe(124);
    expect(res.stderr).toMatch(new RegExp(`watch timed out; job ${id} is still (running|pending)`));
    expect((await e.cli(['kill', id])).code).toBe(0);
  });
});
