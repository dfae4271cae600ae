// Gemini argv for one headless exec turn: pure, so the exact flags are testable without running Gemini.
import type { Sandbox } from '../../config.js';

export interface GeminiTurnSpec {
  sandbox: Sandbox;
  model?: string | null;
  /** Set for follow-up turns: resumes this session with its history. */
  threadId?: string | null;
}

/**
 * The approval mode a sandbox maps to. Gemini's own sandbox needs a container image, so approval
 * modes are the isolation there is. read-only: the default mode, in which headless Gemini declares
 * no write tools (and no shell). workspace-write: auto_edit, which declares the edit tools and
 * still no shell (a shell would run unconfined, which workspace-write does not promise).
 * danger-full-access: yolo, everything.
 */
export function approvalMode(sandbox: Sandbox): 'default' | 'auto_edit' | 'yolo' {
  if (sandbox === 'workspace-write') return 'auto_edit';
  if (sandbox === 'danger-full-access') return 'yolo';
  return 'default';
}

/**
 * The prompt goes on stdin (Gemini reads up to 8 MiB of piped input and uses it when -p is
 * empty), so no argv limit or quoting applies. Folder trust is given for this run only.
 */
export function execTurnArgs(spec: GeminiTurnSpec): string[] {
  const args = ['-p', '', '-o', 'stream-json', '--skip-trust', '--approval-mode', approvalMode(spec.sandbox)];
  if (spec.model) args.push('-m', spec.model);
  if (spec.threadId) args.push('-r', spec.threadId);
  return args;
}

/** "0.61.0" (possibly with more text around it) -> "0.61.0" */
export function parseGeminiVersion(output: string): string | null {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  return m ? m[0] : null;
}
