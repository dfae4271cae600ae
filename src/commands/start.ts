// `start "<prompt>"`: creates a job and launches its runner in a detached tmux session.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkSessionId, type Reasoning, type Sandbox } from '../config.js';
import { sessionName, type Context } from '../context.js';
import { AgentError, UsageError } from '../errors.js';
import { checkAfterStart, followAfterStart, waitAfterStart, type AfterStartOptions } from '../jobs/after-start.js';
import { ensureRunner } from '../jobs/launch.js';
import { newJobRecord } from '../jobs/new-record.js';
import { waitForRecord } from '../jobs/wait-record.js';
import { DEFAULT_PROVIDER, getProvider } from '../providers/index.js';
import type { AgentProvider } from '../providers/types.js';
import { newId } from '../store/ids.js';
import { addContext } from '../prompt/context.js';
import { assertFitsAgent } from '../prompt/message-limit.js';
import { assertTuiText } from '../prompt/tui-text.js';
import { estimateTokens, TOKEN_ESTIMATE_RULE } from '../prompt/compose.js';
import { readStdin } from '../util/stdin.js';
import { childEnv } from '../util/child-env.js';
import { cliEntry } from '../util/package-root.js';
import { emit, forPeople } from './shared.js';
// Loaded with the command: src/program.ts makes its job context from it.
export { createContext } from '../context.js';

interface StartOptions extends AfterStartOptions {
  prd?: string;
  phase?: number;
  parentSession?: string;
  model?: string;
  reasoning?: Reasoning;
  sandbox?: Sandbox;
  dir?: string;
  interactive?: boolean;
  provider?: string;
  dryRun?: boolean;
  json?: boolean;
  /** --map: the codebase map into the prompt. */
  map?: boolean;
  /** -f/--file globs: these files into the prompt. */
  file?: string[];
  /** The user's command run when the job ends (blank values are refused for every option in cli.ts). */
  notifyOnComplete?: string;
}

/** Stdin holds the prompt at most this big (memory, not Codex, is the limit). */
const MAX_STDIN_PROMPT_BYTES = 64 * 1024 * 1024;

/** How long start waits for the runner to launch the agent, to report the argv it ran. */
const ARGV_WAIT_MS = 15_000;

/** `start [prompt]`. */
export async function startCommand(ctx: () => Context, prompt: string | undefined, opts: StartOptions): Promise<void> {
  checkAfterStart(opts);
  const c = ctx();
  const payload = await start(c, prompt, opts);
  if (opts.wait) return waitAfterStart(c, payload.id, opts);
  if (opts.follow) return followAfterStart(c, payload, opts, renderStart);
  emit(opts.json, payload, renderStart);
}

export interface StartPayload {
  id: string;
  dry_run: boolean;
  status: string;
  mode: 'exec' | 'interactive';
  cwd: string;
  sandbox: Sandbox;
  model: string | null;
  reasoning: Reasoning | null;
  tmux_session: string;
  attach: string[];
  /** The agent as it runs (or, dry, would run): the runner's own argv for its first launch. */
  agent: { provider: string; path: string; args: string[] };
  /** What --map and -f could not add (no map, binaries skipped, files over the cap); never fatal. */
  notes: string[];
  /** Set when the provider's own default chose the sandbox ("Gemini agents are read-only unless -s is given"). */
  sandbox_note?: string;
  /** Dry runs only: the full prompt the agent would get (with --prd, the PRD text; with --map and -f, those). */
  prompt?: string;
  /** Dry runs only: its size in UTF-8 bytes, and a rough token count (4 characters a token). */
  prompt_bytes?: number;
  prompt_tokens_estimate?: number;
}

/** Everything a start needs, checked once. */
interface StartSpec {
  prompt: string;
  notes: string[];
  mode: 'exec' | 'interactive';
  cwd: string;
  sandbox: Sandbox;
  sandboxNote: string | null;
  model: string | null;
  reasoning: Reasoning | null;
  parentSession: string | null;
  provider: AgentProvider;
  bin: string;
}

/** Reads and checks the options and the prompt, once: bad input stops here with one clear line. */
async function normalize(ctx: Context, promptArg: string | undefined, opts: StartOptions): Promise<StartSpec> {
  if (opts.phase !== undefined && !opts.prd) throw new UsageError('--phase goes with --prd <file>');
  // Long, multi-line briefs arrive on stdin: no quoting, no argv size limit.
  const given = promptArg === '-' ? await readStdin({ what: 'the prompt', maxBytes: MAX_STDIN_PROMPT_BYTES }) : promptArg;
  if (!opts.prd && (given ?? '').trim() === '') throw new UsageError('the prompt is empty (give a task, or --prd <file>)');
  const parentSession = opts.parentSession !== undefined ? checkSessionId(opts.parentSession, '--parent-session') : (ctx.config.parentSession ?? null);
  if (opts.model !== undefined && !/^[A-Za-z0-9._:/-]{1,100}$/.test(opts.model)) {
    throw new UsageError(`-m/--model: invalid model name "${opts.model.slice(0, 40)}"`);
  }
  const cwd = resolve(opts.dir ?? process.cwd());
  let isDir = false;
  try {
    isDir = statSync(cwd).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isDir) throw new UsageError(`-d/--dir: not a directory: ${cwd}`);
  const task = opts.prd ? [given?.trim(), await prdText(opts.prd, opts.phase)].filter(Boolean).join('\n\n') : given!;
  const { prompt, notes } = addContext(task, cwd, { map: opts.map, files: opts.file });
  const provider = await getProvider(opts.provider ?? ctx.config.defaults.provider ?? DEFAULT_PROVIDER, ctx.env);
  if (opts.interactive && provider.interactive === false) throw new UsageError(`interactive ${provider.label} jobs are not supported yet`);
  const found = provider.locate(ctx.env);
  if (!found) {
    const named = ctx.env[provider.binEnv]?.trim();
    throw new AgentError(named ? `${provider.binEnv}=${named} is not an executable` : `${provider.name} not found on PATH: install it with \`${provider.installHint}\``);
  }
  assertFitsAgent(prompt, provider.maxMessageChars, 'the prompt', provider.label);
  if (opts.interactive) assertTuiText(prompt, 'the prompt', provider.label);
  const d = ctx.config.defaults;
  return {
    prompt,
    notes,
    mode: opts.interactive ? 'interactive' : 'exec',
    cwd,
    // A provider's own default (Gemini: read-only) wins over the configured one; only -s overrides it.
    sandbox: opts.sandbox ?? provider.defaultSandbox ?? d.sandbox,
    sandboxNote: opts.sandbox === undefined && provider.defaultSandbox !== undefined ? `${provider.label} agents are ${provider.defaultSandbox} unless -s is given` : null,
    model: opts.model ?? d.model ?? null,
    reasoning: opts.reasoning ?? d.reasoning ?? null,
    parentSession,
    provider,
    bin: found.path,
  };
}

/** The PRD part of the prompt; the PRD modules (gray-matter) load only for a start with --prd. */
async function prdText(file: string, phase: number | undefined): Promise<string> {
  const [{ readPrd }, { prdPrompt }] = await Promise.all([import('../prd/files.js'), import('../prd/document.js')]);
  return prdPrompt(readPrd(resolve(file)), file, phase);
}

/** The argv the runner builds, for a dry run: the same provider function with the same inputs. */
async function dryArgs(ctx: Context, s: StartSpec, id: string): Promise<string[]> {
  const launch = { sandbox: s.sandbox, cwd: s.cwd, model: s.model, reasoning: s.reasoning };
  if (s.mode === 'exec') return s.provider.execArgs({ ...launch, threadId: null });
  const prep = await s.provider.interactivePrep(s.bin, childEnv(ctx.env));
  const byArgv = Buffer.byteLength(s.prompt) <= s.provider.maxArgvPromptBytes;
  const args = s.provider.interactiveArgs({ ...launch, notify: [process.execPath, cliEntry(), '__notify', id], prompt: byArgv ? s.prompt : undefined }, prep);
  return args.map((a) => (a === s.prompt ? '<prompt>' : a));
}

async function start(ctx: Context, promptArg: string | undefined, opts: StartOptions): Promise<StartPayload> {
  const s = await normalize(ctx, promptArg, opts);
  const id = newId();
  const payload: StartPayload = {
    id,
    dry_run: Boolean(opts.dryRun),
    status: 'pending',
    mode: s.mode,
    cwd: s.cwd,
    sandbox: s.sandbox,
    model: s.model,
    reasoning: s.reasoning,
    tmux_session: sessionName(id),
    attach: ctx.tmux.attachArgv(sessionName(id)),
    agent: { provider: s.provider.name, path: s.bin, args: [] },
    notes: s.notes,
    ...(s.sandboxNote ? { sandbox_note: s.sandboxNote } : {}),
  };
  // Text mode: the notes on stderr, so stdout's first line stays "Job started: <id>"; JSON: in the payload.
  if (!opts.json) for (const n of s.notes) process.stderr.write(`codex-agent: note: ${n}\n`);
  if (opts.dryRun) {
    const dry = { prompt: s.prompt, prompt_bytes: Buffer.byteLength(s.prompt), prompt_tokens_estimate: estimateTokens(s.prompt) };
    return { ...payload, agent: { ...payload.agent, args: await dryArgs(ctx, s, id) }, ...dry };
  }
  if ((await ctx.tmux.version()) === null) throw new AgentError('tmux not found on PATH: install tmux (see scripts/install.sh)');

  const d = ctx.config.defaults;
  const record = newJobRecord({
    id,
    mode: s.mode,
    prompt_head: s.prompt.slice(0, 200),
    model: s.model,
    reasoning: s.reasoning,
    sandbox: s.sandbox,
    cwd: s.cwd,
    provider: s.provider.name,
    agent_bin: s.bin,
    tmux_socket: ctx.config.tmuxSocket ?? null,
    inactivity_timeout_minutes: d.inactivityTimeoutMinutes,
    startup_timeout_seconds: d.startupTimeoutSeconds,
    parent_session: s.parentSession,
  });
  if (opts.notifyOnComplete !== undefined) record.notify_on_complete = opts.notifyOnComplete;
  ctx.store.create(record, s.prompt);
  const launched = await ensureRunner(ctx, id);
  // The argv the runner really ran, as it recorded it (it launches the agent right after reporting in).
  const ran = (await waitForRecord(ctx.store, id, ARGV_WAIT_MS, (r) => r.agent_argv !== null || r.runner === null)) ?? launched.record;
  const argv = ran.agent_argv ?? [];
  return { ...payload, status: ran.status, agent: { ...payload.agent, args: argv.slice(1) } };
}

function renderStart(p: StartPayload): string {
  if (p.dry_run) {
    return [
      `Dry run: nothing started.`,
      `would run: ${p.agent.path} ${p.agent.args.join(' ')}${p.mode === 'exec' ? '  (prompt on stdin)' : ''}`,
      `in tmux session ${p.tmux_session}, cwd ${p.cwd}, sandbox ${p.sandbox}`,
      `prompt:`,
      p.prompt ?? '',
      `prompt size: ${p.prompt_bytes} bytes, about ${p.prompt_tokens_estimate} tokens (${TOKEN_ESTIMATE_RULE})`,
    ].join('\n');
  }
  // Piped (Claude's Bash tool): the id is all the general needs; the rest is for people.
  if (!forPeople()) return [`Job started: ${p.id}`, ...(p.sandbox_note ? [`  ${p.sandbox_note}`] : [])].join('\n');
  return [
    `Job started: ${p.id}`,
    `  mode ${p.mode} · sandbox ${p.sandbox} · ${p.model ?? 'default model'} · cwd ${p.cwd}`,
    ...(p.sandbox_note ? [`  ${p.sandbox_note}`] : []),
    `  watch:  ${p.attach.join(' ')}`,
    `  await:  codex-agent await-turn ${p.id}`,
  ].join('\n');
}
