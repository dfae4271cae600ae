// The interactive Gemini TUI: its argv and what its screen says. Pure.
import type { LaunchSpec } from '../types.js';
import { approvalMode } from './args.js';

/** A prompt longer than this goes in by paste (one argv string may hold 128 KiB). */
export const MAX_ARGV_PROMPT_BYTES = 100_000;

export function tuiArgs(spec: LaunchSpec & { prompt?: string; resume?: string }): string[] {
  const args: string[] = [];
  if (spec.prompt !== undefined) args.push('-i', spec.prompt);
  // Folder trust for this run only.
  args.push('--skip-trust', '--approval-mode', approvalMode(spec.sandbox));
  if (spec.model) args.push('-m', spec.model);
  if (spec.resume) args.push('-r', spec.resume);
  return args;
}

/** The composer's placeholder or prompt line is on screen. */
export function showsComposer(screen: string): boolean {
  return screen.split('\n').some((l) => /^\s*>\s/.test(l) && /Type your message/.test(l));
}

/** The "Keep trying / Stop" question after a model call failed its attempts: Down selects Stop, Enter answers. */
export function stopRetryKeys(screen: string): string[] | null {
  const lines = screen.split('\n');
  const keep = lines.findIndex((l) => /\b1\.\s+Keep trying\b/.test(l));
  if (keep < 0 || !lines.slice(keep + 1, keep + 3).some((l) => /\b2\.\s+Stop\b/.test(l))) return null;
  return ['Down', 'Enter'];
}
