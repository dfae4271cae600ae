// What the plugin adds to every request Claude Code sends: the skill's listing line, one line per
// command the model may invoke, one line per agent, and what the SessionStart hook printed. Found
// in the text of a real request, each part checked against the plugin's own files, so a part that
// goes missing, changes or appears unannounced is a problem rather than a smaller count.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import matter from 'gray-matter';
import { pluginFiles } from './support-plugin.js';

export interface PluginListing {
  plugin: string;
  skills: { name: string; description: string }[];
  commands: { name: string; description: string; disabled: boolean }[];
  agents: { name: string; description: string }[];
}

export interface LoadedPart {
  kind: 'skill' | 'command' | 'agent' | 'hook';
  name: string;
  text: string;
  bytes: number;
}

/** The estimate: 4 bytes a token. */
export const BYTES_PER_TOKEN = 4;
const HOOK_PREFIX = 'SessionStart hook additional context: ';

export function pluginListing(root: string): PluginListing {
  const plugin = (JSON.parse(readFileSync(join(root, '.claude-plugin', 'plugin.json'), 'utf8')) as { name: string }).name;
  const files = pluginFiles(root);
  const fm = (p: string) => matter(readFileSync(p, 'utf8')).data as { name?: string; description?: string; 'disable-model-invocation'?: boolean };
  return {
    plugin,
    skills: files.skills.map((p) => ({ name: fm(p).name ?? basename(dirname(p)), description: fm(p).description ?? '' })),
    commands: files.commands.map((p) => ({ name: basename(p, '.md'), description: fm(p).description ?? '', disabled: fm(p)['disable-model-invocation'] === true })),
    agents: files.agents.map((p) => ({ name: fm(p).name ?? basename(p, '.md'), description: fm(p).description ?? '' })),
  };
}

const bytesOf = (s: string) => Buffer.byteLength(s, 'utf8');

/** The plugin's always-loaded parts in `text` (every string of one request, joined by newlines). */
export function extractAlwaysLoaded(text: string, listing: PluginListing): { parts: LoadedPart[]; problems: string[] } {
  const parts: LoadedPart[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  const prefix = `- ${listing.plugin}:`;
  const ours = new Set(lines.filter((l) => l.startsWith(prefix)));
  const claimed = new Set<string>();
  const take = (kind: LoadedPart['kind'], name: string, line: string) => {
    claimed.add(line);
    parts.push({ kind, name, text: line, bytes: bytesOf(line) });
  };

  for (const s of listing.skills) {
    const want = `${prefix}${s.name}: ${s.description}`;
    if (ours.has(want)) take('skill', s.name, want);
    else problems.push(`skill ${s.name}: no listing line "${want.slice(0, 80)}…" in the request`);
  }
  for (const c of listing.commands) {
    const head = `${prefix}${c.name}: `;
    const found = [...ours].filter((l) => l.startsWith(head));
    if (c.disabled) {
      if (found.length) problems.push(`command ${c.name} has disable-model-invocation, yet the request lists it: ${found[0]}`);
      for (const l of found) claimed.add(l);
      continue;
    }
    const want = `${head}${c.description}`;
    if (ours.has(want)) take('command', c.name, want);
    else problems.push(`command ${c.name}: no listing line "${want.slice(0, 80)}…" in the request`);
  }
  for (const a of listing.agents) {
    // Claude Code appends the agent's tools: "<description> (Tools: Bash)".
    const head = `${prefix}${a.name}: ${a.description}`;
    const found = [...ours].filter((l) => l === head || l.startsWith(`${head} (`));
    if (found.length === 1) take('agent', a.name, found[0]!);
    else problems.push(`agent ${a.name}: ${found.length} listing lines starting "${head.slice(0, 80)}…" in the request`);
  }
  for (const l of ours) if (!claimed.has(l)) problems.push(`a listing line of the plugin that no file accounts for: ${l}`);

  const hooks = text.match(/SessionStart hook additional context: [^]*?(?=\n\n|$)/g) ?? [];
  if (hooks.length === 0) problems.push(`no "${HOOK_PREFIX}…" in the request`);
  hooks.forEach((h, i) => parts.push({ kind: 'hook', name: `SessionStart ${i + 1}`, text: h, bytes: bytesOf(h) }));
  return { parts, problems };
}

export function totalBytes(parts: LoadedPart[]): number {
  return parts.reduce((n, p) => n + p.bytes, 0);
}

export function estimateTokens(bytes: number): number {
  return Math.ceil(bytes / BYTES_PER_TOKEN);
}

/** One line per part and the total, for the test log. */
export function renderParts(parts: LoadedPart[]): string {
  const rows = parts.map((p) => `  ${p.kind.padEnd(8)} ${p.name.padEnd(22)} ${String(p.bytes).padStart(5)} bytes`);
  const total = totalBytes(parts);
  return [...rows, `  total${' '.repeat(27)}${String(total).padStart(5)} bytes ≈ ${estimateTokens(total)} tokens (${BYTES_PER_TOKEN} bytes/token)`].join('\n');
}
