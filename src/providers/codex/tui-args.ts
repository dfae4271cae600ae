// Codex argv for an interactive (TUI) job: pure, so every override is testable without Codex.
import type { Reasoning, Sandbox } from '../../config.js';
import { tomlInlineTable, tomlString, tomlStringArray } from './toml.js';

export interface TuiSpec {
  sandbox: Sandbox;
  cwd: string;
  model?: string | null;
  reasoning?: Reasoning | null;
  /** argv Codex runs (with one JSON argument appended) when a turn completes. */
  notify: string[];
  /** The first message; omitted when it is delivered by paste instead. */
  prompt?: string;
  /** Reopen this thread (`codex resume`) instead of starting a new one. */
  resume?: string;
}

/** `prep`: overrides learned at launch (the migration notices to pre-answer), after the trust override. */
export function tuiArgs(spec: TuiSpec, prep: string[] = []): string[] {
  const args = [...(spec.resume ? ['resume'] : []), '--no-alt-screen', '-s', spec.sandbox, '-a', 'never', '-C', spec.cwd];
  if (spec.model) args.push('-m', spec.model);
  if (spec.reasoning) args.push('-c', `model_reasoning_effort=${tomlString(spec.reasoning)}`);
  // Trust the job's folder for this run only: no "Trust this folder?" screen, no config write.
  args.push('-c', `projects=${tomlInlineTable([[spec.cwd, '{trust_level="trusted"}']])}`);
  args.push(...prep);
  args.push('-c', `notify=${tomlStringArray(spec.notify)}`);
  // Positionals after "--", so a prompt that starts with "-" is never read as a flag.
  const positional = [...(spec.resume ? [spec.resume] : []), ...(spec.prompt !== undefined ? [spec.prompt] : [])];
  if (positional.length > 0) args.push('--', ...positional);
  return args;
}

/** from-model -> to-model pairs marked as already answered, so no migration notice blocks the TUI. */
export function migrationOverrides(pairs: [string, string][]): string[] {
  if (pairs.length === 0) return [];
  return ['-c', `notice.model_migrations=${tomlInlineTable(pairs.map(([from, to]) => [from, tomlString(to)]))}`];
}

/**
 * Codex refuses a turn whose input is longer than this many characters (code points), in both
 * modes: exec fails the turn ("input_too_large"), the TUI shows an error and never starts it.
 */
export const MAX_MESSAGE_CHARS = 1_048_576;

/** Prompts longer than this go in by paste after start-up (one argv string is capped at 128 KiB). */
export const MAX_ARGV_PROMPT_BYTES = 100 * 1024;

/** Reads `codex debug models` output: every model that has an upgrade, with its target. */
export function parseMigrations(modelsJson: string): [string, string][] {
  let doc: unknown;
  try {
    doc = JSON.parse(modelsJson);
  } catch {
    return [];
  }
  if (typeof doc !== 'object' || doc === null) return [];
  const models = (doc as { models?: unknown }).models;
  if (!Array.isArray(models)) return [];
  const pairs: [string, string][] = [];
  for (const m of models) {
    if (typeof m !== 'object' || m === null) continue;
    const slug = (m as { slug?: unknown }).slug;
    const to = (m as { upgrade?: { model?: unknown } | null }).upgrade?.model;
    if (typeof slug === 'string' && typeof to === 'string') pairs.push([slug, to]);
  }
  return pairs;
}
