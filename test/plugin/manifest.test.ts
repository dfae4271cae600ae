// One version everywhere, and manifests that describe this repository as its own marketplace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';

const ROOT = join(import.meta.dirname, '..', '..');
const json = <T>(p: string): T => JSON.parse(readFileSync(join(ROOT, p), 'utf8')) as T;

describe('manifests', () => {
  const pkg = json<{ name: string; version: string; license: string }>('package.json');
  const plugin = json<{ name: string; version: string; license: string; author: { name: string }; repository: string; keywords: string[]; description: string }>('.claude-plugin/plugin.json');
  const market = json<{ name: string; plugins: { name: string; source: string; version: string }[] }>('.claude-plugin/marketplace.json');

  it('carry the package version: plugin.json, the marketplace entry and the CLI', () => {
    expect(plugin.version).toBe(pkg.version);
    expect(market.plugins[0]!.version).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
  });

  it('name the plugin codex-orchestrator, from this folder, with the fields users see', () => {
    expect(plugin.name).toBe('codex-orchestrator');
    expect(market.plugins).toEqual([expect.objectContaining({ name: 'codex-orchestrator', source: './' })]);
    expect(plugin.license).toBe(pkg.license);
    expect(typeof plugin.author.name).toBe('string');
    expect(plugin.repository).toMatch(/^https:\/\//);
    expect(plugin.keywords.length).toBeGreaterThan(3);
    expect(plugin.description.length).toBeGreaterThan(40);
  });

  it('leave hooks out of plugin.json (hooks/hooks.json is loaded by convention; naming it twice fails)', () => {
    expect(plugin).not.toHaveProperty('hooks');
  });
});
