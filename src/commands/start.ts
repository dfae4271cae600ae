// `start "<prompt>"`: creates a job and launches its runner in a detached tmux session.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { REASONING, SANDBOXES, SESSION_ID_RE, type Reasoning, type Sandbox } from '../config.js';
import { prdPrompt } from '../prd/document.js';
import { readPrd } from '../prd/files.js';
import { sessionName, type Context } from '../context.js';
import { execTurnArgs } from '../codex/args.js';
import { migrationNotices } from '../codex/migrations.js';
import { tuiArgs } from '../codex/tui-args.js';
import { childEnv } from '../util/child-env.js';
import { cliEntry } from '../util/package-root.js';
import { locateCodex } from '../codex/locate.js';
import { AgentError, UsageError } from '../errors.js';
import { ensureRunner } from '../jobs/launch.js';
import { newJobRecord } from '../jobs/new-record.js';
import { newId } from '../store/ids.js';
import { emit, intArg } from './shared.js';

interface StartOptions {
  prd?: string;
  phase?: number;
  parentSession?: string;
  model?: string;
  reasoning?: Reasoning;
  sandbox?: Sandbox;
  dir?: string;
  interactive?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export function registerStart(program: Command, ctx: () => Context): void {
  program
    .command('start')
    .description('start a Codex agent on a task in its own tmux session')
    .argument('[prompt]', 'the task for the agent; "-" reads it from stdin (optional with --prd)')
    .option('-m, --model <model>', 'model (default: your Codex config)')
    .addOption(new Option('-r, --reasoning <level>', 'reasoning effort').choices(REASONING))
    .addOption(new Option('-s, --sandbox <mode>', 'sandbox (default workspace-write)').choices(SANDBOXES))
    .option('-d, --dir <dir>', 'working directory (default: current)')
    .option('--interactive', 'run the Codex TUI, steerable mid-task with send and interrupt')
    .option('--prd <file>', 'put this PRD into the prompt')
    .option('--phase <n>', 'with --prd: only this implementation phase, plus the shared sections', intArg(1, 99))
    .option('--parent-session <id>', 'tag the job with this Claude session (default $CODEX_AGENT_PARENT_SESSION)')
    .option('--dry-run', 'show what would run, start nothing')
    .option('--json', 'print JSON')
    .action(async (prompt: string | undefined, opts: StartOptions) => {
      emit(opts.json, await start(ctx(), prompt, opts), renderStart);
    });
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
  codex: { path: string; args: string[] };
  /** Dry runs only: the full prompt the agent would get (with --prd, the PRD text). */
  prompt?: string;
}

async function start(ctx: Context, promptArg: string | undefined, opts: StartOptions): Promise<StartPayload> {
  if (opts.phase !== undefined && !opts.prd) throw new UsageError('--phase goes with --prd <file>');
  // Long, multi-line briefs arrive on stdin: no quoting, no argv size limit.
  if (promptArg === '-') promptArg = readFileSync(0, 'utf8');
  if (!opts.prd && (promptArg ?? '').trim() === '') throw new UsageError('the prompt is empty (give a task, or --prd <file>)');
  const parentSession = opts.parentSession ?? ctx.config.parentSession ?? null;
  if (parentSession !== null && !SESSION_ID_RE.test(parentSession)) {
    throw new UsageError(`--parent-session: invalid session id "${parentSession.slice(0, 40)}"`);
  }
  const prompt = opts.prd
    ? [promptArg?.trim(), prdPrompt(readPrd(resolve(opts.prd)), opts.prd, opts.phase)].filter(Boolean).join('\n\n')
    : promptArg!;
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

  const d = ctx.config.defaults;
  const model = opts.model ?? d.model ?? null;
  const reasoning = opts.reasoning ?? d.reasoning ?? null;
  const sandbox = opts.sandbox ?? d.sandbox;
  const codex = locateCodex(ctx.config.codexBin, ctx.env.PATH);
  if (!codex) {
    throw new AgentError(
      ctx.config.codexBin
        ? `CODEX_AGENT_CODEX_BIN=${ctx.config.codexBin} is not an executable`
        : 'codex not found on PATH: install it with `npm install -g @openai/codex`',
    );
  }
  const id = newId();
  const mode = opts.interactive ? 'interactive' : 'exec';
  const codexArgs =
    mode === 'interactive'
      ? tuiArgs({
          sandbox,
          cwd,
          model,
          reasoning,
          // The runner reads Codex's catalogue when it launches; a dry run reads it here to show the real argv.
          migrations: opts.dryRun ? await migrationNotices(codex.path, childEnv(ctx.env)) : [],
          notify: [process.execPath, cliEntry(), '__notify', id],
          prompt,
        })
      : execTurnArgs({ sandbox, cwd, model, reasoning });
  const payload: StartPayload = {
    id,
    dry_run: Boolean(opts.dryRun),
    status: 'pending',
    mode,
    cwd,
    sandbox,
    model,
    reasoning,
    tmux_session: sessionName(id),
    attach: ctx.tmux.attachArgv(sessionName(id)),
    codex: { path: codex.path, args: codexArgs },
  };
  if (opts.dryRun) return { ...payload, prompt };
  if ((await ctx.tmux.version()) === null) throw new AgentError('tmux not found on PATH: install tmux (see scripts/install.sh)');

  const record = newJobRecord({
    id,
    mode,
    prompt_head: prompt.slice(0, 200),
    model,
    reasoning,
    sandbox,
    cwd,
    codex_bin: codex.path,
    tmux_socket: ctx.config.tmuxSocket ?? null,
    inactivity_timeout_minutes: d.inactivityTimeoutMinutes,
    startup_timeout_seconds: d.startupTimeoutSeconds,
    parent_session: parentSession,
  });
  ctx.store.create(record, prompt);
  const launched = await ensureRunner(ctx, id);
  return { ...payload, status: launched.record.status };
}

function renderStart(p: StartPayload): string {
  if (p.dry_run) {
    return [
      `Dry run: nothing started.`,
      `would run: ${p.codex.path} ${p.codex.args.join(' ')}${p.mode === 'exec' ? '  (prompt on stdin)' : ''}`,
      `in tmux session ${p.tmux_session}, cwd ${p.cwd}, sandbox ${p.sandbox}`,
    ].join('\n');
  }
  return [
    `Job started: ${p.id}`,
    `  mode ${p.mode} · sandbox ${p.sandbox} · ${p.model ?? 'default model'} · cwd ${p.cwd}`,
    `  watch:  ${p.attach.join(' ')}`,
    `  await:  codex-agent await-turn ${p.id}`,
  ].join('\n');
}
