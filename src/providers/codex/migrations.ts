// Which model-migration notices Codex could show, read from its own catalog (`codex debug models`).
import { execa } from 'execa';
import { parseMigrations } from './tui-args.js';

/** Every model with an upgrade notice, so none of them can stop the TUI at start-up. */
export async function migrationNotices(bin: string, env: Record<string, string>): Promise<[string, string][]> {
  const res = await execa(bin, ['debug', 'models'], { env, extendEnv: false, reject: false, timeout: 15_000, stdin: 'ignore' });
  const pairs = parseMigrations(`${res.stdout ?? ''}`);
  // Without the catalog, pre-answer at least the notice seen on a fresh Codex 0.169 home.
  return pairs.length > 0 ? pairs : [['gpt-5.5', 'gpt-6-sol']];
}
