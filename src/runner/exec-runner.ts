// The runner of an exec job, inside the job's tmux pane: runs Codex exec turns one after another
// (the prompt, then queued follow-ups), keeps the record current, shows progress in the pane, and
// leaves as soon as nothing is queued, so an idle job keeps no process. The pane stays (readable,
// attachable) and `send` starts a runner in it again.
import { appendFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execTurnArgs } from '../codex/args.js';
import type { ExecEvent } from '../codex/exec-events.js';
import { RolloutFollower } from '../codex/rollout-follower.js';
import type { RolloutEvent } from '../codex/rollout.js';
import type { Context } from '../context.js';
import {
  agentExited,
  agentLaunched,
  beginTurn,
  closeTurn,
  currentTurn,
  ended,
  isFinal,
  processesStopped,
  runnerIdle,
  runnerStarted,
  type TurnEnd,
} from '../jobs/lifecycle.js';
import { isQuitMessage } from '../jobs/quit.js';
import { applyExecEvent, applyRolloutEvent, contextUsedPct, execTurnEnd } from '../jobs/turn-facts.js';
import { refState, selfRef, type ProcRef } from '../proc/identity.js';
import { killRefs } from '../proc/tree.js';
import type { JobStore } from '../store/job-store.js';
import { takeJobEnv } from '../store/job-env.js';
import { pending, readQueued, removeQueued } from '../store/queue.js';
import type { JobRecord } from '../store/record.js';
import { childEnv } from '../util/child-env.js';
import { agentMarker, exitDetail, trackAgent } from './agent-procs.js';
import { startExecTurn } from './exec-turn.js';
import { Pane, takeReplay } from './pane.js';
import { progressLine } from './progress.js';
import { recordStop } from './stopped.js';

const now = (): string => new Date().toISOString();
/** Live tokens while a turn runs; a turn's end never waits for this. */
const ROLLOUT_POLL_MS = 1_000;

type Work = { kind: 'turn'; message: string } | { kind: 'none' } | { kind: 'quit' } | { kind: 'stop' };

export async function runExecJob(ctx: Context, id: string): Promise<number> {
  const { store } = ctx;
  const layout = store.layout;
  const env = takeJobEnv(layout, id) ?? childEnv(process.env);
  const codexHome = env.CODEX_HOME || join(env.HOME || homedir(), '.codex');
  const replay = takeReplay(layout, id);
  if (replay) process.stdout.write(replay);
  const pane = new Pane(layout.paneLog(id));
  let agent: ProcRef[] = [];
  let stopping = false;
  // Ends the process once the stop is recorded: the main flow never records after a signal.
  let stopped: Promise<never> | null = null;

  const onSignal = (sig: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    stopped = (async () => {
      await killRefs(agent, { graceMs: 2_000, marker: agentMarker(id).entry }).catch(() => undefined);
      await recordStop(ctx, id, sig).catch(() => undefined);
      process.exit(1);
    })();
  };
  for (const sig of ['SIGHUP', 'SIGTERM', 'SIGINT'] as const) process.on(sig, onSignal);

  const record = store.update(id, (r) => runnerStarted(r, selfRef(), now()));
  pane.line(`codex-agent job ${id} · exec · ${record.sandbox} · ${record.cwd}`);
  let closing = `nothing queued; the runner leaves (send ${id} "..." continues the thread)`;
  for (;;) {
    const work = takeWork(store, id);
    if (work.kind === 'quit') closing = 'closed by /quit; the job takes no more follow-ups';
    if (work.kind === 'stop') closing = 'the job ended';
    if (work.kind !== 'turn') break;
    await runTurn(store, id, work.message, { env, codexHome, pane, track: (refs) => (agent = refs), stopping: () => stopping });
    agent = [];
    // Stopped from outside: the signal handler records why, and ends the process.
    if (stopped) return stopped;
  }
  pane.line(`codex-agent: ${closing}`);
  pane.close();
  return 0;
}

/**
 * The next thing to do, decided under the job's lock together with the record change it makes:
 * a sender that saw this runner alive never leaves its message behind, and a reader never sees
 * the message gone before the turn it became.
 */
function takeWork(store: JobStore, id: string): Work {
  let work: Work = { kind: 'none' };
  store.update(id, (r) => {
    if (isFinal(r)) {
      processesStopped(r);
      work = { kind: 'stop' };
      return;
    }
    if (r.turns.length === 0) {
      work = { kind: 'turn', message: store.readPrompt(id) };
      beginTurn(r, now());
      return;
    }
    const next = pending(store.layout, id)[0];
    if (next === undefined) {
      runnerIdle(r);
      return;
    }
    const message = readQueued(store.layout, id, next);
    removeQueued(store.layout, id, next);
    if (isQuitMessage(message)) {
      ended(r, 'closed by /quit', now());
      work = { kind: 'quit' };
      return;
    }
    beginTurn(r, now());
    work = { kind: 'turn', message };
  });
  return work;
}

interface TurnIo {
  env: Record<string, string>;
  codexHome: string;
  pane: Pane;
  track(refs: ProcRef[]): void;
  /** Set once a signal stops the runner: how Codex then ends is not the news. */
  stopping(): boolean;
}

async function runTurn(store: JobStore, id: string, message: string, io: TurnIo): Promise<void> {
  const layout = store.layout;
  const started = store.read(id);
  const n = started.turns.length;
  io.pane.line(`▶ turn ${n}: ${message.split('\n')[0]!.slice(0, 160)}`);
  const args = execTurnArgs({ sandbox: started.sandbox, cwd: started.cwd, model: started.model, reasoning: started.reasoning, threadId: started.thread_id });
  let follower: RolloutFollower | null = started.thread_id ? new RolloutFollower(io.codexHome, started.thread_id) : null;
  let closed = false;
  let running = true;

  const marker = agentMarker(id);
  const run = startExecTurn(started.codex_bin, args, { cwd: started.cwd, env: { ...io.env, [marker.name]: marker.value }, input: message }, {
    onEvent(ev, raw) {
      appendFileSync(layout.eventsLog(id), `${raw}\n`, { mode: 0o600 });
      const line = progressLine(ev);
      if (line) io.pane.line(line);
      if (ev.kind === 'thread_started' && !follower) follower = new RolloutFollower(io.codexHome, ev.threadId);
      const end = closed ? null : execTurnEnd(ev);
      if (!end) {
        store.update(id, (r) => {
          applyExecEvent(r, ev);
        });
        return;
      }
      // The turn ends when Codex says so; its exit (often hundreds of ms later) only adds the code.
      closed = true;
      const tail = follower?.readNew() ?? [];
      const preview = structuredClone(store.read(id));
      settleTurn(preview, ev, tail, end);
      io.pane.line(turnEndLine(preview, n, id));
      store.update(id, (r) => settleTurn(r, ev, tail, end));
    },
    onStderr(line) {
      io.pane.line(`  [codex] ${line.slice(0, 400)}`);
    },
  });
  trackAgent(
    started.codex_bin,
    run.pid,
    (refs) => {
      io.track(refs);
      store.update(id, (r) => agentLaunched(r, refs));
    },
    () => running,
  );

  let stopPolling = (): void => undefined;
  const poller = (async () => {
    while (running) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ROLLOUT_POLL_MS);
        stopPolling = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (!running || closed || !follower) continue;
      let events: RolloutEvent[] = [];
      try {
        events = follower.readNew();
      } catch {
        // The file vanished or is unreadable this time: the next poll tries again.
      }
      if (events.length > 0) store.update(id, (r) => void events.forEach((ev) => applyRolloutEvent(r, ev)));
    }
  })();

  // Which process ended first tells what happened: the launcher alone, or the agent behind it.
  let agentAliveAtExit = false;
  void run.exited.then(() => {
    const refs = store.read(id).agent_procs;
    agentAliveAtExit = refs.length > 1 && refState(refs[1]!) === 'running';
  });
  const result = await run.done;
  running = false;
  stopPolling();
  await poller;
  if (io.stopping()) return;
  const refs = store.read(id).agent_procs;
  // What Codex started and left behind (a shell of its own session, say) goes with it.
  await killRefs(refs, { graceMs: 2_000, marker: marker.entry }).catch(() => undefined);
  const detail = exitDetail(result, run.pid, refs[1]?.pid, agentAliveAtExit, result.stderrTail);
  if (!closed) io.pane.line(`✗ turn ${n} failed: ${detail} before the turn finished`);
  store.update(id, (r) => {
    if (!closed && follower) for (const ev of follower.readNew()) applyRolloutEvent(r, ev);
    agentExited(r, { code: result.exitCode, signal: result.signal, detail }, now());
  });
}

function settleTurn(r: JobRecord, ev: ExecEvent, tail: RolloutEvent[], end: TurnEnd): void {
  applyExecEvent(r, ev);
  for (const t of tail) applyRolloutEvent(r, t);
  const turn = currentTurn(r);
  if (turn) closeTurn(r, turn, end, now());
}

function turnEndLine(r: JobRecord, n: number, id: string): string {
  const turn = r.turns[n - 1];
  if (r.status === 'cancelled') return `■ turn ${n} cancelled`;
  if (turn?.status === 'completed') {
    const pct = contextUsedPct(r.tokens);
    return `✓ turn ${n} completed${pct !== null ? ` · context ${pct}% used` : ''}\n  follow up: codex-agent send ${id} "..."`;
  }
  return `✗ turn ${n} failed: ${turn?.error ?? 'unknown error'}`;
}
