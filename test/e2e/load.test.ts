// Load and concurrency with the real CLI, tmux and Codex: 32 starts at once and 16 more while
// they run (every id unique, every turn done, every prompt delivered once, nothing left running
// after kill and clean); 8 sends at once to one exec job (one runner at a time, none lost); then 8
// loops of status --json, jobs --json and send for 20 s (no torn JSON, no error, every message
// delivered exactly once). Bounds are long and nothing is timed: the figures are printed, not
// asserted.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refState, type ProcRef } from '../../src/proc/identity.js';
import type { JobRecord } from '../../src/store/record.js';
import { sleep } from '../../src/util/sleep.js';
import { E2E, type AwaitJson } from '../support/e2e.js';
import { medianP95, parseWhole, processesWithEnv, requestsFor, requestUserTexts, threadUserMessages } from '../support/load.js';

const FIRST_WAVE = 32;
const SECOND_WAVE = 16;
/** The first wave's model answers wait this long, so the second wave starts while they run. */
const FIRST_WAVE_SLEEP_MS = 30_000;
const LOOPS = 8;
const INTERACTIVE_LOOPS = 2;
const LOOP_MS = 20_000;
/** How long the model takes to answer an interactive loop's message. */
const STEER_SLEEP_MS = 8_000;

let e: E2E;
/** Whether the first test's process sampler runs; afterAll stops it should that test fail midway. */
let sampling = false;
beforeAll(async () => {
  e = await E2E.create('load');
});
afterAll(async () => {
  sampling = false;
  await e.dispose();
}, 600_000);

const tag = (what: string): string => `${what}-${randomUUID()}`;

/** Processes of this test's state root still running, the tmux server aside (it outlives jobs by design). */
async function leftovers(): Promise<{ pid: number; cmd: string }[]> {
  const server = Number((await e.tmux(['display-message', '-p', '#{pid}'])).stdout.trim()) || -1;
  return processesWithEnv(`CODEX_AGENT_HOME=${e.stateRoot}`).filter((p) => p.pid !== server);
}

/** Waits (bounded) until `check` holds, then returns its last value; `what` says what was seen when the bound is hit. */
async function until<T>(check: () => T | Promise<T>, ok: (v: T) => boolean, ms: number, what: (v: T) => string): Promise<T> {
  const deadline = Date.now() + ms;
  let v = await check();
  while (!ok(v)) {
    if (Date.now() > deadline) throw new Error(`still not there after ${ms / 1000}s: ${what(v)}`);
    await sleep(250);
    v = await check();
  }
  return v;
}

async function startJob(prompt: string, extra: string[] = []): Promise<string> {
  const res = await e.cli(['start', prompt, '-d', e.workDir, ...extra], { timeoutS: 300 });
  if (res.code !== 0) throw new Error(`start failed (${res.code}): ${res.stderr}`);
  const m = /^Job started: ([0-9a-f]{8})$/.exec(res.stdout.split('\n')[0] ?? '');
  if (!m) throw new Error(`unexpected first line of start: ${res.stdout.slice(0, 200)}`);
  return m[1]!;
}

type Result = AwaitJson & { id: string };

describe('load', () => {
  it('32 starts at once, then 16 more while they run: unique ids, every turn done once, nothing left after kill and clean', async () => {
    // Every runner and agent process any record names, pid and start, sampled while the jobs run.
    const seen = new Map<string, ProcRef>();
    sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const id of e.store.allIds()) {
          let r: JobRecord | null = null;
          try {
            r = e.store.tryRead(id);
          } catch {
            // A record is replaced by rename, never torn: a read error is reported by the checks below.
          }
          for (const ref of [...(r?.runner ? [r.runner] : []), ...(r?.agent_procs ?? [])]) seen.set(`${ref.pid}/${ref.start}`, ref);
        }
        await sleep(200);
      }
    })();

    const firstTags = Array.from({ length: FIRST_WAVE }, () => tag('first'));
    const secondTags = Array.from({ length: SECOND_WAVE }, () => tag('second'));
    const t0 = performance.now();
    const first = await Promise.all(firstTags.map((t) => startJob(`MOCK:SLEEP ${FIRST_WAVE_SLEEP_MS} MOCK:SAY ${t}`)));
    const tFirstStarted = performance.now();
    // The second wave goes in while the first still works: the test means what it says only then.
    const stillWorking = first.filter((id) => e.record(id).turns[0]?.status !== 'completed').length;
    const second = await Promise.all(secondTags.map((t) => startJob(`MOCK:SAY ${t}`)));
    const tSecondStarted = performance.now();
    expect(stillWorking, 'first-wave jobs still working when the second wave started').toBeGreaterThanOrEqual(FIRST_WAVE / 2);

    const ids = [...first, ...second];
    const tags = [...firstTags, ...secondTags];
    expect(new Set(ids).size).toBe(FIRST_WAVE + SECOND_WAVE);
    // One folder per job: nothing extra, nothing shared.
    expect(e.store.allIds().sort()).toEqual([...ids].sort());

    const all = await e.cli(['await-turn', ...ids, '--all', '--json', '--timeout', '900'], { timeoutS: 960 });
    const tDone = performance.now();
    sampling = false;
    await sampler;
    expect(all.code, all.stderr).toBe(0);
    const results = parseWhole<Result[]>('await-turn --all --json', all.stdout);
    expect(results.map((r) => r.id).sort()).toEqual([...ids].sort());
    const byId = new Map(results.map((r) => [r.id, r]));
    // Each job answered with its own prompt's text, in one completed turn.
    expect(ids.map((id) => [id, byId.get(id)?.outcome, byId.get(id)?.turn, byId.get(id)?.message])).toEqual(ids.map((id, i) => [id, 'completed', 1, tags[i]]));
    // Each prompt reached the model exactly once: no retry, no prompt in another job's request.
    expect(tags.map((t) => [t, requestsFor(e.server, t)])).toEqual(tags.map((t) => [t, 1]));
    const records = ids.map((id) => e.record(id));
    expect(records.map((r) => [r.turns.length, r.turns[0]?.status, r.turns[0]?.last_message])).toEqual(tags.map((t) => [1, 'completed', t]));
    expect(new Set(records.map((r) => r.thread_id)).size).toBe(ids.length);

    // Idle exec jobs keep no process: every runner and agent seen ends, and nothing of the state root runs.
    expect(seen.size).toBeGreaterThanOrEqual(ids.length);
    await until(
      () => [...seen.values()].filter((ref) => refState(ref) === 'running'),
      (left) => left.length === 0,
      120_000,
      (left) => `still running: ${left.map((r) => r.pid).join(', ')}`,
    );
    await until(leftovers, (left) => left.length === 0, 60_000, (left) => left.map((p) => `${p.pid} ${p.cmd.slice(0, 80)}`).join('; '));

    // Half are killed, then clean removes every job and its session.
    const killed = await Promise.all(ids.slice(0, ids.length / 2).map((id) => e.cli(['kill', id], { timeoutS: 300 })));
    expect(killed.map((k) => [k.code, k.stderr])).toEqual(killed.map(() => [0, '']));
    expect(ids.slice(0, ids.length / 2).map((id) => e.record(id).status)).toEqual(ids.slice(0, ids.length / 2).map(() => 'cancelled'));
    const clean = await e.cli(['clean', '--days', '0', '--include-idle', '--json'], { timeoutS: 300 });
    expect(clean.code, clean.stderr).toBe(0);
    const cleaned = parseWhole<{ removed_jobs: string[]; unreadable_jobs: string[] }>('clean --json', clean.stdout);
    expect(cleaned.removed_jobs.sort()).toEqual([...ids].sort());
    expect(cleaned.unreadable_jobs).toEqual([]);
    expect(e.store.allIds()).toEqual([]);
    const sessions = await e.tmux(['list-sessions', '-F', '#{session_name}']);
    // No server left (it exits with its last session) or one without any job's session.
    expect(sessions.stdout.split('\n').filter((s) => s.startsWith('codex-agent-'))).toEqual([]);
    expect(await leftovers()).toEqual([]);

    const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `load: ${FIRST_WAVE} starts returned after ${s(tFirstStarted - t0)} (${stillWorking} still working), ` +
        `${SECOND_WAVE} more after ${s(tSecondStarted - tFirstStarted)}; all ${ids.length} turns done ${s(tDone - t0)} after the first start ` +
        `(the first wave's model answers each wait ${s(FIRST_WAVE_SLEEP_MS)}); ${seen.size} runner/agent processes seen, none left`,
    );
  }, 1_500_000);

  it('8 sends at once to one exec job, idle or mid-turn: each message one turn, one runner at a time, none started for nothing', async () => {
    const id = await startJob(`MOCK:SAY ${tag('burst-start')}`);
    expect((await e.cli(['await-turn', id, '--timeout', '300'], { timeoutS: 360 })).code).toBe(0);
    const runnerLines = (): string[] => readFileSync(e.store.layout.paneLog(id), 'utf8').split('\n').filter((l) => /^codex-agent job [0-9a-f]{8} · exec/.test(l));
    // Idle twice (no runner: each sender sees none), then with a turn running.
    for (const when of ['idle', 'idle', 'mid-turn'] as const) {
      await until(() => e.record(id), (r) => r.runner === null, 120_000, (r) => `runner of ${id} still there (${r.turn_state})`);
      if (when === 'mid-turn') {
        expect((await e.cli(['send', id, `MOCK:SLEEP 8000 MOCK:SAY ${tag('burst-slow')}`])).code).toBe(0);
        await until(() => e.record(id), (r) => r.turn_state === 'working', 120_000, (r) => `job ${id} is ${r.turn_state}`);
      }
      const before = e.record(id).turns.length;
      const runnersBefore = runnerLines().length;
      const tags = Array.from({ length: 8 }, () => tag('burst'));
      const sent = await Promise.all(tags.map((t) => e.cli(['send', id, `MOCK:SAY ${t}`, '--json'], { timeoutS: 300 })));
      expect(sent.map((r) => [r.code, r.stderr])).toEqual(sent.map(() => [0, '']));
      const payloads = sent.map((r) => parseWhole<{ runner_started: boolean }>('send --json', r.stdout));
      const want = before + tags.length;
      const r = await until(
        () => e.record(id),
        (x) => x.turns.length >= want && x.runner === null,
        300_000,
        (x) => `job ${id}: ${x.turns.length} of ${want} turns, runner ${x.runner ? 'running' : 'gone'}`,
      );
      // Each message once, each its own completed turn (concurrent senders have no order among them).
      const turns = r.turns.slice(before - (when === 'mid-turn' ? 1 : 0));
      expect(turns.every((t) => t.status === 'completed'), JSON.stringify(turns.map((t) => [t.status, t.error]))).toBe(true);
      expect(r.turns.slice(before).map((t) => t.last_message).sort()).toEqual([...tags].sort());
      expect(tags.map((t) => [t, requestsFor(e.server, t)])).toEqual(tags.map((t) => [t, 1]));
      // Every runner a sender started ran turns; none was started to find nothing queued.
      const started = runnerLines().length - runnersBefore;
      expect([when, started]).toEqual([when, payloads.filter((p) => p.runner_started).length]);
      expect(readFileSync(e.store.layout.paneLog(id), 'utf8')).not.toMatch(/^codex-agent job [0-9a-f]{8} · exec.*\ncodex-agent: nothing queued/m);
    }
    expect((await e.cli(['kill', id])).code).toBe(0);
  }, 1_500_000);

  it('8 loops of status --json, jobs --json and send for 20 s: whole JSON, no error, every message delivered once', async () => {
    const firstTags = Array.from({ length: LOOPS }, () => tag('loop-start'));
    const ids = await Promise.all(firstTags.map((t, i) => startJob(`MOCK:SAY ${t}`, i < INTERACTIVE_LOOPS ? ['--interactive'] : [])));
    const first = await e.cli(['await-turn', ...ids, '--all', '--json', '--timeout', '300'], { timeoutS: 360 });
    expect(first.code, first.stderr).toBe(0);
    expect(parseWhole<Result[]>('await-turn', first.stdout).map((r) => r.outcome)).toEqual(ids.map(() => 'completed'));

    const sent: string[][] = ids.map(() => []);
    const sentText = new Map<string, string>(firstTags.map((t) => [t, `MOCK:SAY ${t}`]));
    const problems: string[] = [];
    const latency: Record<'status' | 'jobs' | 'send', number[]> = { status: [], jobs: [], send: [] };
    const run = async (kind: keyof typeof latency, args: string[]): Promise<unknown> => {
      const t = performance.now();
      const res = await e.cli(args, { timeoutS: 300 });
      latency[kind].push(performance.now() - t);
      if (res.code !== 0 || res.stderr !== '') {
        problems.push(`${args.join(' ')}: exit ${res.code}: ${res.stderr.trim()}`);
        return null;
      }
      try {
        return parseWhole(args.join(' '), res.stdout);
      } catch (err) {
        problems.push((err as Error).message);
        return null;
      }
    };
    let steeredSends = 0;
    const deadline = Date.now() + LOOP_MS;
    await Promise.all(
      ids.map(async (id, i) => {
        for (let k = 0; Date.now() < deadline; k++) {
          const st = (await run('status', ['status', id, '--json'])) as { id?: string } | null;
          if (st && st.id !== id) problems.push(`status ${id} --json answered for ${String(st.id)}`);
          const list = (await run('jobs', ['jobs', '--json'])) as { jobs?: { id: string }[] } | null;
          if (list && !list.jobs?.some((j) => j.id === id)) problems.push(`jobs --json left out ${id}`);
          const t = tag(`loop${i}-msg${k}`);
          // Interactive answers take a while, so that later messages arrive mid-turn and steer it.
          const msg = i < INTERACTIVE_LOOPS ? `MOCK:SLEEP ${STEER_SLEEP_MS} MOCK:SAY ${t}` : `MOCK:SAY ${t}`;
          const res = (await run('send', ['send', id, msg, '--json'])) as { id?: string; steered?: boolean } | null;
          if (res?.steered) steeredSends++;
          if (res?.id === id) {
            sent[i]!.push(t);
            sentText.set(t, msg);
          } else if (res) problems.push(`send ${id} answered for ${String(res.id)}`);
        }
      }),
    );
    expect(problems).toEqual([]);
    expect(sent.every((s) => s.length > 0)).toBe(true);

    // Exec jobs: every message became one turn of its own, in the order sent, answered by its own text.
    const execIds = ids.slice(INTERACTIVE_LOOPS);
    const settled = (r: JobRecord, n: number): boolean => r.turns.length >= n && r.runner === null && r.turns.every((t) => t.status !== 'running');
    for (const [j, id] of execIds.entries()) {
      const i = j + INTERACTIVE_LOOPS;
      const want = 1 + sent[i]!.length;
      const r = await until(
        () => e.record(id),
        (x) => settled(x, want),
        600_000,
        (x) => `job ${id}: ${x.turns.length} of ${want} turns, runner ${x.runner ? 'running' : 'gone'}, turn_state ${x.turn_state}`,
      );
      expect(r.turns.map((t) => [t.status, t.last_message])).toEqual([firstTags[i]!, ...sent[i]!].map((t) => ['completed', t]));
      expect(sent[i]!.map((t) => [t, requestsFor(e.server, t)])).toEqual(sent[i]!.map((t) => [t, 1]));
    }

    // Interactive jobs: a message sent mid-turn steers it (no turn of its own), so "delivered once"
    // is the thread recording each message exactly once, in order, and the model being asked with it.
    const codexHome = e.env.CODEX_HOME ?? join(e.root, 'codex-home');
    const steering: string[] = [];
    for (const [i, id] of ids.slice(0, INTERACTIVE_LOOPS).entries()) {
      const want = [firstTags[i]!, ...sent[i]!];
      const r = await until(
        () => e.record(id),
        (x) => x.user_messages >= want.length && x.turns.every((t) => t.status !== 'running'),
        300_000,
        (x) => `job ${id}: ${x.user_messages} of ${want.length} user messages recorded, turn_state ${x.turn_state}`,
      );
      const recorded = threadUserMessages(codexHome, r.thread_id!).filter((m) => m.includes('loop'));
      expect(recorded).toEqual(want.map((t) => sentText.get(t)));
      // The model was asked with each, and no request ever held one twice.
      for (const t of want) {
        const counts = e.server.requests.map((q) => requestUserTexts(q.body).filter((u) => u.includes(t)).length);
        expect([t, counts.some((n) => n === 1), Math.max(...counts)]).toEqual([t, true, 1]);
      }
      expect(r.turns.at(-1)).toMatchObject({ status: 'completed', last_message: want.at(-1) });
      steering.push(`${id}: ${want.length} messages in ${r.turns.length} turns`);
    }

    const fmt = (k: keyof typeof latency): string => {
      const { median, p95 } = medianP95(latency[k]);
      return `${k} ${latency[k].length}× median ${Math.round(median)} ms p95 ${Math.round(p95)} ms`;
    };
    console.log(
      `load loops: ${LOOPS} loops × ${LOOP_MS / 1000} s, ${sent.flat().length} messages sent (${sent.map((s) => s.length).join('/')}); ` +
        `${fmt('status')}; ${fmt('jobs')}; ${fmt('send')}; interactive: ${steeredSends} sends steered a running turn; ${steering.join('; ')}`,
    );
    const killed = await Promise.all(ids.map((id) => e.cli(['kill', id], { timeoutS: 300 })));
    expect(killed.map((k) => [k.code, k.stderr])).toEqual(killed.map(() => [0, '']));
    await until(leftovers, (left) => left.length === 0, 60_000, (left) => left.map((p) => `${p.pid} ${p.cmd.slice(0, 80)}`).join('; '));
    const sessions = await e.tmux(['list-sessions', '-F', '#{session_name}']);
    expect(sessions.stdout.split('\n').filter((s) => s.startsWith('codex-agent-'))).toEqual([]);
  }, 1_500_000);
});
