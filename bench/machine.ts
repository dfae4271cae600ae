// The machine the figures were taken on: CPU, cores, memory, OS and the versions that matter.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import type { Machine } from './results.js';

function firstLine(cmd: string, args: string[]): string | null {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim().split('\n')[0]?.trim() || null;
  } catch {
    return null;
  }
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${type()} ${release()})`;
  } catch {
    // not Linux, or no os-release
  }
  return `${type()} ${release()}`;
}

/** `codexBin`: the Codex the bench runs (its version is the one that matters). */
export function describeMachine(codexBin: string): Machine {
  const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() || 'unknown CPU';
  const codex = firstLine(codexBin, ['--version']);
  return {
    cpu,
    cores: availableParallelism(),
    ram_gib: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    node: process.version,
    tmux: firstLine('tmux', ['-V'])?.replace(/^tmux\s+/, '') ?? null,
    codex: codex ? codex.replace(/^codex-cli\s+/, '') : null,
  };
}
