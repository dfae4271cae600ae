// Helpers for the plugin markdown tests: finding the plugin's markdown files, pulling shell
// commands out of their code, walking the CLI's command tree, and parsing frontmatter lines.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface PluginFiles {
  commands: string[];
  agents: string[];
  /** skills/<name>/SKILL.md */
  skills: string[];
  /** skills/<name>/references/* (any file, so stray ones are caught too) */
  references: string[];
}

function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

export function pluginFiles(root: string = ROOT): PluginFiles {
  const md = (dir: string) => listDir(join(root, dir)).filter((n) => n.endsWith('.md')).map((n) => join(root, dir, n));
  const skillDirs = listDir(join(root, 'skills')).filter((n) => statSync(join(root, 'skills', n)).isDirectory());
  return {
    commands: md('commands'),
    agents: md('agents'),
    skills: skillDirs.map((d) => join(root, 'skills', d, 'SKILL.md')),
    references: skillDirs.flatMap((d) => listDir(join(root, 'skills', d, 'references')).map((n) => join(root, 'skills', d, 'references', n))),
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown: code regions and prose.

export interface SplitMarkdown {
  /** Contents of fenced blocks and inline code spans, in order. */
  code: string[];
  /** Everything outside fenced blocks (inline code still in it). */
  prose: string;
}

export function splitMarkdown(md: string): SplitMarkdown {
  const code: string[] = [];
  const prose: string[] = [];
  let fence: string | null = null;
  let block: string[] = [];
  for (const line of md.split('\n')) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null) {
      if (m) {
        fence = m[1]!;
        block = [];
      } else {
        prose.push(line);
      }
    } else if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) {
      code.push(block.join('\n'));
      fence = null;
    } else {
      block.push(line);
    }
  }
  if (fence !== null) throw new Error(`unclosed code fence ${fence}`);
  const text = prose.join('\n');
  for (const m of text.matchAll(/(?<!`)(`+)(?!`)([\s\S]+?)(?<!`)\1(?!`)/g)) code.push(m[2]!.trim());
  return { code, prose: text };
}

// ---------------------------------------------------------------------------------------------
// A small shell lexer: enough to find `codex-agent <sub> ...` in documentation code.

export interface Word {
  text: string;
  /** Any part of the word was quoted: a quoted "-x" is data, not a flag. */
  quoted: boolean;
}

/** Splits shell text into simple commands (lists of words). Quotes may span lines, as in
 * `"$(cat <<'EOF' ... EOF)"`; heredoc bodies and comments are skipped; `|`, `;`, `&`, `(` and
 * `)` end a command, except a `|` glued to words on both sides (`low|high` in a synopsis). */
export function shellCommands(src: string): Word[][] {
  const commands: Word[][] = [];
  let words: Word[] = [];
  let text = '';
  let quoted = false;
  let inWord = false;
  const heredocs: string[] = [];
  const endWord = () => {
    if (inWord) words.push({ text, quoted });
    text = '';
    quoted = false;
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length) {
      for (const w of words) {
        const h = /^<<-?(.+)$/.exec(w.text);
        if (h) heredocs.push(h[1]!);
      }
      commands.push(words);
    }
    words = [];
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === '\n') {
        i += 2; // line continuation
        continue;
      }
      if (n !== undefined) {
        text += n;
        inWord = true;
      }
      i += 2;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += c === '"' && src[j] === '\\' ? 2 : 1;
      if (j >= src.length) {
        // Unterminated: drop the rest of the line, like a shell that would wait for more input.
        const nl = src.indexOf('\n', i);
        i = nl === -1 ? src.length : nl;
        continue;
      }
      text += src.slice(i + 1, j);
      quoted = true;
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === '#' && !inWord) {
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl;
      continue;
    }
    if (c === '\n') {
      endCommand();
      i++;
      // Skip heredoc bodies opened on the line just ended.
      while (heredocs.length) {
        const delim = heredocs.shift()!;
        while (i < src.length) {
          const nl = src.indexOf('\n', i);
          const line = src.slice(i, nl === -1 ? src.length : nl);
          i = nl === -1 ? src.length : nl + 1;
          if (line.trim() === delim) break;
        }
      }
      continue;
    }
    if (c === '|') {
      const glued = inWord && src[i + 1] !== undefined && !/[\s|]/.test(src[i + 1]!);
      if (glued) {
        text += c;
        i++;
        continue;
      }
      endCommand();
      i += src[i + 1] === '|' ? 2 : 1;
      continue;
    }
    if (c === ';' || c === '&' || c === '(' || c === ')') {
      endCommand();
      i++;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord();
      i++;
      continue;
    }
    text += c;
    inWord = true;
    i++;
  }
  endCommand();
  return commands;
}

export interface Mention {
  /** The words after `codex-agent`. */
  args: Word[];
  /** The code it came from, for messages. */
  source: string;
}

/** Every `codex-agent ...` invocation in a markdown document's code. */
export function cliMentions(md: string): Mention[] {
  const out: Mention[] = [];
  for (const region of splitMarkdown(md).code) {
    for (const words of shellCommands(region)) {
      words.forEach((w, k) => {
        if (w.text === 'codex-agent' && !w.quoted) {
          out.push({ args: words.slice(k + 1), source: words.map((x) => x.text).join(' ') });
        }
      });
    }
  }
  return out;
}

/** Flags written in a mention: `[-m` and `--timeout=60` count as `-m` and `--timeout`. */
export function flagsOf(args: Word[]): string[] {
  const flags: string[] = [];
  for (const w of args) {
    if (w.quoted) continue;
    const t = w.text.replace(/^\[+/, '').replace(/[\],]+$/, '').split('=')[0]!;
    if (/^--?[A-Za-z]/.test(t)) flags.push(t);
  }
  return flags;
}

/** Positional words of a mention (no flags, no placeholders such as <id>). */
export function positionals(args: Word[]): string[] {
  return args.filter((w) => w.quoted || !/^\[*-/.test(w.text)).map((w) => w.text);
}

// ---------------------------------------------------------------------------------------------
// The CLI's command tree: the real one, from src/program.ts, walked in-process.

export interface CommandNode {
  /** Every flag, short and long (`-m`, `--model`). */
  options: Set<string>;
  /** By name and by alias; hidden commands too (`hook session-start`, `__run`). */
  subcommands: Map<string, CommandNode>;
}

/** The tree of a commander program: every command at every depth, with its options. */
export function commandTree(cmd: Command): CommandNode {
  const options = new Set<string>();
  for (const o of cmd.options) for (const flag of [o.short, o.long]) if (flag) options.add(flag);
  const subcommands = new Map<string, CommandNode>();
  for (const sub of cmd.commands) {
    const node = commandTree(sub);
    for (const name of [sub.name(), ...sub.aliases()]) subcommands.set(name, node);
  }
  return { options, subcommands };
}

/** Problems with one mention against the command tree; empty when it is a real invocation. */
export function checkMention(m: Mention, tree: CommandNode): string[] {
  const pos = positionals(m.args);
  const sub = pos[0];
  if (sub === undefined) return []; // the bare name, as in "the `codex-agent` CLI"
  const node = tree.subcommands.get(sub);
  if (!node) return [`unknown subcommand "${sub}" in: ${m.source}`];
  let target = node;
  if (node.subcommands.size > 0) {
    const leaf = pos[1];
    const child = leaf === undefined ? undefined : node.subcommands.get(leaf);
    if (!child) return [`"${sub}" needs one of ${[...node.subcommands.keys()].join(', ')}; got "${leaf ?? ''}" in: ${m.source}`];
    target = child;
  }
  const problems: string[] = [];
  for (const f of flagsOf(m.args)) {
    if (f === '-h' || f === '--help') continue;
    if (!target.options.has(f)) problems.push(`"${sub}" has no option ${f} in: ${m.source}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Frontmatter text.

/** The raw frontmatter lines between the opening and closing `---`. */
export function rawFrontmatter(md: string): string[] | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(md);
  return m ? m[1]!.split(/\r?\n/) : null;
}

/** Top-level plain (unquoted) values that Claude Code's validator wants quoted. */
export function unquotedRiskyValues(lines: string[]): string[] {
  const bad: string[] = [];
  for (const line of lines) {
    const m = /^([A-Za-z][\w-]*):[ \t]+(.+)$/.exec(line);
    if (!m) continue;
    const value = m[2]!.trim();
    if (/^["']/.test(value) || /^[|>][+-]?\d*$/.test(value)) continue;
    if (value.includes(': ') || /[*#{}&]/.test(value) || /^[[\]!%@`,?-]/.test(value)) bad.push(line);
  }
  return bad;
}

/** Tool entries of an allowed-tools / tools value: `Bash(codex-agent:*), Read` -> two entries. */
export function toolEntries(value: string | string[]): string[] {
  const parts = Array.isArray(value) ? value : [value];
  return parts.flatMap((p) => p.match(/[A-Za-z_][\w-]*(?:\([^)]*\))?/g) ?? []);
}

/** Relative link targets of a markdown document, outside code. */
export function relativeLinks(md: string): string[] {
  const { prose } = splitMarkdown(md);
  const withoutSpans = prose.replace(/(?<!`)(`+)(?!`)[\s\S]+?(?<!`)\1(?!`)/g, '');
  const out: string[] = [];
  for (const m of withoutSpans.matchAll(/\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
    out.push(target.split('#')[0]!);
  }
  return out;
}
