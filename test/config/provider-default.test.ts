// config.yaml's `provider`: `start` runs it when --provider is absent; --provider still wins.
// Through the command itself (source, dry run: nothing is written or launched).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createContext, startCommand, type StartPayload } from '../../src/commands/start.js';
import { UsageError } from '../../src/errors.js';
import { tempDir } from '../support/store-record.js';

const ROOT = join(import.meta.dirname, '..', '..');
let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('codex-agent-provider-default-');
});
afterEach(() => {
  vi.restoreAllMocks();
  tmp.cleanup();
});

async function dryStart(yaml: string | null, opts: { provider?: string } = {}): Promise<StartPayload> {
  if (yaml !== null) writeFileSync(join(tmp.dir, 'config.yaml'), yaml);
  const env = {
    CODEX_AGENT_HOME: tmp.dir,
    CODEX_AGENT_CODEX_BIN: join(ROOT, 'node_modules', '.bin', 'codex'),
    CODEX_AGENT_GEMINI_BIN: join(ROOT, 'node_modules', '.bin', 'gemini'),
    PATH: process.env.PATH ?? '',
  };
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await startCommand(() => createContext(env), 'hi', { dryRun: true, json: true, dir: tmp.dir, ...opts });
  vi.restoreAllMocks();
  return JSON.parse(out) as StartPayload;
}

describe('start with a provider default in config.yaml', () => {
  it('no default: codex', async () => {
    expect((await dryStart(null)).agent.provider).toBe('codex');
  });

  it('provider: gemini makes Gemini the default, with its own read-only default', async () => {
    const p = await dryStart('provider: gemini\n');
    expect(p.agent).toMatchObject({ provider: 'gemini', path: join(ROOT, 'node_modules', '.bin', 'gemini') });
    expect(p.sandbox).toBe('read-only');
  });

  it('--provider wins over the default', async () => {
    expect((await dryStart('provider: gemini\n', { provider: 'codex' })).agent.provider).toBe('codex');
  });

  it('an unknown default stops start with one line before anything starts', async () => {
    await expect(dryStart('provider: gpt\n')).rejects.toThrow(UsageError);
    await expect(dryStart('provider: gpt\n')).rejects.toThrow(/config\.yaml: unknown provider "gpt" \(known: codex, gemini\)$/);
  });
});
