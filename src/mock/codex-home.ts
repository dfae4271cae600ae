// A throwaway CODEX_HOME whose config points Codex at the local mock model server.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MOCK_ENV_KEY = 'CODEX_AGENT_MOCK_KEY';
export const DEFAULT_MOCK_MODEL = 'gpt-5.5';

// JSON string escapes are a subset of TOML basic-string escapes.
const tomlString = (s: string): string => JSON.stringify(s);

export function mockConfigToml(baseUrl: string, model: string, opts: { freshNotices?: boolean } = {}): string {
  const notices = opts.freshNotices
    ? []
    : [
        // Pre-answers the "Meet GPT-6 Sol" screen that otherwise blocks a fresh TUI.
        '[notice.model_migrations]',
        '"gpt-5.5" = "gpt-6-sol"',
        '',
      ];
  return [
    `model = ${tomlString(model)}`,
    'model_provider = "mock"',
    // No update check: the only reachable host is the mock.
    'check_for_update_on_startup = false',
    '',
    '[model_providers.mock]',
    'name = "mock"',
    `base_url = ${tomlString(baseUrl)}`,
    'wire_api = "responses"',
    `env_key = ${tomlString(MOCK_ENV_KEY)}`,
    '',
    ...notices,
  ].join('\n');
}

export async function prepareCodexHome(
  dir: string,
  baseUrl: string,
  /** freshNotices: leave the model-migration notice unanswered, as on a new machine. */
  opts: { model?: string; freshNotices?: boolean } = {},
): Promise<{ env: Record<string, string> }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  await writeFile(join(dir, 'config.toml'), mockConfigToml(baseUrl, opts.model ?? DEFAULT_MOCK_MODEL, { freshNotices: opts.freshNotices }), { mode: 0o600 });
  return { env: { CODEX_HOME: dir, [MOCK_ENV_KEY]: 'mock-key' } };
}
