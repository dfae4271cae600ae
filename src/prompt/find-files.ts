// The files `start -f <glob>` names, under the job's directory and never outside it: sorted,
// each once. .git and node_modules are skipped unless a pattern names them; symlinked folders are
// not followed (no loops, no way out), a symlinked file only when it stays inside.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { expandBraces, globToRegExp, isLiteral, splitBase } from './glob.js';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
/** Entries looked at for one pattern at most: a pattern that would walk a whole disk is refused. */
export const MAX_WALK_ENTRIES = 200_000;

/** Pure: the pattern relative to the job's directory, or a usage error when it would leave it. */
export function relativePattern(pattern: string, cwd: string, realCwd: string = cwd): string {
  const shown = `-f ${pattern}`;
  if (pattern.trim() === '') throw new UsageError('-f/--file: the pattern is empty');
  let p = pattern;
  if (isAbsolute(p)) {
    const inside = [cwd, realCwd].find((root) => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep));
    if (!inside) throw new UsageError(`${shown}: outside the job's directory ${cwd} (patterns are relative to it, see -d)`);
    p = p.slice(inside.length).replace(/^\/+/, '');
  }
  const parts = p.split('/').filter((x) => x !== '' && x !== '.');
  if (parts.includes('..')) throw new UsageError(`${shown}: ".." is not allowed; patterns stay inside the job's directory ${cwd}`);
  if (parts.length === 0) throw new UsageError(`${shown}: names the job's directory itself; give files or a pattern like "src/**"`);
  return parts.join('/');
}

/** Every file the patterns match, relative to cwd, sorted; a pattern that matches nothing is a usage error. */
export function findFiles(cwd: string, patterns: string[]): string[] {
  const realCwd = realpathSync(cwd);
  const found = new Set<string>();
  for (const pattern of patterns) {
    const rel = relativePattern(pattern, cwd, realCwd);
    let expanded: string[];
    try {
      expanded = expandBraces(rel);
    } catch (e) {
      throw new UsageError(`-f ${pattern}: ${(e as Error).message}`);
    }
    let matched = 0;
    for (const p of expanded) {
      for (const f of matchOne(cwd, realCwd, p, pattern)) {
        found.add(f);
        matched++;
      }
    }
    if (matched === 0) throw new UsageError(`-f ${pattern}: no file matches in ${cwd}`);
  }
  return [...found].sort();
}

/** Whether a path's real location is inside the job's directory. */
function staysInside(abs: string, realCwd: string): boolean {
  try {
    const real = realpathSync(abs);
    return real === realCwd || real.startsWith(realCwd + sep);
  } catch {
    return false;
  }
}

function kind(abs: string): 'file' | 'dir' | null {
  try {
    const st = statSync(abs);
    return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : null;
  } catch {
    return null;
  }
}

/** The files one brace-free pattern matches. A literal folder means everything under it. */
function matchOne(cwd: string, realCwd: string, pattern: string, shown: string): string[] {
  let { base, rest } = splitBase(pattern);
  if (rest.length === 0) {
    const abs = join(cwd, ...base);
    const k = staysInside(abs, realCwd) ? kind(abs) : null;
    if (k === 'file') return [base.join('/')];
    if (k !== 'dir') return [];
    rest = ['**'];
    pattern = [...base, '**'].join('/');
  }
  const re = globToRegExp(pattern);
  const named = new Set(pattern.split('/').filter((p) => isLiteral(p)));
  const dotDirs = rest.some((p) => p.startsWith('.'));
  const maxDepth = rest.includes('**') ? Infinity : rest.length;
  const out: string[] = [];
  let seen = 0;
  const walk = (relDir: string[], depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(cwd, ...relDir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const d of entries) {
      if (++seen > MAX_WALK_ENTRIES) throw new UsageError(`-f ${shown}: more than ${MAX_WALK_ENTRIES} entries to look through; narrow the pattern`);
      const relParts = [...relDir, d.name];
      const rel = relParts.join('/');
      const abs = join(cwd, ...relParts);
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        // A link to a folder is not followed; a link to a file counts only if it stays inside.
        isDir = false;
        isFile = kind(abs) === 'file' && staysInside(abs, realCwd);
      }
      if (isFile && re.test(rel)) out.push(rel);
      if (!isDir || depth + 1 >= maxDepth) continue;
      if (SKIPPED_DIRS.has(d.name) && !named.has(d.name)) continue;
      if (d.name.startsWith('.') && !dotDirs) continue;
      walk(relParts, depth + 1);
    }
  };
  const start = join(cwd, ...base);
  if (base.length > 0 && (!staysInside(start, realCwd) || kind(start) !== 'dir')) return [];
  walk(base, 0);
  return out;
}
