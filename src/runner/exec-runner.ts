// The runner of an exec job, inside the job's tmux pane: runs the agent's exec turns one after another
// (the prompt, then queued follow-ups), keeps the record current, shows progress in the pane, and
// leaves as soon as nothing is queued, so an idle job keeps no process. The pane stays (readable,
// attachable) and `send` starts a runner in it again.
import type { Context } from '../context.js';
import { StateRootError } from '../errors.js';
import { applyAgentEvent, contextUsedPct, endsTurn } from '../jobs/facts.js';
import { agentExited, agentLaunched, beginTurn, ended, isFinal, processesStopped, runnerIdle, runnerStarted } from '../jobs/lifecycle.js';
import { isQuitMessage } from '../jobs/quit.js';
import { refState, selfRef, type ProcRef } from '../proc/identity.js';
import { killRefs } from '../proc/tree.js';
import { getProvider } from '../providers/index.js';
import type { AgentEvent, AgentProvider, SessionFollower } from '../providers/types.js';
import type { JobStore } from '../store/job-store.js';
import { takeJobEnv } from '../store/job-env.js';
import { pending, readQueued, removeQueued } from '../store/queue.js';
import type { JobRecord } from '../store/record.js';
import { childEnv } from '../util/child-env.js';
import { agentMarker, exitDetail, trackAgent } from './agent-procs.js';
import { startExecTurn } from './exec-turn.js';
import { leaveWords } from './last-words.js';
import { AppendLog, Pane, takeReplay } from './pane.js';
import { progressLine } from './progress.js';
import { clock, HOLD_UNWRITTEN_MS, RecordWriter } from './record-writer.js';
import { recordStop } from './stopped.js';
import { unreadableRecord } from './unreadable.js';

const now = (): string => new Date().toISOString();
/** Live tokens while a turn runs (and a look at the record); a turn's end never waits for this. */
const ROLLOUT_POLL_MS = 1_000;

type Work = { kind: 'turn'; message: string } | { kind: 'none' } | { kind: 'quit' } | { kind: 'stop' };

export async function runExecJob(ctx: Context, id: string): Promise<number> {
  const { store } = ctx;
  const layout = store.layout;
  const env = takeJobEnv(layout, id) ?? childEnv(process.env);
  const provider = await getProvider(store.read(id).provider, env);
  const replay = takeReplay(layout, id);
  if (replay) process.stdout.write(replay);
  const pane = new Pane(layout.paneLog(id));
  let agent: ProcRef[] = [];
  let stopping = false;
  // Ends the process once the stop is recorded: the main flow never records after a signal.
  let stopped: Promise<never> | null = null;
  const stop = (then: () => Promise<void>): void => {
    if (stopping) return;
    stopping = true;
    stopped = (async () => {
      await killRefs(agent, { graceMs: 2_000, marker: agentMarker(id).entry }).catch(() => undefined);
      await then().catch(() => undefined);
      process.exit(1);
    })();
  };
  const writer: RecordWriter = new RecordWriter(store, id, {
    say: (line) => pane.line(line),
    // The record was made unreadable under us: the agent must not run on unwatched.
    onFatal: (err) => stop(async () => unreadableRecord(layout, id, err, writer, (line) => pane.line(line))),
  });
  const onSignal = (sig: NodeJS.Signals): void => stop(() => recordStop(ctx, id, sig, writer, (line) => pane.line(line)));
  for (const sig of ['SIGHUP', 'SIGTERM', 'SIGINT'] as const) process.on(sig, onSignal);

  let record: JobRecord;
  try {
    record = store.update(id, (r) => runnerStarted(r, selfRef(), now()));
  } catch (err) {
    if (!(err instanceof StateRootError)) throw err;
    pane.line(`codex-agent: the runner cannot start: ${err.message}; nothing was started, and what is queued stays queued`);
    return 1;
  }
  pane.line(`codex-agent job ${id} · exec · ${record.sandbox} · ${record.cwd}`);
  let closing = `nothing queued; the runner leaves (send ${id} "..." continues the thread)`;
  for (;;) {
    // What could not be written yet goes first; the next turn begins only once its start is recorded.
    const took = await writer.when(() => takeWork(store, id), HOLD_UNWRITTEN_MS);
    if (stopped) return stopped;
    if (!took.ok) {
      const outage = writer.blocked;
      const reason = `the runner left at ${clock(now())} without writing its last changes: ${outage?.error.message ?? 'the state root could not be written'} since ${outage ? clock(outage.since) : '?'}`;
      pane.line(leaveWords(store, id, writer, (r) => {
        if (isFinal(r)) processesStopped(r);
        else runnerIdle(r);
        r.end_reason = reason;
      }, reason));
      return 1;
    }
    const work = took.value;
    if (work.kind === 'quit') closing = 'closed by /quit; the job takes no more follow-ups';
    if (work.kind === 'stop') closing = 'the job ended';
    if (work.kind !== 'turn') break;
    await runTurn(store, writer, id, work.message, { provider, env, pane, track: (refs) => (agent = refs), stopping: () => stopping });
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
  let taken: string | undefined;
  store.update(id, (r) => {
    work = { kind: 'none' };
    taken = undefined;
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
    taken = next;
    if (isQuitMessage(message)) {
      ended(r, 'closed by /quit', now());
      work = { kind: 'quit' };
      return;
    }
    beginTurn(r, now());
    work = { kind: 'turn', message };
  });
  // Only once its turn is recorded: a write that fails (a full root) leaves the message queued.
  if (taken !== undefined) removeQueued(store.layout, id, taken);
  return work;
}

interface TurnIo {
  provider: AgentProvider;
  env: Record<string, string>;
  pane: Pane;
  track(refs: ProcRef[]): void;
  /** Set once a signal stops the runner: how the agent then ends is not the news. */
  stopping(): boolean;
}

async function runTurn(store: JobStore, writer: RecordWriter, id: string, message: string, io: TurnIo): Promise<void> {
  const { provider } = io;
  const layout = store.layout;
  const eventsLog = new AppendLog(layout.eventsLog(id), (n, from, to) => JSON.stringify({ type: 'codex-agent.gap', missed_lines: n, from, to }));
  const started = writer.read();
  const n = started.turns.length;
  const home = provider.home(io.env);
  io.pane.line(`▶ turn ${n}: ${message.split('\n')[0]!.slice(0, 160)}`);
  const args = provider.execArgs({ sandbox: started.sandbox, cwd: started.cwd, model: started.model, reasoning: started.reasoning, threadId: started.thread_id });
  // A follow-up reads the thread's session record from where it ends now: earlier turns are in the record already.
  const end = started.thread_id ? provider.sessionEnd(home, started.thread_id) : null;
  let follower: SessionFollower | null = started.thread_id ? provider.follow(home, started.thread_id, end?.path, end?.size ?? 0) : null;
  let closed = false;
  let running = true;
  const apply = (evs: AgentEvent[]): void => {
    if (evs.length === 0) return;
    const at = now();
    writer.update((r) => {
      for (const ev of evs) applyAgentEvent(r, ev, at);
    });
  };

  const marker = agentMarker(id);
  // What this run of the agent needs on top of the job's environment (the provider prepares it in the job's folder).
  let runEnv: Record<string, string>;
  try {
    runEnv = provider.runEnv?.(layout.jobDir(id), io.env) ?? {};
  } catch (err) {
    const error = `the ${provider.label} run could not be prepared: ${(err as Error).message}`;
    io.pane.line(`✗ turn ${n} failed: ${error}`);
    apply([{ kind: 'turn_failed', turnId: null, error, errorKind: 'other' }]);
    return;
  }
  const parse = provider.execParser?.() ?? ((line: string) => provider.parseExecLine(line));
  const run = startExecTurn(started.agent_bin, args, { cwd: started.cwd, env: { ...io.env, ...runEnv, [marker.name]: marker.value }, input: message }, {
    parse,
    onLine(raw, events) {
      if (raw.startsWith('{')) eventsLog.append(raw);
      for (const ev of events) {
        const line = progressLine(ev);
        if (line) io.pane.line(line);
        if (ev.kind === 'thread_started' && !follower) follower = provider.follow(home, ev.threadId);
      }
      if (closed || !events.some(endsTurn)) {
        apply(events);
        return;
      }
      // The turn ends when the agent says so; its exit (often hundreds of ms later) only adds the code.
      // The session record's tail first, so tokens and context are current when the turn is read.
      closed = true;
      const all = [...(follower?.readNew() ?? []), ...events];
      const preview = structuredClone(writer.read());
      for (const ev of all) applyAgentEvent(preview, ev, now());
      io.pane.line(turnEndLine(preview, n, id));
      apply(all);
    },
    onStderr(line) {
      io.pane.line(`  [${provider.name}] ${line.slice(0, 400)}`);
    },
  });
  trackAgent(
    started.agent_bin,
    run.pid,
    (refs) => {
      io.track(refs);
      writer.update((r) => agentLaunched(r, refs, [started.agent_bin, ...args]));
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
      if (!running) continue;
      // A record made unreadable under the turn stops the runner (the writer's onFatal); kept
      // writes go in as soon as the root takes them.
      writer.check();
      writer.flushNow();
      if (closed || !follower) continue;
      try {
        apply(follower.readNew());
      } catch {
        // The file vanished or is unreadable this time: the next poll tries again.
      }
    }
  })();

  // Which process ended first tells what happened: the launcher alone, or the agent behind it.
  let agentAliveAtExit = false;
  void run.exited.then(() => {
    const refs = writer.read().agent_procs;
    agentAliveAtExit = refs.length > 1 && refState(refs[1]!) === 'running';
  });
  const result = await run.done;
  running = false;
  stopPolling();
  await poller;
  if (io.stopping()) return;
  const refs = writer.read().agent_procs;
  // What the agent started and left behind (a shell of its own session, say) goes with it.
  await killRefs(refs, { graceMs: 2_000, marker: marker.entry }).catch(() => undefined);
  const detail = exitDetail(provider.label.toLowerCase(), result, run.pid, refs[1]?.pid, agentAliveAtExit, result.stderrTail);
  // A turn the stream did not end: the session's tail, then what the exit code means (Gemini's own codes).
  const exitEvents = closed ? [] : (provider.exitEvents?.(result.exitCode) ?? []);
  const said = exitEvents.find((ev) => ev.kind === 'turn_failed');
  if (!closed) io.pane.line(`✗ turn ${n} failed: ${said?.kind === 'turn_failed' ? `${said.error} (${detail})` : `${detail} before the turn finished`}`);
  const tail = closed ? [] : [...(follower?.readNew() ?? []), ...exitEvents];
  const at = now();
  writer.update((r) => {
    for (const ev of tail) applyAgentEvent(r, ev, at);
    agentExited(r, { code: result.exitCode, signal: result.signal, detail }, at);
  });
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
