import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROVIDER_NAMES, loadConfig, readDefaults } from '../../src/config.js';
import { UsageError } from '../../src/errors.js';
import { tempDir } from '../support/store-record.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('codex-agent-config-');
});
afterEach(() => tmp.cleanup());

function withYaml(text: string): NodeJS.ProcessEnv {
  writeFileSync(join(tmp.dir, 'config.yaml'), text);
  return { CODEX_AGENT_HOME: tmp.dir };
}

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

describe('loadConfig', () => {
  it('defaults to ~/.codex-agent, no socket, no explicit codex, no debug', () => {
    const c = loadConfig({});
    expect(c).toEqual({
      home: join(homedir(), '.codex-agent'),
      tmuxSocket: undefined,
      debug: false,
      defaults: { sandbox: 'workspace-write', inactivityTimeoutMinutes: 60, startupTimeoutSeconds: 30, listLimit: 20 },
    });
    // Codex's own config stays in charge of model and reasoning unless config.yaml says otherwise.
    expect(c.defaults.model).toBeUndefined();
    expect(c.defaults.reasoning).toBeUndefined();
  });

  it('reads the named variables, trimming them', () => {
    const c = loadConfig({
      CODEX_AGENT_HOME: ` ${tmp.dir}/sub/../state `,
      CODEX_AGENT_TMUX_SOCKET: ' test_sock-1.x ',
      CODEX_AGENT_DEBUG: '1',
    });
    expect(c.home).toBe(join(tmp.dir, 'state'));
    expect(c.tmuxSocket).toBe('test_sock-1.x');
    expect(c.debug).toBe(true);
  });

  it('treats empty variables as unset and only "1" as debug', () => {
    const c = loadConfig({ CODEX_AGENT_HOME: '  ', CODEX_AGENT_TMUX_SOCKET: '', CODEX_AGENT_DEBUG: 'true' });
    expect(c.home).toBe(join(homedir(), '.codex-agent'));
    expect(c.tmuxSocket).toBeUndefined();
    expect(c.debug).toBe(false);
  });

  it.each(['relative/state', './state', '~/state'])('rejects a relative CODEX_AGENT_HOME %j', (home) => {
    const err = usageError(() => loadConfig({ CODEX_AGENT_HOME: home }));
    expect(err.message).toContain('CODEX_AGENT_HOME');
    expect(err.message).toContain(home);
    expect(err.exitCode).toBe(2);
  });

  it.each(['a/b', 'has space', 'x'.repeat(65), '../sock', 'semi;colon'])('rejects the socket name %j', (sock) => {
    const err = usageError(() => loadConfig({ CODEX_AGENT_HOME: tmp.dir, CODEX_AGENT_TMUX_SOCKET: sock }));
    expect(err.message).toContain('CODEX_AGENT_TMUX_SOCKET');
  });

  it('names CODEX_AGENT_HOME when a file stands where the state root or one of its folders should be', () => {
    const file = join(tmp.dir, 'a-file');
    writeFileSync(file, 'x');
    const itself = usageError(() => loadConfig({ CODEX_AGENT_HOME: file }));
    expect(itself.message).toBe(`CODEX_AGENT_HOME=${file} is not a folder; point it at a folder, or at a path to create`);
    const below = usageError(() => loadConfig({ CODEX_AGENT_HOME: join(file, 'state') }));
    expect(below.message).toBe(`CODEX_AGENT_HOME=${join(file, 'state')}: part of the path is a file, not a folder; point it at a folder, or at a path to create`);
    // A path still to be made, under a folder, is fine.
    expect(loadConfig({ CODEX_AGENT_HOME: join(tmp.dir, 'new', 'state') }).home).toBe(join(tmp.dir, 'new', 'state'));
  });

  it('echoes bad values on one line: control characters escaped, long values cut', () => {
    const sock = usageError(() => loadConfig({ CODEX_AGENT_HOME: tmp.dir, CODEX_AGENT_TMUX_SOCKET: 'a\nb\x1b[31m' }));
    expect(sock.message).toBe('CODEX_AGENT_TMUX_SOCKET must be a plain socket name (letters, digits, _ . -, at most 64), got "a\\nb\\x1b[31m"');
    const session = usageError(() => loadConfig({ CODEX_AGENT_HOME: tmp.dir, CODEX_AGENT_PARENT_SESSION: `x\ny${'z'.repeat(500)}` }));
    expect(session.message).toMatch(/^CODEX_AGENT_PARENT_SESSION: invalid session id "x\\nyz{36}…" \(/);
    const home = usageError(() => loadConfig({ CODEX_AGENT_HOME: `${tmp.dir}/x\ny` }));
    expect(home.message).toContain('must not contain control characters');
    expect(home.message).toContain('x\\ny');
    for (const e of [sock, session, home]) expect(e.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('accepts a 64-character socket name', () => {
    expect(loadConfig({ CODEX_AGENT_HOME: tmp.dir, CODEX_AGENT_TMUX_SOCKET: 's'.repeat(64) }).tmuxSocket).toBe('s'.repeat(64));
  });
});

describe('config.yaml', () => {
  it('applies every known key', () => {
    const env = withYaml('model: gpt-5.5\nreasoning: high\nsandbox: read-only\ninactivity_timeout_minutes: 15\nstartup_timeout_seconds: 45\nlist_limit: 50\nprovider: gemini\n');
    expect(loadConfig(env).defaults).toEqual({
      model: 'gpt-5.5',
      reasoning: 'high',
      sandbox: 'read-only',
      inactivityTimeoutMinutes: 15,
      startupTimeoutSeconds: 45,
      listLimit: 50,
      provider: 'gemini',
    });
  });

  it('takes each built-in provider as the default; an unknown one is one line naming it and the known ones', async () => {
    expect(loadConfig(withYaml('provider: codex\n')).defaults.provider).toBe('codex');
    expect(loadConfig(withYaml('provider: gemini\n')).defaults.provider).toBe('gemini');
    expect(loadConfig(withYaml('list_limit: 5\n')).defaults.provider).toBeUndefined();
    const err = usageError(() => loadConfig(withYaml('provider: claude\n')));
    expect(err.message).toBe(`${join(tmp.dir, 'config.yaml')}: unknown provider "claude" (known: codex, gemini)`);
    expect(usageError(() => loadConfig(withYaml('provider: 3\n'))).message).toContain('bad value for "provider"');
    // The names config.yaml accepts are exactly the built-in providers.
    const { allProviders } = await import('../../src/providers/index.js');
    expect((await allProviders({})).map((p) => p.name)).toEqual([...PROVIDER_NAMES]);
  });

  it('takes a fractional startup_timeout_seconds up to an hour', () => {
    expect(loadConfig(withYaml('startup_timeout_seconds: 2.5\n')).defaults.startupTimeoutSeconds).toBe(2.5);
    expect(loadConfig(withYaml('startup_timeout_seconds: 3600\n')).defaults.startupTimeoutSeconds).toBe(3600);
  });

  it('keeps the defaults for keys it does not set, and for an empty or comment-only file', () => {
    expect(loadConfig(withYaml('list_limit: 5\n')).defaults).toEqual({ sandbox: 'workspace-write', inactivityTimeoutMinutes: 60, startupTimeoutSeconds: 30, listLimit: 5 });
    const base = { sandbox: 'workspace-write', inactivityTimeoutMinutes: 60, startupTimeoutSeconds: 30, listLimit: 20 };
    expect(loadConfig(withYaml('')).defaults).toEqual(base);
    expect(loadConfig(withYaml('# nothing here\n')).defaults).toEqual(base);
  });

  it('rejects an unknown key, naming it and the file', () => {
    const err = usageError(() => loadConfig(withYaml('sandbox: read-only\nlist_limt: 5\n')));
    expect(err.message).toContain('unknown key');
    expect(err.message).toContain('"list_limt"');
    expect(err.message).toContain(join(tmp.dir, 'config.yaml'));
  });

  const badValues: [string, string][] = [
    ['sandbox: yolo\n', 'sandbox'],
    ['list_limit: -1\n', 'list_limit'],
    ['list_limit: 2.5\n', 'list_limit'],
    ['list_limit: "20"\n', 'list_limit'],
    ['reasoning: extreme\n', 'reasoning'],
    ['inactivity_timeout_minutes: 0\n', 'inactivity_timeout_minutes'],
    ['model: ""\n', 'model'],
    ['startup_timeout_seconds: 0\n', 'startup_timeout_seconds'],
    ['startup_timeout_seconds: -5\n', 'startup_timeout_seconds'],
    ['startup_timeout_seconds: 3601\n', 'startup_timeout_seconds'],
    ['startup_timeout_seconds: "30"\n', 'startup_timeout_seconds'],
  ];
  it.each(badValues)('rejects %j, naming the key', (yaml, key) => {
    const err = usageError(() => loadConfig(withYaml(yaml)));
    expect(err.message).toContain(`bad value for "${key}"`);
  });

  it.each([
    ['invalid YAML', 'sandbox: [read-only\n'],
    ['a tab-indented mapping', 'a:\n\tb: 1\n'],
  ])('rejects %s with a one-line message naming the file', (_name, yaml) => {
    const err = usageError(() => loadConfig(withYaml(yaml)));
    expect(err.message).toContain(join(tmp.dir, 'config.yaml'));
    expect(err.message).toContain('not valid YAML');
    expect(err.message).not.toContain('\n');
  });

  it('rejects a document that is not a mapping', () => {
    const err = usageError(() => loadConfig(withYaml('- sandbox\n- read-only\n')));
    expect(err.message).toContain(join(tmp.dir, 'config.yaml'));
    expect(err.message).toMatch(/must be a mapping of settings/);
  });

  it('readDefaults on a missing file returns the defaults without creating anything', () => {
    const dir = join(tmp.dir, 'nope');
    expect(readDefaults(join(dir, 'config.yaml'))).toEqual({ sandbox: 'workspace-write', inactivityTimeoutMinutes: 60, startupTimeoutSeconds: 30, listLimit: 20 });
    expect(existsSync(dir)).toBe(false);
  });
});

describe('config.yaml with several unknown keys', () => {
  it('names each of them, quoted, and the keys that are known', () => {
    const err = usageError(() => loadConfig(withYaml('modle: x\nsandboxx: read-only\n')));
    expect(err.message).toContain('unknown keys "modle", "sandboxx"');
    expect(err.message).toContain('known: model, reasoning, sandbox, inactivity_timeout_minutes, startup_timeout_seconds, list_limit, provider');
  });
});
