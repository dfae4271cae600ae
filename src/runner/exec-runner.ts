// The supervisor that runs inside a job's tmux session: launches Codex exec turns one after another
// (the prompt, then queued follow-ups), keeps the record current, and shows progress in the pane.
import { appendFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execTurnArgs } from '../codex/args.js';
import { RolloutFollower } from '../codex/rollout-follower.js';
import { markStoppedBySignal } from '../jobs/reconcile.js';
import { applyExecEvent, applyRolloutEvent, beginTurn, contextUsedPct, finishTurn } from '../jobs/turn-facts.js';
import { killTree } from '../proc/tree.js';
import { JobStore } from '../store/job-store.js';
import { takeJobEnv } from '../store/job-env.js';
import { pending, takeNext } from '../store/queue.js';
import type { JobRecord } from '../store/record.js';
import { waitForDirChange } from '../util/dir-change.js';
import { startExecTurn } from './exec-turn.js';
import { Pane } from './pane.js';
import { progressLine } from './progress.js';
import { childEnv } from '../util/child-env.js';

const now = (): string => new Date().toISOString();
const QUEUE_POLL_MS = 2_000;
const ROLLOUT_POLL_MS = 1_000;

export async function runExecJob(home: string, id: string): Promise<number> {
  const store = new JobStore(home);
  const layout = store.layout;
  const env = takeJobEnv(layout, id) ?? childEnv(process.env);
  const codexHome = env.CODEX_HOME || join(env.HOME || homedir(), '.codex');
  const pane = new Pane(layout.paneLog(id));
  let childPid: number | undefined;
  let stopping = false;

  const onSignal = (sig: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      if (childPid) await killTree(childPid, { graceMs: 2_000 });
      store.update(id, (r) => markStoppedBySignal(r, sig, now()));
      process.exit(1);
    })();
  };
  for (const sig of ['SIGHUP', 'SIGTERM', 'SIGINT'] as const) process.on(sig, onSignal);

  let record = store.update(id, (r) => {
    r.runner_pid = process.pid;
    r.turn_state = r.turns.length === 0 ? 'starting' : 'idle';
  });
  pane.line(`codex-agent job ${id} · exec · ${record.sandbox} · ${record.cwd}`);
  let first = record.turns.length === 0;

  try {
    for (;;) {
      if (store.read(id).status === 'cancelled') break;
      const message = first ? store.readPrompt(id) : takeNext(layout, id);
      first = false;
      if (message === null) {
        const outcome = await waitForWork(store, id, record.inactivity_timeout_minutes * 60_000);
        if (outcome === 'message') continue;
        break;
      }
      record = await runTurn(store, id, message, env, codexHome, pane, (pid) => (childPid = pid));
      childPid = undefined;
    }
    store.update(id, (r) => {
      if (r.runner_pid !== process.pid && r.runner_pid !== null) return;
      r.runner_pid = null;
      if (r.turn_state !== 'context_limit') r.turn_state = 'ended';
    });
  } finally {
    if (!stopping) {
      pane.line('codex-agent: runner finished; this session closes.');
      pane.close();
    }
  }
  return 0;
}

async function runTurn(
  store: JobStore,
  id: string,
  message: string,
  env: Record<string, string>,
  codexHome: string,
  pane: Pane,
  setChild: (pid: number | undefined) => void,
): Promise<JobRecord> {
  const layout = store.layout;
  const started = store.update(id, (r) => {
    beginTurn(r, now());
  });
  const n = started.turns.length;
  pane.line(`▶ turn ${n}: ${message.split('\n')[0]!.slice(0, 160)}`);
  const args = execTurnArgs({
    sandbox: started.sandbox,
    cwd: started.cwd,
    model: started.model,
    reasoning: started.reasoning,
    threadId: started.thread_id,
  });
  let completed = false;
  let failure: string | null = null;
  let follower: RolloutFollower | null = started.thread_id ? new RolloutFollower(codexHome, started.thread_id) : null;

  const run = startExecTurn(started.codex_bin, args, { cwd: started.cwd, env, input: message }, {
    onEvent(ev, raw) {
      appendFileSync(layout.eventsLog(id), `${raw}\n`, { mode: 0o600 });
      const line = progressLine(ev);
      if (line) pane.line(line);
      if (ev.kind === 'thread_started' && !follower) follower = new RolloutFollower(codexHome, ev.threadId);
      if (ev.kind === 'turn_completed') completed = true;
      if (ev.kind === 'turn_failed') failure = ev.message;
      store.update(id, (r) => {
        applyExecEvent(r, ev);
      });
    },
    onStderr(line) {
      pane.line(`  [codex] ${line.slice(0, 400)}`);
    },
  });
  setChild(run.pid);
  store.update(id, (r) => {
    r.codex_pid = run.pid ?? null;
  });

  let polling = true;
  const pollRollout = async (): Promise<void> => {
    if (!follower) return;
    const events = await follower.poll();
    if (events.length === 0) return;
    store.update(id, (r) => {
      for (const ev of events) applyRolloutEvent(r, ev);
    });
  };
  const poller = (async () => {
    while (polling) {
      await new Promise((r) => setTimeout(r, ROLLOUT_POLL_MS));
      if (polling) await pollRollout().catch(() => undefined);
    }
  })();

  const result = await run.done;
  polling = false;
  await poller;
  await pollRollout().catch(() => undefined);
  if (!completed && !failure && result.stderrTail.length > 0) failure = result.stderrTail[result.stderrTail.length - 1]!;
  const outcome = { exitCode: result.exitCode, completed, failure, now: now() };
  // The pane says how the turn ended before the record does, so `watch` (which stops once the
  // record shows no running turn) always gets the closing lines.
  const preview = structuredClone(store.read(id));
  finishTurn(preview, outcome);
  const turn = preview.turns[n - 1];
  if (preview.status === 'cancelled') pane.line(`■ turn ${n} cancelled`);
  else if (turn?.status === 'completed') {
    const pct = contextUsedPct(preview.tokens);
    pane.line(`✓ turn ${n} completed${pct !== null ? ` · context ${pct}% used` : ''}`);
    pane.line(`  waiting for follow-ups: codex-agent send ${id} "..." (closes after ${preview.inactivity_timeout_minutes} min idle)`);
  } else pane.line(`✗ turn ${n} failed: ${turn?.error ?? 'unknown error'}`);
  const finished = store.update(id, (r) => {
    finishTurn(r, outcome);
  });
  return finished;
}

type WaitOutcome = 'message' | 'idle' | 'cancelled';

/** Waits for a queued message; gives up after the inactivity timeout or when the job is cancelled. */
async function waitForWork(store: JobStore, id: string, idleMs: number): Promise<WaitOutcome> {
  const layout = store.layout;
  const deadline = Date.now() + idleMs;
  for (;;) {
    if (pending(layout, id).length > 0) return 'message';
    if (store.read(id).status === 'cancelled') return 'cancelled';
    if (Date.now() >= deadline) {
      // Decide under the lock, so a sender that saw us alive never leaves its message behind.
      let outcome: WaitOutcome = 'idle';
      store.update(id, (r) => {
        if (pending(layout, id).length > 0) {
          outcome = 'message';
          return;
        }
        r.turn_state = r.turn_state === 'context_limit' ? r.turn_state : 'ended';
        r.runner_pid = null;
        r.end_reason = `no follow-up for ${r.inactivity_timeout_minutes} min; runner closed (send resumes the thread)`;
      });
      return outcome;
    }
    await waitForDirChange(layout.queueDir(id), Math.min(QUEUE_POLL_MS, deadline - Date.now()));
  }
}

