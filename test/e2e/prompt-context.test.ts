// What the agent is told: `start --map` and `-f` put the codebase map and files into the prompt
// (checked in the request the scripted model received), --dry-run shows that same prompt, and a
// 300 KB prompt or message reaches Codex whole in both modes, also from a slow pipe through
// `start -` and `send -` (one read of a non-blocking stdin used to fail with EAGAIN there).
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newestUserText } from '../../src/mock/plan.js';
import { sleep } from '../../src/util/sleep.js';
import { E2E, ROOT, type AwaitJson, type CliResult } from '../support/e2e.js';

interface StartJson {
  id: string;
  dry_run: boolean;
  notes: string[];
  prompt?: string;
  prompt_bytes?: number;
  prompt_tokens_estimate?: number;
}

let e: E2E;
let project: string;
let bare: string;
beforeAll(async () => {
  e = await E2E.create('prompt');
  project = join(e.root, 'project');
  for (const d of ['docs', 'src/deep/er', 'node_modules/dep', '.git']) mkdirSync(join(project, d), { recursive: true });
  writeFileSync(join(project, 'docs', 'CODEBASE_MAP.md'), '# Map\n\nmap-marker-7f3a: src/ holds the code.\n');
  writeFileSync(join(project, 'CODEBASE_MAP.md'), 'the second candidate, never used while docs/ has one\n');
  writeFileSync(join(project, 'src', 'a.ts'), 'export const fileMarkerA = "a-4c1d";\n');
  writeFileSync(join(project, 'src', 'deep', 'er', 'b.ts'), 'const b = "```fenced inside```";\n');
  writeFileSync(join(project, 'src', 'logo.ts'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  writeFileSync(join(project, 'node_modules', 'dep', 'index.ts'), 'dependency-marker\n');
  bare = join(e.root, 'bare');
  mkdirSync(bare);
});
afterAll(async () => {
  await e.dispose();
});

/** The newest user message of the first request whose newest user message starts with `head`. */
function received(head: string): string | undefined {
  return e.server.requests.map((r) => newestUserText(r.body)).find((t) => t.startsWith(head));
}

/** codex-agent with `text` on stdin from a slow writer: a first part, a pause, then the rest in parts. */
async function cliSlowStdin(args: string[], text: string): Promise<CliResult> {
  const child = execa(process.execPath, [join(ROOT, 'bin', 'codex-agent'), ...args], {
    env: e.env,
    extendEnv: false,
    reject: false,
    cwd: e.workDir,
    timeout: 180_000,
    stdin: 'pipe',
  });
  const buf = Buffer.from(text);
  child.stdin!.write(buf.subarray(0, 1000));
  await sleep(1500);
  // 32 KiB parts cut through multi-byte characters: the reader must join bytes, not strings.
  for (let at = 1000; at < buf.length; at += 32 * 1024) {
    if (!child.stdin!.write(buf.subarray(at, at + 32 * 1024))) await once(child.stdin!, 'drain');
    await sleep(30);
  }
  child.stdin!.end();
  const res = await child;
  return { code: res.exitCode ?? -1, stdout: `${res.stdout}`, stderr: `${res.stderr}` };
}

/** About 300 KB of text that shell quoting, terminals and encodings all get wrong somewhere. */
function bigText(head: string): string {
  const line = (i: number): string => `${i}: "double" 'single' $HOME \`date\` \\n tab\there ünïcødé 日本語 🚀 ${'z'.repeat(40)}`;
  const body = Array.from({ length: 3_300 }, (_, i) => line(i)).join('\n');
  return `${head}\n${body}\nthe end of ${head}`;
}

describe('start --map and -f', () => {
  it('puts the map and the matching text files into the prompt the model receives, as --dry-run shows it', async () => {
    const args = ['start', 'context check one: read the map and the files', '-d', project, '--map', '-f', 'src/**/*.ts', '-f', 'src/a.ts', '--json'];
    const dry = await e.json<StartJson>([...args.slice(0, -1), '--dry-run']);
    expect(dry.dry_run).toBe(true);
    expect(dry.notes).toEqual(['-f: skipped 1 binary file(s): src/logo.ts']);
    expect(dry.prompt_bytes).toBe(Buffer.byteLength(dry.prompt!));
    expect(dry.prompt_tokens_estimate).toBeGreaterThan(0);
    expect(e.store.allIds()).toEqual([]);
    // The text rendering: the whole prompt, then its size.
    const text = await e.cli([...args.slice(0, -1), '--dry-run']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`\nprompt:\n${dry.prompt}\nprompt size: ${dry.prompt_bytes} bytes, about ${dry.prompt_tokens_estimate} tokens (about 4 characters a token)`);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(/^prompt size: /);
    expect(text.stderr).toBe('codex-agent: note: -f: skipped 1 binary file(s): src/logo.ts');
    expect(e.store.allIds()).toEqual([]);

    const res = await e.cli(args);
    expect(res.code, res.stderr).toBe(0);
    const started = JSON.parse(res.stdout) as StartJson;
    expect(started.notes).toEqual(dry.notes);
    const a = await e.json<AwaitJson>(['await-turn', started.id, '--timeout', '90']);
    expect(a.outcome).toBe('completed');
    const sent = received('context check one');
    expect(sent).toBe(dry.prompt);
    expect(sent).toContain('## Codebase map (docs/CODEBASE_MAP.md)\n\n# Map\n\nmap-marker-7f3a: src/ holds the code.');
    expect(sent).toContain('## File: src/a.ts\n\n```\nexport const fileMarkerA = "a-4c1d";\n```');
    expect(sent).toContain('## File: src/deep/er/b.ts\n\n````\nconst b = "```fenced inside```";\n````');
    // Each file once, in path order; no binary, nothing from node_modules, not the second map.
    expect(sent!.indexOf('## File: src/a.ts')).toBeLessThan(sent!.indexOf('## File: src/deep/er/b.ts'));
    expect(sent!.split('## File: src/a.ts').length).toBe(2);
    expect(sent).not.toContain('logo.ts');
    expect(sent).not.toContain('dependency-marker');
    expect(sent).not.toContain('the second candidate');
  });

  it('starts without a map when there is none, and says so', async () => {
    const json = await e.cli(['start', 'context check two', '-d', bare, '--map', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const started = JSON.parse(json.stdout) as StartJson;
    expect(started.notes).toHaveLength(1);
    expect(started.notes[0]).toMatch(/^--map: no codebase map in .*bare \(looked for docs\/CODEBASE_MAP\.md, CODEBASE_MAP\.md, docs\/ARCHITECTURE\.md\)/);
    expect(json.stderr).toBe('');
    const text = await e.cli(['start', 'context check three', '-d', bare, '--map']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^Job started: [0-9a-f]{8}$/);
    expect(text.stderr).toContain('codex-agent: note: --map: no codebase map in ');
    const a = await e.json<AwaitJson>(['await-turn', started.id, '--timeout', '90']);
    expect(a.outcome).toBe('completed');
    expect(received('context check two')).toBe('context check two');
  });

  it('refuses, with one line and nothing started, a glob that matches nothing or leaves the directory', async () => {
    const before = e.store.allIds().length;
    const cases: [string, RegExp][] = [
      ['src/**/*.py', /^codex-agent: -f src\/\*\*\/\*\.py: no file matches in .*project$/],
      ['../bare/*', /^codex-agent: -f \.\.\/bare\/\*: "\.\." is not allowed/],
      ['/etc/hostname', /^codex-agent: -f \/etc\/hostname: outside the job's directory/],
    ];
    for (const [pattern, line] of cases) {
      const res = await e.cli(['start', 'never runs', '-d', project, '-f', pattern]);
      expect(res.code, pattern).toBe(2);
      expect(res.stderr, pattern).toMatch(line);
      expect(res.stderr.trim().split('\n'), pattern).toHaveLength(1);
      expect(res.stdout, pattern).toBe('');
    }
    expect(e.store.allIds().length).toBe(before);
  });
});

describe("Codex's limit of 2^20 characters a message", () => {
  it('refuses a longer prompt or message with one line, before a job starts or a turn is queued', async () => {
    const before = e.store.allIds().length;
    const over = `limit check\n${'🚀'.repeat(1_048_576 - 11)}`;
    const start = await e.cli(['start', '-', '--interactive'], { input: over });
    expect(start.code).toBe(2);
    expect(start.stderr).toBe('codex-agent: the prompt is 1048577 characters; Codex takes at most 1048576 in one message (split the work, or attach less)');
    expect(e.store.allIds().length).toBe(before);

    const id = await e.start('limit check small');
    expect((await e.json<AwaitJson>(['await-turn', id, '--timeout', '90'])).outcome).toBe('completed');
    const send = await e.cli(['send', id, '-'], { input: over });
    expect(send.code).toBe(2);
    expect(send.stderr).toBe('codex-agent: the message is 1048577 characters; Codex takes at most 1048576 in one message (split the work, or attach less)');
    const s = await e.json<{ turns: number; queued_messages: number }>(['status', id]);
    expect(s).toMatchObject({ turns: 1, queued_messages: 0 });
    expect(received('limit check\n')).toBeUndefined();
  });
});

describe('a 300 KB prompt from a slow pipe', () => {
  for (const mode of ['exec', 'interactive'] as const) {
    it(`reaches Codex whole through start - and send - (${mode})`, async () => {
      const extra = mode === 'interactive' ? ['--interactive'] : [];
      const prompt = bigText(`big start ${mode}`);
      expect(Buffer.byteLength(prompt)).toBeGreaterThan(300 * 1024);
      const start = await cliSlowStdin(['start', '-', ...extra, '--json'], prompt);
      expect(start.code, start.stderr).toBe(0);
      const id = (JSON.parse(start.stdout) as StartJson).id;
      const first = await e.json<AwaitJson>(['await-turn', id, '--timeout', '150']);
      expect(first).toMatchObject({ outcome: 'completed', turn: 1 });
      expect(received(`big start ${mode}`)).toBe(prompt);

      const message = bigText(`big send ${mode}`);
      const send = await cliSlowStdin(['send', id, '-', '--json'], message);
      expect(send.code, send.stderr).toBe(0);
      const second = await e.json<AwaitJson>(['await-turn', id, '--timeout', '150']);
      expect(second).toMatchObject({ outcome: 'completed', turn: 2 });
      expect(received(`big send ${mode}`)).toBe(message);
      await e.cli(['kill', id]);
    });
  }
});
