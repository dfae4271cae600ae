// The supervisor of an interactive job: runs the agent's TUI in the job's tmux pane (it owns the
// terminal; we stay silent), follows the job's own session record for turns, tokens, files and
// answers (woken by the file changing, so a turn's end is recorded at once), reports a start-up
// screen that blocks, keeps pane.log, and closes an idle agent. A job whose agent was lost or
// closed for inactivity comes back here on its thread when `send` brings a message.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { Context } from '../context.js';
import { StateRootError } from '../errors.js';
import { applyAgentEvent } from '../jobs/facts.js';
import { approvalAsked, approvalSettled, blocked, currentTurn, isFinal, runnerStarted, agentLaunched } from '../jobs/lifecycle.js';
import { quitAgent, screenText } from '../jobs/tui-control.js';
import { lastLines } from '../util/last-lines.js';
import { refState, selfRef, type ProcRef } from '../proc/identity.js';
import { descendants, killRefs } from '../proc/tree.js';
import { getProvider } from '../providers/index.js';
import type { AgentEvent, AgentProvider, SessionFollower } from '../providers/types.js';
import { takeJobEnv } from '../store/job-env.js';
import { writeFileAtomic } from '../store/private-fs.js';
import { pending, readQueued, removeQueued } from '../store/queue.js';
import type { JobRecord } from '../store/record.js';
import { pasteAllowanceMs, submitText } from '../tmux/tui-input.js';
import { childEnv } from '../util/child-env.js';
import { cliEntry } from '../util/package-root.js';
import { sleep } from '../util/sleep.js';
import { Waker } from '../util/waker.js';
import { agentMarker, exitDetail, trackAgent } from './agent-procs.js';
import { HOOK_LOG } from '../providers/hook-log.js';
import { finishInteractive } from './interactive-finish.js';
import { leaveWords } from './last-words.js';
import { AppendLog } from './pane.js';
import { clock, HOLD_UNWRITTEN_MS, RecordWriter } from './record-writer.js';
import { recordStop } from './stopped.js';
import { unreadableRecord } from './unreadable.js';

const now = (): string => new Date().toISOString();
/** Slow poll behind the file watch and notify's wake-up (some filesystems report no changes). */
const POLL_MS = 1_000;
const PANE_LOG_EVERY_MS = 2_000;
const BLOCKED_RECHECK_MS = 5_000;
const QUIT_GRACE_MS = 8_000;
const PASTE_RETRY_MS = 10_000;
/** How often a running turn's screen is read for a "keep retrying?" question, and the pause after answering one. */
const RETRY_QUESTION_EVERY_MS = 2_000;
const RETRY_ANSWER_PAUSE_MS = 200;

/** One run of the agent's TUI, from launch to exit, in named parts. */
class InteractiveRun {
  private follower: SessionFollower | null = null;
  private agent: ProcRef[] = [];
  private exited = false;
  private agentAliveAtExit = false;
  private lastPaneLog = 0;
  private lastBlockedCheck = 0;
  private lastRetryCheck = 0;
  private promptPasted: boolean;
  private pastedAt = 0;
  /** Set when the runner closes an idle agent: why. */
  private closing: string | null = null;
  private readonly launchedAt = Date.now();
  private readonly waker: Waker;
  private readonly marker;

  constructor(
    private readonly ctx: Context,
    private readonly id: string,
    private readonly provider: AgentProvider,
    private readonly env: Record<string, string>,
    private readonly launch: Launch,
    /** Every write of the record goes through it: kept in memory while the state root cannot take it. */
    private readonly writer: RecordWriter,
  ) {
    this.promptPasted = launch.promptByArgv;
    this.waker = new Waker([ctx.store.layout.jobDir(id)]);
    this.marker = agentMarker(id);
  }

  private get session(): string {
    return this.launch.record.tmux_session;
  }

  /** Starts the agent in this pane (its terminal is ours) and tracks its processes. */
  start(): ResultPromise<{ stdio: 'inherit'; reject: false }> {
    const { record, args } = this.launch;
    const child = execa(record.agent_bin, args, {
      cwd: record.cwd,
      env: { ...this.env, CODEX_AGENT_HOME: this.ctx.config.home, [this.marker.name]: this.marker.value },
      extendEnv: false,
      stdio: 'inherit',
      reject: false,
    });
    const shown = [record.agent_bin, ...args.map((a) => (a === this.launch.prompt ? '<prompt>' : a))];
    trackAgent(
      record.agent_bin,
      child.pid,
      (refs) => {
        this.agent = refs;
        this.writer.update((r) => agentLaunched(r, refs, shown));
      },
      () => !this.exited,
    );
    void child.then(() => {
      this.exited = true;
      this.agentAliveAtExit = this.agent.length > 1 && refState(this.agent[1]!) === 'running';
      this.waker.poke();
    });
    return child;
  }

  get isExited(): boolean {
    return this.exited;
  }

  /** Ends the agent and all it started (a signal stops the runner, or it would not quit). */
  async endAgent(): Promise<void> {
    await killRefs(this.agent, { graceMs: 2_000, marker: this.marker.entry }).catch(() => undefined);
  }

  /** One look at everything; false once the job is final and the loop should stop. */
  async step(pid: number): Promise<boolean> {
    // What could not be written yet goes in as soon as the root takes it.
    this.writer.flushNow();
    let record = this.writer.read();
    if (isFinal(record)) return false;
    if (!this.follower) record = (await this.discoverSession(pid, record)) ?? record;
    record = this.followSession() ?? record;
    await this.deliverPrompt(record);
    record = (await this.checkBlocked(record)) ?? record;
    await this.stopRetrying(record);
    await this.closeIfIdle(record);
    if (Date.now() - this.lastPaneLog > PANE_LOG_EVERY_MS) {
      this.lastPaneLog = Date.now();
      await this.savePaneLog();
    }
    return true;
  }

  wait(): Promise<void> {
    return this.waker.wait(POLL_MS);
  }

  /** The job's own session record: the one the agent's processes write, not another job's. */
  private async discoverSession(pid: number, record: JobRecord): Promise<JobRecord | null> {
    const { launch, provider } = this;
    const found = await provider.findSession({
      pids: [pid, ...descendants(pid)],
      home: provider.home(this.env),
      cwd: record.cwd,
      prompt: launch.prompt,
      launchedAtMs: this.launchedAt,
      taken: threadsOfOtherJobs(this.ctx, this.id),
      resume: launch.resume,
    });
    if (!found) return null;
    // A reopened thread is read from where it ended: its earlier records are in the record already.
    const offset = launch.resumeEnd?.path === found.path ? launch.resumeEnd.size : 0;
    this.follower = provider.follow(provider.home(this.env), found.threadId, found.path, offset);
    this.waker.watch(found.path);
    const at = now();
    return this.writer.update((r) => void applyAgentEvent(r, { kind: 'thread_started', threadId: found.threadId }, at));
  }

  private followSession(): JobRecord | null {
    const events = this.follower?.readNew() ?? [];
    return events.length > 0 ? this.apply(events) : null;
  }

  apply(events: AgentEvent[]): JobRecord {
    const at = now();
    return this.writer.update((r) =>
      void events.forEach((ev) => {
        // A waiting approval holds the turn until anything else of it arrives.
        if (ev.kind === 'approval_pending') return approvalAsked(r, at);
        if (ev.kind !== 'warning') approvalSettled(r);
        applyAgentEvent(r, ev, at);
      }),
    );
  }

  /**
   * A model call that failed all its attempts: an agent that asks whether to keep retrying is told
   * to stop, so the turn fails with the reason instead of retrying for minutes.
   */
  private async stopRetrying(record: JobRecord): Promise<void> {
    if (!this.provider.stopRetrying || !currentTurn(record) || Date.now() - this.lastRetryCheck < RETRY_QUESTION_EVERY_MS) return;
    this.lastRetryCheck = Date.now();
    const keys = this.provider.stopRetrying(await screenText(this.ctx, this.session));
    if (!keys) return;
    for (const key of keys) {
      await this.ctx.tmux.sendKeys(this.session, [key]).catch(() => undefined);
      await sleep(RETRY_ANSWER_PAUSE_MS);
    }
  }

  /** A prompt too long for argv goes in by paste, once the composer is on screen; Enter once more if it did not take. */
  private async deliverPrompt(record: JobRecord): Promise<void> {
    const { prompt } = this.launch;
    const tmux = this.ctx.tmux;
    if (!this.promptPasted && prompt !== null && this.provider.screen.composerReady(await screenText(this.ctx, this.session))) {
      await submitText(tmux, this.session, prompt, this.ctx.store.layout.jobDir(this.id), this.provider.keys.afterPaste(prompt)).catch(() => undefined);
      this.promptPasted = true;
      this.pastedAt = Date.now();
    } else if (this.pastedAt && prompt !== null && record.turns.length === this.launch.record.turns.length && Date.now() - this.pastedAt > PASTE_RETRY_MS + pasteAllowanceMs(prompt)) {
      // The Enter arrived while the TUI was still taking the paste: press it once more.
      await tmux.sendKeys(this.session, ['Enter']).catch(() => undefined);
      this.pastedAt = 0;
    }
  }

  private noTurnYet(record: JobRecord): boolean {
    return record.turns.length === this.launch.record.turns.length && this.launch.prompt !== null;
  }

  /** No turn started in time after launch: whatever holds the agent is on screen. */
  private async checkBlocked(record: JobRecord): Promise<JobRecord | null> {
    // A prompt that goes in by paste gets the time a paste that long takes on top.
    const pasting = this.launch.prompt !== null && !this.launch.promptByArgv ? pasteAllowanceMs(this.launch.prompt) : 0;
    const due = Date.now() - this.launchedAt > record.startup_timeout_seconds * 1000 + pasting && Date.now() - this.lastBlockedCheck > BLOCKED_RECHECK_MS;
    if (!this.noTurnYet(record) || !due) return null;
    this.lastBlockedCheck = Date.now();
    const screen = await screenText(this.ctx, this.session);
    const launched = this.launch.record.turns.length;
    return this.writer.update((r) => {
      if (r.turns.length === launched) blocked(r, screen);
    });
  }

  /** An agent idle past the inactivity timeout is quit the way a person would, and ended if it will not go. */
  private async closeIfIdle(record: JobRecord): Promise<void> {
    if (currentTurn(record) || this.noTurnYet(record) || this.closing || record.turn_state === 'blocked') return;
    const idleSince = Date.parse(record.last_activity_at ?? record.started_at ?? record.created_at);
    if (Date.now() - idleSince <= record.inactivity_timeout_minutes * 60_000) return;
    this.closing = `no activity for ${record.inactivity_timeout_minutes} min; agent closed (send reopens its thread)`;
    await quitAgent(this.ctx, this.provider, this.session, this.id);
    // Unref'd, so a clean quit does not keep the runner waiting.
    setTimeout(() => {
      if (!this.exited) void this.endAgent();
    }, QUIT_GRACE_MS).unref();
  }

  async savePaneLog(): Promise<void> {
    try {
      const text = await this.ctx.tmux.capturePane(this.session, { lines: 100_000 });
      if (text.trim()) writeFileAtomic(this.ctx.store.layout.paneLog(this.id), text);
    } catch {
      // The session is gone: the last saved copy stands.
    }
  }

  /**
   * The agent exited: the last records, then the transition that says how the job stands. False
   * when the state root could not take it within the bound: the runner's last words keep it.
   */
  async finish(res: { exitCode?: number; signal?: string }, launcherPid: number | undefined, say: (line: string) => void): Promise<boolean> {
    this.waker.close();
    // What the TUI started and left behind goes with it.
    await this.endAgent();
    const tail = this.follower?.readNew() ?? [];
    await this.savePaneLog();
    const screen = await screenText(this.ctx, this.session);
    const exit = { exitCode: res.exitCode ?? null, signal: res.signal ?? null };
    const detail = exitDetail(this.provider.label.toLowerCase(), exit, launcherPid, this.agent[1]?.pid, this.agentAliveAtExit);
    const at = now();
    this.writer.update((r) => {
      for (const ev of tail) applyAgentEvent(r, ev, at);
      finishInteractive(r, { code: exit.exitCode, signal: exit.signal, detail }, { closing: this.closing, screenTail: lastLines(screen, 3) }, at);
    });
    if (await this.writer.flush(HOLD_UNWRITTEN_MS)) return true;
    const outage = this.writer.blocked;
    say(leaveWords(this.ctx.store, this.id, this.writer, () => undefined, `the runner left at ${clock(now())} without writing its last changes: ${outage?.error.message ?? 'the state root could not be written'} since ${outage ? clock(outage.since) : '?'}`));
    return false;
  }

  stop(): void {
    this.waker.close();
  }
}

interface Launch {
  record: JobRecord;
  args: string[];
  /** The first message: the prompt, or the message that reopened the thread; null for none. */
  prompt: string | null;
  promptByArgv: boolean;
  resume: string | null;
  resumeEnd: { path: string; size: number } | null;
}

/** What to launch: a new agent on the prompt, or (send after a loss or an idle close) its thread reopened with the new message. */
async function prepareLaunch(ctx: Context, id: string, provider: AgentProvider, env: Record<string, string>): Promise<Launch> {
  const record = ctx.store.update(id, (r) => runnerStarted(r, selfRef(), now()));
  const resume = record.turns.length > 0 ? record.thread_id : null;
  const prompt = resume ? takeFirstQueued(ctx, id) : ctx.store.readPrompt(id);
  const resumeEnd = resume ? provider.sessionEnd(provider.home(env), resume) : null;
  const promptByArgv = prompt === null || Buffer.byteLength(prompt) <= provider.maxArgvPromptBytes;
  const args = provider.interactiveArgs(
    {
      sandbox: record.sandbox,
      cwd: record.cwd,
      model: record.model,
      reasoning: record.reasoning,
      notify: notifyArgv(id),
      prompt: prompt !== null && promptByArgv ? prompt : undefined,
      resume: resume ?? undefined,
    },
    await provider.interactivePrep(record.agent_bin, env),
  );
  return { record, args, prompt, promptByArgv, resume, resumeEnd };
}

export async function runInteractiveJob(ctx: Context, id: string): Promise<number> {
  const jobEnv = takeJobEnv(ctx.store.layout, id) ?? childEnv(process.env);
  const provider = await getProvider(ctx.store.read(id).provider, jobEnv);
  // What this run adds (a private settings layer with its hooks, for providers that take one).
  const env = { ...jobEnv, ...(provider.runEnv?.(ctx.store.layout.jobDir(id), jobEnv, [process.execPath, cliEntry(), '__hook', id]) ?? {}) };
  // The hooks' log holds this run's calls only (an earlier run's were read by it).
  rmSync(join(ctx.store.layout.jobDir(id), HOOK_LOG), { force: true });
  let launch: Launch;
  try {
    launch = await prepareLaunch(ctx, id, provider, env);
  } catch (err) {
    if (!(err instanceof StateRootError)) throw err;
    process.stdout.write(`codex-agent: the runner cannot start: ${err.message}; nothing was started, and what is queued stays queued\n`);
    return 1;
  }
  // The TUI owns the terminal while it runs: the runner's own lines wait until it is gone, then
  // go to the pane and to the end of pane.log (a capture of the pane rewrites it whole).
  const held: string[] = [];
  let tuiOpen = true;
  const paneLog = new AppendLog(ctx.store.layout.paneLog(id), (n) => `codex-agent: ${n} line(s) of the runner are missing here: the state root could not take them`);
  const show = (line: string): void => {
    process.stdout.write(`${line}\n`);
    paneLog.append(line);
  };
  const say = (line: string): void => {
    if (tuiOpen) held.push(line);
    else show(line);
  };
  const tuiClosed = (): void => {
    tuiOpen = false;
    for (const line of held.splice(0)) show(line);
  };
  // Ends the process once the stop is recorded: the main flow never records after a signal.
  let stopped: Promise<never> | null = null;
  let run: InteractiveRun | null = null;
  const stopWith = (then: () => Promise<void> | void): void => {
    if (stopped) return;
    run?.stop();
    stopped = (async () => {
      await run?.endAgent();
      tuiClosed();
      // The screen first: what `then` says is appended after it, whole.
      await run?.savePaneLog();
      await Promise.resolve()
        .then(then)
        .catch(() => undefined);
      process.exit(1);
    })();
  };
  const writer: RecordWriter = new RecordWriter(ctx.store, id, {
    say,
    // The record was made unreadable under us: the agent must not run on unwatched.
    onFatal: (err) => stopWith(() => unreadableRecord(ctx.store.layout, id, err, writer, say)),
  });
  run = new InteractiveRun(ctx, id, provider, env, launch, writer);
  // The TUI reads Ctrl-C itself (interrupt); the runner shares its terminal and must not die of it.
  process.on('SIGINT', () => undefined);
  const child = run.start();
  const onSignal = (sig: NodeJS.Signals): void => stopWith(() => recordStop(ctx, id, sig, writer, say));
  process.on('SIGHUP', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    while (!run.isExited && !stopped && (await run.step(child.pid!))) await run.wait();
  } catch (err) {
    // Whatever broke the loop, the agent must not stay open unwatched, nor keep this process alive.
    run.stop();
    await run.endAgent();
    throw err;
  }
  const res = await child;
  if (stopped) return stopped;
  tuiClosed();
  return (await run.finish(res, child.pid, say)) ? 0 : 1;
}

/** The agent's turn-complete hook: our hidden `__notify <id>`. */
function notifyArgv(id: string): string[] {
  return [process.execPath, cliEntry(), '__notify', id];
}

/** The oldest queued message, taken (the one that brought the agent back). */
function takeFirstQueued(ctx: Context, id: string): string | null {
  let message: string | null = null;
  let taken: string | undefined;
  ctx.store.update(id, () => {
    const next = pending(ctx.store.layout, id)[0];
    if (next === undefined) return;
    message = readQueued(ctx.store.layout, id, next);
    taken = next;
  });
  // Only once that write went through: a full root leaves the message queued.
  if (taken !== undefined) removeQueued(ctx.store.layout, id, taken);
  return message;
}

function threadsOfOtherJobs(ctx: Context, id: string): Set<string> {
  const taken = new Set<string>();
  for (const r of ctx.store.list({ limit: 0 }).records) if (r.id !== id && r.thread_id) taken.add(r.thread_id);
  return taken;
}
