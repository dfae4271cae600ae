import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_ENV_KEY, prepareCodexHome } from '../../src/mock/codex-home.js';

describe('prepareCodexHome', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'codex-home-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates a private home whose config points at the mock provider', async () => {
    const home = join(root, 'a', 'home');
    const { env } = await prepareCodexHome(home, 'http://127.0.0.1:4321/v1');
    expect(env).toEqual({ CODEX_HOME: home, [MOCK_ENV_KEY]: expect.any(String) });
    expect(env[MOCK_ENV_KEY]).not.toBe('');
    expect((await stat(home)).mode & 0o777).toBe(0o700);
    const toml = await readFile(join(home, 'config.toml'), 'utf8');
    expect(toml).toContain('model = "gpt-5.5"\nmodel_provider = "mock"\n');
    expect(toml).toContain(
      '[model_providers.mock]\nname = "mock"\nbase_url = "http://127.0.0.1:4321/v1"\nwire_api = "responses"\nenv_key = "CODEX_AGENT_MOCK_KEY"\n',
    );
    expect(toml).toContain('[notice.model_migrations]\n"gpt-5.5" = "gpt-6-sol"\n');
  });

  it('takes another model and escapes odd values', async () => {
    await prepareCodexHome(root, 'http://127.0.0.1:1/v1?"x"\\', { model: 'gpt-5.4' });
    const toml = await readFile(join(root, 'config.toml'), 'utf8');
    expect(toml).toContain('model = "gpt-5.4"\n');
    expect(toml).toContain('base_url = "http://127.0.0.1:1/v1?\\"x\\"\\\\"\n');
  });

  it('tightens an existing folder and rewrites the config', async () => {
    await prepareCodexHome(root, 'http://127.0.0.1:1/v1');
    await prepareCodexHome(root, 'http://127.0.0.1:2/v1');
    expect((await stat(root)).mode & 0o777).toBe(0o700);
    expect(await readFile(join(root, 'config.toml'), 'utf8')).toContain('127.0.0.1:2/v1');
  });
});
