// The agent providers codex-agent knows. A new agent CLI is a folder under src/providers/ and one
// line here. Providers that only tests use come from CODEX_AGENT_EXTRA_PROVIDERS: absolute paths of
// ES modules whose default export is a provider (nothing of them ships with the product).
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import { UsageError } from '../errors.js';
import { codex } from './codex/provider.js';
import { gemini } from './gemini/provider.js';
import type { AgentProvider } from './types.js';

const BUILT_IN: readonly AgentProvider[] = [codex, gemini];

export { DEFAULT_PROVIDER } from '../vocabulary.js';

let extra: Promise<AgentProvider[]> | undefined;

async function loadExtra(env: NodeJS.ProcessEnv): Promise<AgentProvider[]> {
  const list = env.CODEX_AGENT_EXTRA_PROVIDERS?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  const out: AgentProvider[] = [];
  for (const path of list) {
    if (!isAbsolute(path)) throw new UsageError(`CODEX_AGENT_EXTRA_PROVIDERS: not an absolute path: ${path}`);
    const mod = (await import(pathToFileURL(path).href)) as { default?: AgentProvider };
    if (!mod.default?.name) throw new UsageError(`CODEX_AGENT_EXTRA_PROVIDERS: ${path} exports no provider`);
    out.push(mod.default);
  }
  return out;
}

export async function allProviders(env: NodeJS.ProcessEnv = process.env): Promise<AgentProvider[]> {
  extra ??= loadExtra(env);
  return [...BUILT_IN, ...(await extra)];
}

export async function getProvider(name: string, env: NodeJS.ProcessEnv = process.env): Promise<AgentProvider> {
  const found = (await allProviders(env)).find((p) => p.name === name);
  if (!found) throw new UsageError(`unknown agent provider "${name.slice(0, 40)}" (known: ${(await allProviders(env)).map((p) => p.name).join(', ')})`);
  return found;
}
