// The environment a job's runner should give Codex. tmux sessions inherit the tmux SERVER's
// environment, which may be days old, so the starting CLI hands its own over in a private file
// that the runner reads once and removes (it can hold API keys).
import { rmSync } from 'node:fs';
import * as z from 'zod';
import { readIfExists, writeFileAtomic } from './private-fs.js';
import type { Layout } from './layout.js';
import { childEnv } from '../util/child-env.js';

const envSchema = z.record(z.string(), z.string());

export function writeJobEnv(layout: Layout, id: string, env: NodeJS.ProcessEnv): void {
  writeFileAtomic(layout.envPath(id), JSON.stringify(childEnv(env)));
}

export function takeJobEnv(layout: Layout, id: string): Record<string, string> | null {
  const path = layout.envPath(id);
  const text = readIfExists(path);
  if (text === null) return null;
  try {
    rmSync(path, { force: true });
  } catch {
    // A read-only root: the file stays (0600 in a 0700 folder) and the next launch replaces it.
  }
  const parsed = envSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}
