// The supervisor of an interactive job: runs the Codex TUI in the job's tmux pane (it owns the
// terminal; we stay silent), follows the job's own rollout file for turns, tokens, files and
// answers (woken by the file changing, so a turn's end is recorded at once), reports a start-up
// screen that blocks, keeps pane.log, and closes an idle agent. A job whose agent was lost or
// closed for inactivity comes back here on its thread (`codex resume`) when `send` brings a message.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { RolloutFollower } from '../codex/rollout-follower.js';
import { findRolloutFile } from '../codex/rollout-file.js';
import { findOpenRollout, findRolloutByContent, threadIdOfRollout } from '../codex/thread-finder.js';
import { migrationNotices } from '../codex/migrations.js';
import { MAX_ARGV_PROMPT_BYTES, tuiArgs } from '../codex/tui-args.js';
import type { Context } from '../context.js';
import { agentExited, agentGone, agentLaunched, blocked, closedIdle, currentTurn, ended, isFinal, processesStopped, runnerStarted } from '../jobs/lifecycle.js';
import { applyTuiEvent } from '../jobs/tui-facts.js';
import { quitCodex, screenText } from '../jobs/tui-control.js';
import { refState, selfRef, type ProcRef } from '../proc/identity.js';
import { descendants, killRefs } from '../proc/tree.js';
import { takeJobEnv } from '../store/job-env.js';
import { writeFileAtomic } from '../store/private-fs.js';
import { pending, readQueued, removeQueued } from '../store/queue.js';
import { submitText } from '../tmux/tui-input.js';
import { childEnv } from '../util/child-env.js';
import { cliEntry } from '../util/package-root.js';
import { Waker } from '../util/waker.js';
import { agentMarker, exitDetail, trackAgent } from './agent-procs.js';
import { recordStop } from './stopped.js';

const now = (): string => new Date().toISOString();
/** Slow poll behind the file watch and notify's wake-up (some filesystems report no changes). */
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
  let record = store.update(id, (r) => runnerStarted(r, selfRef(), now()));
  const session = record.tmux_session;
  // Back on an existing thread (send after the agent was lost or closed): the message that
  // brought it back is the first thing it gets, and the rollout is read from where it ends now.
  const resumeThread = record.turns.length > 0 ? record.thread_id : null;
  const prompt = resumeThread ? takeFirstQueued(ctx, id) : store.readPrompt(id);
  const rolloutStart = resumeThread ? await rolloutEnd(codexHome, resumeThread) : null;
  const launchedTurns = record.turns.length;
  const promptByArgv = prompt === null || Buffer.byteLength(prompt) <= MAX_ARGV_PROMPT_BYTES;
  const args = tuiArgs({
    sandbox: record.sandbox,
    cwd: record.cwd,
    model: record.model,
    reasoning: record.reasoning,
    migrations: await migrationNotices(record.codex_bin, env),
    notify: [process.execPath, cliEntry(), '__notify', id],
    prompt: prompt !== null && promptByArgv ? prompt : undefined,
    resume: resumeThread ?? undefined,
  });
  const marker = agentMarker(id);
  // The TUI reads Ctrl-C itself (interrupt); the runner shares its terminal and must not die of it.
  process.on('SIGINT', () => undefined);
  const child = execa(record.codex_bin, args, {
    cwd: record.cwd,
    env: { ...env, CODEX_AGENT_HOME: ctx.config.home, [marker.name]: marker.value },
    extendEnv: false,
    stdio: 'inherit',
    reject: false,
  });
  const launchedAt = Date.now();
  let exited = false;
  let agent: ProcRef[] = [];
  trackAgent(
    record.codex_bin,
    child.pid,
    (refs) => {
      agent = refs;
      store.update(id, (r) => agentLaunched(r, refs));
    },
    () => !exited,
  );
  let agentAliveAtExit = false;
  const exit = child.then((res) => {
    exited = true;
    agentAliveAtExit = agent.length > 1 && refState(agent[1]!) === 'running';
    return res;
  });

  let stopping = false;
  // Ends the process once the stop is recorded: the main flow never records after a signal.
  let stopped: Promise<never> | null = null;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    stopped = (async () => {
      await killRefs(agent, { graceMs: 2_000, marker: marker.entry }).catch(() => undefined);
      await savePaneLog(ctx, id, session);
      await recordStop(ctx, id, sig).catch(() => undefined);
      process.exit(1);
    })();
  };
  process.on('SIGHUP', onSignal);
  process.on('SIGTERM', onSignal);

  const waker = new Waker([layout.jobDir(id)]);
  void exit.then(() => waker.poke());
  let follower: RolloutFollower | null = null;
  let lastPaneLog = 0;
  let lastBlockedCheck = 0;
  let promptPasted = promptByArgv;
  let pastedAt = 0;
  let quitting: string | null = null;

  while (!exited && !stopping) {
    record = store.read(id);
    if (isFinal(record)) break;

    if (!follower) {
      const taken = threadsOfOtherJobs(ctx, id);
      let path = await findOpenRollout([child.pid!, ...descendants(child.pid!)], taken);
      if (!path && !resumeThread && Date.now() - launchedAt > CONTENT_SCAN_AFTER_MS) {
        path = await findRolloutByContent(codexHome, { sinceMs: launchedAt - 1_000, cwd: record.cwd, prompt: prompt ?? '', taken });
      }
      if (!path && resumeThread && rolloutStart) path = rolloutStart.path;
      const threadId = path ? threadIdOfRollout(path) : null;
      if (path && threadId) {
        follower = new RolloutFollower(codexHome, threadId, path, rolloutStart?.path === path ? rolloutStart.size : 0);
        waker.watch(path);
        record = store.update(id, (r) => {
          r.thread_id ??= threadId;
        });
      }
    }
    if (follower) {
      const events = follower.readNew();
      if (events.length > 0) {
        const at = now();
        record = store.update(id, (r) => void events.forEach((ev) => applyTuiEvent(r, ev, at)));
      }
    }

    // A prompt too long for argv goes in by paste, once the composer is on screen.
    if (!promptPasted && prompt !== null && showsComposer(await screenText(ctx, session))) {
      await submitText(tmux, session, prompt, layout.jobDir(id)).catch(() => undefined);
      promptPasted = true;
      pastedAt = Date.now();
    } else if (pastedAt && record.turns.length === launchedTurns && Date.now() - pastedAt > PASTE_RETRY_MS) {
      // The Enter arrived while the TUI was still taking the paste: press it once more.
      await tmux.sendKeys(session, ['Enter']).catch(() => undefined);
      pastedAt = 0;
    }

    const noTurnYet = record.turns.length === launchedTurns && prompt !== null;
    if (noTurnYet && Date.now() - launchedAt > record.startup_timeout_seconds * 1000 && Date.now() - lastBlockedCheck > BLOCKED_RECHECK_MS) {
      lastBlockedCheck = Date.now();
      const screen = await screenText(ctx, session);
      record = store.update(id, (r) => {
        if (r.turns.length === launchedTurns) blocked(r, screen);
      });
    }

    if (!currentTurn(record) && !noTurnYet && !quitting && record.turn_state !== 'blocked') {
      const idleSince = Date.parse(record.last_activity_at ?? record.started_at ?? record.created_at);
      if (Date.now() - idleSince > record.inactivity_timeout_minutes * 60_000) {
        quitting = `no activity for ${record.inactivity_timeout_minutes} min; agent closed (send reopens its thread)`;
        await quitCodex(ctx, session, id);
        // If /quit did not end it, end it; unref'd so a clean quit does not keep the runner waiting.
        setTimeout(() => {
          if (!exited) void killRefs(agent, { graceMs: 2_000, marker: marker.entry });
        }, QUIT_GRACE_MS).unref();
      }
    }

    if (Date.now() - lastPaneLog > PANE_LOG_EVERY_MS) {
      lastPaneLog = Date.now();
      await savePaneLog(ctx, id, session);
    }
    await waker.wait(POLL_MS);
  }

  const res = await exit;
  waker.close();
  if (stopped) return stopped;
  // What the TUI started and left behind goes with it.
  await killRefs(agent, { graceMs: 2_000, marker: marker.entry }).catch(() => undefined);
  const tail = follower?.readNew() ?? [];
  await savePaneLog(ctx, id, session);
  const screen = await screenText(ctx, session);
  const exitOf = { exitCode: res.exitCode ?? null, signal: res.signal ?? null };
  const detail = exitDetail(exitOf, child.pid, agent[1]?.pid, agentAliveAtExit);
  store.update(id, (r) => {
    const at = now();
    for (const ev of tail) applyTuiEvent(r, ev, at);
    agentExited(r, { code: exitOf.exitCode, signal: exitOf.signal, detail }, at);
    if (r.status === 'cancelled') processesStopped(r);
    else if (quitting) closedIdle(r, quitting, at);
    else if (res.exitCode === 0) ended(r, 'the agent was closed (/quit)', at);
    else agentGone(r, `${detail}; the screen shows: ${screen.split('\n').slice(-3).join(' | ')}`, at);
  });
  return 0;
}

/** The oldest queued message, taken (the one that brought the agent back). */
function takeFirstQueued(ctx: Context, id: string): string | null {
  let message: string | null = null;
  ctx.store.update(id, () => {
    const next = pending(ctx.store.layout, id)[0];
    if (next === undefined) return;
    message = readQueued(ctx.store.layout, id, next);
    removeQueued(ctx.store.layout, id, next);
  });
  return message;
}

async function rolloutEnd(codexHome: string, threadId: string): Promise<{ path: string; size: number } | null> {
  const path = await findRolloutFile(codexHome, threadId);
  if (!path) return null;
  try {
    return { path, size: statSync(path).size };
  } catch {
    return null;
  }
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
