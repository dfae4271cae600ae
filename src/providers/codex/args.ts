// Codex argv for one exec turn: pure, so the exact flags are testable without running Codex.
import type { Reasoning, Sandbox } from '../../config.js';

export interface ExecTurnSpec {
  sandbox: Sandbox;
  cwd: string;
  model?: string | null;
  reasoning?: Reasoning | null;
  /** Set for follow-up turns: resumes this thread. */
  threadId?: string | null;
}

/** The prompt is always read from stdin ("-"), so no size limit or quoting applies to it. */
export function execTurnArgs(spec: ExecTurnSpec): string[] {
  const common = ['--json', '--skip-git-repo-check'];
  if (spec.model) common.push('-m', spec.model);
  if (spec.reasoning) common.push('-c', `model_reasoning_effort="${spec.reasoning}"`);
  if (spec.threadId) {
    // `exec resume` takes no -s/-C: the sandbox goes through config, the cwd through the spawn.
    return ['exec', 'resume', spec.threadId, ...common, '-c', `sandbox_mode="${spec.sandbox}"`, '-'];
  }
  return ['exec', ...common, '-s', spec.sandbox, '-C', spec.cwd, '-'];
}

/** "codex-cli 0.169.0" -> "0.169.0" */
export function parseCodexVersion(output: string): string | null {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  return m ? m[0] : null;
}
