// `selftest`: proves an install end to end with no OpenAI or Google account, in a private state
// root and tmux socket. Gemini gets one round when its CLI is found (it ships as a devDependency only).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getProvider } from '../providers/index.js';
import { prepareCodexHome } from '../mock/codex-home.js';
import { startModelServer } from '../mock/server.js';
import { useGeminiStandIn } from '../mock/gemini/home.js';
import { startGeminiServer, type GeminiServer } from '../mock/gemini/server.js';
import { ensurePrivateDir } from '../store/private-fs.js';
import { Tmux } from '../tmux/tmux.js';
import { STEPS, StepFailure, StepSkipped, type StepState } from './steps.js';
import { childEnv } from '../util/child-env.js';

export interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
  /** Passed without running: what it needs is not installed (the detail says what and why). */
  skipped?: boolean;
}

export interface SelftestResult {
  ok: boolean;
  ms: number;
  steps: StepResult[];
  state_root: string | null;
}

export async function runSelftest(opts: { keep?: boolean; onStep?: (s: StepResult) => void }): Promise<SelftestResult> {
  const began = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'codex-agent-selftest-'));
  const socket = `codex-agent-selftest-${process.pid}`;
  const server = await startModelServer();
  let geminiServer: GeminiServer | null = null;
  const steps: StepResult[] = [];
  try {
    const stateRoot = join(root, 'state');
    const workDir = join(root, 'work');
    ensurePrivateDir(workDir);
    const { env: codexEnv } = await prepareCodexHome(join(root, 'codex-home'), server.url, { freshNotices: true });
    // The self-test drives Codex against the local stand-in model.
    const codex = (await getProvider('codex')).locate(process.env);
    const env = childEnv(process.env);
    Object.assign(env, codexEnv, {
      CODEX_AGENT_HOME: stateRoot,
      CODEX_AGENT_TMUX_SOCKET: socket,
      ...(codex ? { CODEX_AGENT_CODEX_BIN: codex.path } : {}),
    });
    // Gemini, when found, against its own local stand-in, in a private Gemini user folder.
    const gemini = (await getProvider('gemini')).locate(process.env);
    let geminiSkip: string | null = null;
    if (gemini) {
      geminiServer = await startGeminiServer();
      useGeminiStandIn(env, join(root, 'gemini-user'), geminiServer.url);
      env.CODEX_AGENT_GEMINI_BIN = gemini.path;
    } else {
      geminiSkip = 'the Gemini CLI was not found (CODEX_AGENT_GEMINI_BIN, gemini on PATH, or this package\'s dev install); install @google/gemini-cli to cover it';
    }
    const state: StepState = { t: { env, stateRoot, workDir, geminiSkip } };
    for (const step of STEPS) {
      const t0 = Date.now();
      let result: StepResult;
      try {
        const detail = await step.run(state);
        result = { name: step.name, ok: true, ms: Date.now() - t0, detail };
      } catch (err) {
        if (err instanceof StepSkipped) {
          result = { name: step.name, ok: true, skipped: true, ms: Date.now() - t0, detail: `skipped: ${err.message}` };
          steps.push(result);
          opts.onStep?.(result);
          continue;
        }
        const detail = err instanceof StepFailure ? err.message : `unexpected error: ${(err as Error).message}`;
        result = { name: step.name, ok: false, ms: Date.now() - t0, detail };
      }
      steps.push(result);
      opts.onStep?.(result);
      if (!result.ok) break;
    }
  } finally {
    await new Tmux({ socket }).killServer().catch(() => false);
    await server.close();
    await geminiServer?.close();
    if (!opts.keep) rmSync(root, { recursive: true, force: true });
  }
  const ok = steps.length === STEPS.length && steps.every((s) => s.ok);
  return { ok, ms: Date.now() - began, steps, state_root: opts.keep ? join(root, 'state') : null };
}
