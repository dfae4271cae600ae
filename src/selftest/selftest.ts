// `selftest`: proves an install end to end with no OpenAI account, in a private state root and tmux socket.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getProvider } from '../providers/index.js';
import { prepareCodexHome } from '../mock/codex-home.js';
import { startModelServer } from '../mock/server.js';
import { ensurePrivateDir } from '../store/private-fs.js';
import { Tmux } from '../tmux/tmux.js';
import { STEPS, StepFailure, type StepState } from './steps.js';
import { childEnv } from '../util/child-env.js';

export interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
  detail: string;
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
    const state: StepState = { t: { env, stateRoot, workDir } };
    for (const step of STEPS) {
      const t0 = Date.now();
      let result: StepResult;
      try {
        const detail = await step.run(state);
        result = { name: step.name, ok: true, ms: Date.now() - t0, detail };
      } catch (err) {
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
    if (!opts.keep) rmSync(root, { recursive: true, force: true });
  }
  const ok = steps.length === STEPS.length && steps.every((s) => s.ok);
  return { ok, ms: Date.now() - began, steps, state_root: opts.keep ? join(root, 'state') : null };
}
