// The environment a job's runner should give Codex. tmux sessions inherit the tmux SERVER's
// environment, which may be days old, so the starting CLI hands its own over in a private file
// that the runner reads once and removes (it can hold API keys).
import { readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from './private-fs.js';
import type { Layout } from './layout.js';

const envSchema = z.record(z.string(), z.string());

export function writeJobEnv(layout: Layout, id: string, env: NodeJS.ProcessEnv): void {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    // tmux marks its own session; Codex must not think it is nested in the caller's pane.
    if (v !== undefined && k !== 'TMUX' && k !== 'TMUX_PANE') clean[k] = v;
  }
  writeFileAtomic(layout.envPath(id), JSON.stringify(clean));
}

export function takeJobEnv(layout: Layout, id: string): Record<string, string> | null {
  const path = layout.envPath(id);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  rmSync(path, { force: true });
  const parsed = envSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}
