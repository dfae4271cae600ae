// The folder of this package (a checkout, a global npm install or a plugin copy).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'codex-orchestrator') return (cached = dir);
      } catch {
        // Not ours or unreadable: keep walking up.
      }
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the codex-orchestrator package root');
}

/** The script that runs the CLI: the committed bundle, used to launch runners in tmux. */
export function cliEntry(): string {
  return join(packageRoot(), 'dist', 'cli.js');
}
