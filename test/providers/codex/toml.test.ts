// TOML values for `codex -c key=value`: exact output for awkward inputs, and a check against the
// TOML 1.0 basic-string grammar (no TOML parser is installed, so the test carries a tiny decoder).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tomlInlineTable, tomlString, tomlStringArray } from '../../../src/providers/codex/toml.js';
import { tempDir } from '../../support/store-record.js';

/** TOML 1.0 basic string: no raw `"`, `\`, or control chars other than tab; only the listed escapes. */
const BASIC_STRING = /^"(?:[^"\\\u0000-\u0008\u000a-\u001f\u007f]|\\(?:[btnfr"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}))*"$/u;

/** Decodes a TOML basic string the way a TOML parser would (after checking it against the grammar). */
function decodeBasicString(toml: string): string {
  expect(toml).toMatch(BASIC_STRING);
  const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
  return toml.slice(1, -1).replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/gu, (_m, esc: string) =>
    esc.length === 1 ? simple[esc]! : String.fromCodePoint(parseInt(esc.slice(1), 16)),
  );
}

describe('tomlString', () => {
  const exact: [name: string, input: string, toml: string][] = [
    ['plain path', '/tmp/work', '"/tmp/work"'],
    ['empty', '', '""'],
    ['quotes and a backslash', '/tmp/a "b"\\c', '"/tmp/a \\"b\\"\\\\c"'],
    ['a newline', 'a\nb', '"a\\u000ab"'],
    ['CR, tab, NUL, unit separator, DEL', '\r\t\u0000\u001f\u007f', '"\\u000d\\u0009\\u0000\\u001f\\u007f"'],
    ['$HOME is not expanded or escaped', '$HOME', '"$HOME"'],
    ['shell metacharacters stay literal', "a'b`c;d|e&f$(g)", '"a\'b`c;d|e&f$(g)"'],
    ['unicode (BMP and astral) passes through', 'héllo ✓ 😀 · 日本', '"héllo ✓ 😀 · 日本"'],
    ['space is not a control char', ' x ', '" x "'],
    ['C1 control chars are allowed raw by TOML', 'a\u0085b', '"a\u0085b"'],
    ['a trailing backslash cannot escape the closing quote', 'C:\\dir\\', '"C:\\\\dir\\\\"'],
  ];
  it.each(exact)('%s', (_name, input, toml) => {
    expect(tomlString(input)).toBe(toml);
  });

  it.each(exact)('%s: is a valid TOML basic string that decodes back to the input', (_name, input) => {
    expect(decodeBasicString(tomlString(input))).toBe(input);
  });

  it('round-trips every ASCII character and some unusual code points', () => {
    let all = '';
    for (let c = 0; c < 128; c++) all += String.fromCharCode(c);
    all += '\u00a0\u2028\u2029\ufeff\u{10ffff}';
    expect(decodeBasicString(tomlString(all))).toBe(all);
  });

  it('the decoder used above does reject invalid TOML strings', () => {
    // Guards the grammar check itself: raw newline, raw quote, unknown escape.
    for (const bad of ['"a\nb"', '"a"b"', '"a\\qb"', '"a\\"', 'a']) expect(bad).not.toMatch(BASIC_STRING);
  });
});

describe('tomlStringArray', () => {
  it.each([
    [[], '[]'],
    [['a'], '["a"]'],
    [['/usr/bin/node', '/p q/dist/cli.js', '__notify', 'abcd1234'], '["/usr/bin/node","/p q/dist/cli.js","__notify","abcd1234"]'],
    [['say "hi"', 'back\\slash', 'x\ny'], '["say \\"hi\\"","back\\\\slash","x\\u000ay"]'],
  ])('%j -> %s', (values, toml) => {
    expect(tomlStringArray(values)).toBe(toml);
  });
});

describe('tomlInlineTable', () => {
  it.each([
    [[], '{}'],
    [[['/tmp/w', '{trust_level="trusted"}']], '{"/tmp/w"={trust_level="trusted"}}'],
    // Keys are quoted (a path is not a bare key); values are TOML already and go in as given.
    [[['/tmp/my "quoted" dir', '{trust_level="trusted"}']], '{"/tmp/my \\"quoted\\" dir"={trust_level="trusted"}}'],
    [
      [
        ['gpt-5.5', '"gpt-6-sol"'],
        ['gpt-5.6-luna', '"gpt-6-luna"'],
      ],
      '{"gpt-5.5"="gpt-6-sol","gpt-5.6-luna"="gpt-6-luna"}',
    ],
  ] as [[string, string][], string][])('%j -> %s', (entries, toml) => {
    expect(tomlInlineTable(entries)).toBe(toml);
  });
});

const CODEX = fileURLToPath(new URL('../../../node_modules/.bin/codex', import.meta.url));
const haveCodex = existsSync(CODEX);
if (!haveCodex) console.warn(`toml.test: Codex round trip skipped, no codex binary at ${CODEX} (npm install @openai/codex)`);

// Codex parses a `-c` value as TOML and falls back to the raw text when that fails; a fallback would
// show up here as the quotes and backslashes of the encoded form.
describe.skipIf(!haveCodex)('Codex 0.169 decodes tomlString back to the input', () => {
  let tmp: { dir: string; cleanup: () => void };
  beforeAll(() => {
    tmp = tempDir('codex-agent-toml-');
  });
  afterAll(() => tmp?.cleanup());

  it.each([
    ['quotes and a backslash', '/tmp/a "b"\\c'],
    ['a newline and a tab', 'line 1\n\tline 2'],
    ['$HOME', '$HOME and ${HOME}'],
    ['unicode', 'héllo ✓ 😀 · 日本'],
    ['a trailing backslash', 'C:\\dir\\'],
  ])('%s', async (_name, input) => {
    const value = `<<${input}>>`;
    const r = await execa(CODEX, ['debug', 'prompt-input', '-c', `developer_instructions=${tomlString(value)}`], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp.dir, CODEX_HOME: tmp.dir },
      extendEnv: false,
      cwd: tmp.dir,
      reject: false,
      timeout: 30_000,
      stdin: 'ignore',
    });
    expect(r.exitCode).toBe(0);
    const items = JSON.parse(String(r.stdout)) as { role?: string; content?: { text?: string }[] }[];
    const texts = items.filter((i) => i.role === 'developer').flatMap((i) => (i.content ?? []).map((c) => c.text));
    expect(texts).toContain(value);
  });
});
