// The supervisor of an interactive job: runs the Codex TUI in the job's tmux pane (it owns the
// terminal; we stay silent), follows the job's own rollout file for turns, tokens, files and
// answers, reports a start-up screen that blocks, keeps pane.log, and closes an idle agent.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { RolloutFollower } from '../codex/rollout-follower.js';
import { findOpenRollout, findRolloutByContent, threadIdOfRollout } from '../codex/thread-finder.js';
import { migrationNotices } from '../codex/migrations.js';
import { MAX_ARGV_PROMPT_BYTES, tuiArgs } from '../codex/tui-args.js';
import type { Context } from '../context.js';
import { markStoppedBySignal } from '../jobs/reconcile.js';
import { applyTuiEvent } from '../jobs/tui-facts.js';
import { currentTurn } from '../jobs/turn-facts.js';
import { descendants, killTree } from '../proc/tree.js';
import { takeJobEnv } from '../store/job-env.js';
import { writeFileAtomic } from '../store/private-fs.js';
import { isTerminal } from '../store/record.js';
import { submitText } from '../tmux/tui-input.js';
import { quitCodex, screenText } from '../jobs/tui-control.js';
import { childEnv } from '../util/child-env.js';
import { waitForDirChange } from '../util/dir-change.js';
import { cliEntry } from '../util/package-root.js';

const now = (): string => new Date().toISOString();
/** Slow poll behind notify's fast wake-up: failed and interrupted turns fire no notify. */
const POLL_MS = 1_000;
const PANE_LOG_EVERY_MS = 2_000;
const BLOCKED_RECHECK_MS = 5_000;
const QUIT_GRACE_MS = 8_000;
/** Where open files cannot be listed (no /proc, no lsof), look for the thread by its content. */
const CONTENT_SCAN_AFTER_MS = 3_000;
const PASTE_RETRY_MS = 10_000;

export async function runInteractiveJob(ctx: Context, id: string): Promise<number> {
  const { store, tmux } = ctx;
  const layout = store.layout;
  const env = takeJobEnv(layout, id) ?? childEnv(process.env);
  const codexHome = env.CODEX_HOME || join(env.HOME || homedir(), '.codex');
  // The agent's session is open from here: running, even before its first turn starts.
  let record = store.update(id, (r) => {
    r.runner_pid = process.pid;
    r.status = 'running';
    r.started_at ??= now();
    r.turn_state = 'starting';
  });
  const session = record.tmux_session;
  const prompt = store.readPrompt(id);
  const promptByArgv = Buffer.byteLength(prompt) <= MAX_ARGV_PROMPT_BYTES;
  const args = tuiArgs({
    sandbox: record.sandbox,
    cwd: record.cwd,
    model: record.model,
    reasoning: record.reasoning,
    migrations: await migrationNotices(record.codex_bin, env),
    notify: [process.execPath, cliEntry(), '__notify', id],
    prompt: promptByArgv ? prompt : undefined,
  });
  // The TUI reads Ctrl-C itself (interrupt); the runner shares its terminal and must not die of it.
  process.on('SIGINT', () => undefined);
  const child = execa(record.codex_bin, args, {
    cwd: record.cwd,
    env: { ...env, CODEX_AGENT_HOME: ctx.config.home },
    extendEnv: false,
    stdio: 'inherit',
    reject: false,
  });
  const launchedAt = Date.now();
  store.update(id, (r) => {
    r.codex_pid = child.pid ?? null;
    r.last_activity_at = now();
  });
  let exited = false;
  const exit = child.then((res) => {
    exited = true;
    return res;
  });

  let stopping = false;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      if (child.pid) await killTree(child.pid, { graceMs: 2_000 });
      await savePaneLog(ctx, id, session);
      store.update(id, (r) => markStoppedBySignal(r, sig, now()));
      process.exit(1);
    })();
  };
  process.on('SIGHUP', onSignal);
  process.on('SIGTERM', onSignal);

  let follower: RolloutFollower | null = null;
  let lastPaneLog = 0;
  let lastBlockedCheck = 0;
  let promptPasted = promptByArgv;
  let pastedAt = 0;
  let quitting: string | null = null;

  while (!exited && !stopping) {
    record = store.read(id);
    if (record.status === 'cancelled') break;

    if (!follower) {
      const taken = threadsOfOtherJobs(ctx, id);
      let path = await findOpenRollout([child.pid!, ...(await descendants(child.pid!).catch(() => []))], taken);
      if (!path && Date.now() - launchedAt > CONTENT_SCAN_AFTER_MS) {
        path = await findRolloutByContent(codexHome, { sinceMs: launchedAt - 1_000, cwd: record.cwd, prompt, taken });
      }
      const threadId = path ? threadIdOfRollout(path) : null;
      if (path && threadId) {
        follower = new RolloutFollower(codexHome, threadId, path);
        record = store.update(id, (r) => {
          r.thread_id = threadId;
        });
      }
    }
    if (follower) {
      const events = await follower.poll();
      if (events.length > 0) {
        const at = now();
        record = store.update(id, (r) => {
          for (const ev of events) applyTuiEvent(r, ev, at);
        });
      }
    }

    // A prompt too long for argv goes in by paste, once the composer is on screen.
    if (!promptPasted && showsComposer(await screenText(ctx, session))) {
      await submitText(tmux, session, prompt, layout.jobDir(id)).catch(() => undefined);
      promptPasted = true;
      pastedAt = Date.now();
    } else if (pastedAt && record.user_messages === 0 && Date.now() - pastedAt > PASTE_RETRY_MS) {
      // The Enter arrived while the TUI was still taking the paste: press it once more.
      await tmux.sendKeys(session, ['Enter']).catch(() => undefined);
      pastedAt = 0;
    }

    const neverStarted = record.turns.length === 0;
    if (neverStarted && Date.now() - launchedAt > record.startup_timeout_seconds * 1000 && Date.now() - lastBlockedCheck > BLOCKED_RECHECK_MS) {
      lastBlockedCheck = Date.now();
      const screen = await screenText(ctx, session);
      record = store.update(id, (r) => {
        if (r.turns.length > 0) return;
        r.turn_state = 'blocked';
        r.blocked_screen = screen;
      });
    }

    if (!currentTurn(record) && !neverStarted && !quitting) {
      const idleSince = Date.parse(record.last_activity_at ?? record.started_at ?? record.created_at);
      if (Date.now() - idleSince > record.inactivity_timeout_minutes * 60_000) {
        quitting = `no activity for ${record.inactivity_timeout_minutes} min; agent closed`;
        await quitCodex(ctx, session, id);
        // If /quit did not end it, end it; unref'd so a clean quit does not keep the runner waiting.
        setTimeout(() => {
          if (!exited && child.pid) void killTree(child.pid, { graceMs: 2_000 });
        }, QUIT_GRACE_MS).unref();
      }
    }

    if (Date.now() - lastPaneLog > PANE_LOG_EVERY_MS) {
      lastPaneLog = Date.now();
      await savePaneLog(ctx, id, session);
    }
    await Promise.race([waitForDirChange(layout.jobDir(id), POLL_MS), exit]);
  }

  const res = await exit;
  if (stopping) return 1;
  if (follower) {
    const events = await follower.poll();
    const at = now();
    store.update(id, (r) => {
      for (const ev of events) applyTuiEvent(r, ev, at);
    });
  }
  await savePaneLog(ctx, id, session);
  const screen = await screenText(ctx, session);
  store.update(id, (r) => {
    const at = now();
    const turn = currentTurn(r);
    if (turn) {
      turn.status = 'aborted';
      turn.completed_at = at;
      turn.error ??= 'codex exited during the turn';
    }
    r.exit_code = res.exitCode ?? null;
    r.codex_pid = null;
    r.runner_pid = null;
    if (r.turn_state !== 'context_limit') r.turn_state = 'ended';
    if (isTerminal(r.status)) return;
    r.completed_at = at;
    if (quitting) {
      r.status = 'completed';
      r.end_reason = quitting;
    } else if (res.exitCode === 0) {
      r.status = 'completed';
      r.end_reason = 'codex exited';
    } else {
      r.status = 'failed';
      r.error = `codex exited with code ${res.exitCode ?? res.signal ?? 'unknown'}: ${screen.split('\n').slice(-3).join(' | ')}`;
      r.error_kind = 'runner';
      r.end_reason = r.error;
    }
  });
  return 0;
}

async function savePaneLog(ctx: Context, id: string, session: string): Promise<void> {
  try {
    const text = await ctx.tmux.capturePane(session, { lines: 100_000 });
    if (text.trim()) writeFileAtomic(ctx.store.layout.paneLog(id), text);
  } catch {
    // The session is gone: the last saved copy stands.
  }
}


function threadsOfOtherJobs(ctx: Context, id: string): Set<string> {
  const taken = new Set<string>();
  for (const r of ctx.store.list({ limit: 0 }).records) if (r.id !== id && r.thread_id) taken.add(r.thread_id);
  return taken;
}

/** Pure: the TUI is up and its composer waits for input (the "›" prompt line). */
export function showsComposer(screen: string): boolean {
  return screen.split('\n').some((l) => l.startsWith('› '));
}
