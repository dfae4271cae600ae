// The self-test's steps: a real Codex agent through the whole loop against the local stand-in
// model, then one Gemini exec round against the Gemini stand-in (skipped when Gemini is not installed).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { stillRunning } from '../proc/tree.js';
import { JobStore } from '../store/job-store.js';
import { cliEntry } from '../util/package-root.js';
import { waitFor } from '../util/wait.js';

export interface SelftestEnv {
  env: Record<string, string>;
  stateRoot: string;
  workDir: string;
  /** Why the Gemini round cannot run here (null: it runs). */
  geminiSkip: string | null;
}

export interface Step {
  name: string;
  run(ctx: StepState): Promise<string>;
}

export interface StepState {
  t: SelftestEnv;
  jobId?: string;
  slowJobId?: string;
  tuiJobId?: string;
}

export class StepFailure extends Error {}
/** A step that cannot run here, for a reason that is not a fault (the message says why). */
export class StepSkipped extends Error {}

function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new StepFailure(message);
}

async function cli(t: SelftestEnv, args: string[], timeoutS = 120): Promise<{ code: number; stdout: string; stderr: string }> {
  const res = await execa(process.execPath, [cliEntry(), ...args], {
    env: t.env,
    extendEnv: false,
    reject: false,
    timeout: timeoutS * 1000,
    cwd: t.workDir,
  });
  return { code: res.exitCode ?? -1, stdout: `${res.stdout}`, stderr: `${res.stderr}` };
}

/** `expectCode` -1: any exit (the JSON says what happened). */
async function cliJson<T>(t: SelftestEnv, args: string[], expectCode = 0): Promise<T> {
  const res = await cli(t, [...args, '--json']);
  check(expectCode === -1 || res.code === expectCode, `codex-agent ${args[0]} exited ${res.code}: ${res.stderr.trim() || res.stdout.trim()}`);
  try {
    return JSON.parse(res.stdout) as T;
  } catch {
    throw new StepFailure(`codex-agent ${args[0]} printed no JSON: ${res.stdout.slice(0, 200)}`);
  }
}

interface Awaited {
  outcome: string;
  message: string | null;
  files_modified: string[];
  error?: string | null;
}

export const STEPS: Step[] = [
  {
    name: 'health',
    async run({ t }) {
      const h = await cliJson<{ ok: boolean; agents: { codex?: { version: string | null }; gemini?: { version: string | null } }; tmux: { version: string } }>(t, ['health']);
      check(h.ok, 'health reported problems');
      return `codex ${h.agents.codex?.version}, gemini ${h.agents.gemini?.version ?? 'not found'}, ${h.tmux.version}`;
    },
  },
  {
    name: 'start (exec agent edits a file)',
    async run(s) {
      const res = await cli(s.t, ['start', 'MOCK:WRITE hello.txt Hello from the codex-agent selftest', '-d', s.t.workDir]);
      check(res.code === 0, `start exited ${res.code}: ${res.stderr.trim()}`);
      const m = /^Job started: ([0-9a-f]{8})$/m.exec(res.stdout.split('\n')[0] ?? '');
      check(m, `first line was not "Job started: <id>": ${res.stdout.split('\n')[0]}`);
      s.jobId = m[1]!;
      return `job ${s.jobId}`;
    },
  },
  {
    name: 'await-turn (turn 1)',
    async run(s) {
      const a = await cliJson<Awaited>(s.t, ['await-turn', s.jobId!, '--timeout', '90']);
      check(a.outcome === 'completed', `turn ended ${a.outcome}`);
      check(a.message === 'Wrote hello.txt.', `unexpected answer: ${a.message}`);
      const file = join(s.t.workDir, 'hello.txt');
      check(existsSync(file) && readFileSync(file, 'utf8').includes('Hello from the codex-agent selftest'), 'hello.txt was not written');
      return `answer "${a.message}", files ${a.files_modified.join(', ')}`;
    },
  },
  {
    name: 'send (follow-up turn resumes the thread)',
    async run(s) {
      const res = await cli(s.t, ['send', s.jobId!, 'MOCK:SAY The second turn is done.']);
      check(res.code === 0, `send exited ${res.code}: ${res.stderr.trim()}`);
      const a = await cliJson<Awaited>(s.t, ['await-turn', s.jobId!, '--timeout', '90']);
      check(a.message === 'The second turn is done.', `unexpected answer: ${a.message}`);
      return `answer "${a.message}"`;
    },
  },
  {
    name: 'jobs --json',
    async run(s) {
      const j = await cliJson<{ jobs: { id: string; turns: number; files_modified: string[]; tokens: unknown; summary: string | null }[] }>(s.t, ['jobs']);
      const job = j.jobs.find((x) => x.id === s.jobId);
      check(job, 'job missing from jobs --json');
      check(job.turns === 2, `expected 2 turns, saw ${job.turns}`);
      check(job.files_modified.includes('hello.txt'), `files_modified is ${JSON.stringify(job.files_modified)}`);
      check(job.tokens !== null && job.summary, 'no tokens or answer recorded');
      return `${job.turns} turns, files ${job.files_modified.join(', ')}, answer "${job.summary}"`;
    },
  },
  {
    name: 'kill (a busy agent, no process left)',
    async run(s) {
      const res = await cli(s.t, ['start', 'MOCK:SLEEP 120000 MOCK:SAY too late', '-d', s.t.workDir, '--json']);
      check(res.code === 0, `start exited ${res.code}: ${res.stderr.trim()}`);
      const id = (JSON.parse(res.stdout) as { id: string }).id;
      s.slowJobId = id;
      const store = new JobStore(s.t.stateRoot);
      // The runner, Codex's launcher and Codex itself.
      const tracked = (): number[] => {
        const r = store.read(id);
        return [...(r.runner ? [r.runner.pid] : []), ...r.agent_procs.map((p) => p.pid)];
      };
      const pids = await waitFor(() => (tracked().length === 3 ? tracked() : null), {
        timeoutMs: 10_000,
        intervalMs: 100,
        maxIntervalMs: 100,
        describe: () => `tracked pids ${tracked().join(', ') || 'none'}`,
      }).catch(() => tracked());
      check(pids.length === 3, 'the slow job never had a running Codex process');
      const k = await cliJson<{ status: string }>(s.t, ['kill', id]);
      check(k.status === 'cancelled', `status after kill is ${k.status}`);
      const left = await stillRunning(pids);
      check(left.length === 0, `processes still alive after kill: ${left.join(', ')}`);
      await cli(s.t, ['kill', s.jobId!]);
      return `job ${id} cancelled; runner and codex (pids ${pids.join(', ')}) gone`;
    },
  },
  {
    name: 'interactive: the Codex TUI starts and answers',
    async run(s) {
      const res = await cli(s.t, ['start', 'MOCK:SAY Hello from the interactive agent.', '--interactive', '-d', s.t.workDir, '--json']);
      check(res.code === 0, `start --interactive exited ${res.code}: ${res.stderr.trim()}`);
      s.tuiJobId = (JSON.parse(res.stdout) as { id: string }).id;
      const a = await cliJson<Awaited>(s.t, ['await-turn', s.tuiJobId, '--timeout', '90']);
      check(a.message === 'Hello from the interactive agent.', `unexpected answer: ${a.message}`);
      return `job ${s.tuiJobId}: "${a.message}"`;
    },
  },
  {
    name: 'interactive: send, interrupt and kill',
    async run(s) {
      const id = s.tuiJobId!;
      const sent = await cli(s.t, ['send', id, 'MOCK:SAY Typed in by bracketed paste: "quotes", $dollars.']);
      check(sent.code === 0, `send exited ${sent.code}: ${sent.stderr.trim()}`);
      const a = await cliJson<Awaited>(s.t, ['await-turn', id, '--timeout', '90']);
      check(a.message === 'Typed in by bracketed paste: "quotes", $dollars.', `unexpected answer: ${a.message}`);
      const slow = await cli(s.t, ['send', id, 'MOCK:SLEEP 60000 MOCK:SAY never']);
      check(slow.code === 0, `send exited ${slow.code}: ${slow.stderr.trim()}`);
      const i = await cliJson<{ interrupted: boolean }>(s.t, ['interrupt', id]);
      check(i.interrupted, 'interrupt found no running turn');
      const aborted = await cli(s.t, ['await-turn', id, '--timeout', '30']);
      check(aborted.code === 4, `await-turn after interrupt exited ${aborted.code}, expected 4`);
      const store = new JobStore(s.t.stateRoot);
      const r = store.read(id);
      const pids = [...(r.runner ? [r.runner.pid] : []), ...r.agent_procs.map((p) => p.pid)];
      const k = await cliJson<{ status: string }>(s.t, ['kill', id]);
      check(k.status === 'cancelled', `status after kill is ${k.status}`);
      const left = await stillRunning(pids);
      check(left.length === 0, `processes still alive after kill: ${left.join(', ')}`);
      return `3 turns (one interrupted), then cancelled with no process left`;
    },
  },
  {
    name: 'gemini: one exec turn writes a file (start --provider gemini, await-turn)',
    async run(s) {
      if (s.t.geminiSkip) throw new StepSkipped(s.t.geminiSkip);
      const res = await cli(s.t, ['start', 'WRITE gemini-hello.txt Hello from the Gemini selftest', '--provider', 'gemini', '-s', 'workspace-write', '-d', s.t.workDir, '--json']);
      check(res.code === 0, `start --provider gemini exited ${res.code}: ${res.stderr.trim()}`);
      const id = (JSON.parse(res.stdout) as { id: string }).id;
      const a = await cliJson<Awaited>(s.t, ['await-turn', id, '--timeout', '90'], -1);
      check(a.outcome === 'completed', `Gemini turn ended ${a.outcome}${a.error ? `: ${a.error}` : ''}`);
      check(a.message === 'Wrote gemini-hello.txt.', `unexpected answer: ${a.message}`);
      const file = join(s.t.workDir, 'gemini-hello.txt');
      check(existsSync(file) && readFileSync(file, 'utf8').includes('Hello from the Gemini selftest'), 'gemini-hello.txt was not written');
      const r = new JobStore(s.t.stateRoot).read(id);
      check(r.provider === 'gemini' && r.thread_id !== null && r.tokens !== null, `record: provider ${r.provider}, session ${r.thread_id}, tokens ${JSON.stringify(r.tokens)}`);
      return `job ${id}: "${a.message}", session ${r.thread_id!.slice(0, 8)}`;
    },
  },
];
