// PRD files on disk: docs/prds/<slug>.md under a project folder.
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AgentError, UsageError } from '../errors.js';
import { describeBadByte, exactUtf8, firstInvalidUtf8 } from '../util/utf8.js';
import { parsePrd, renderPrd, slugify, type Prd } from './document.js';

export function prdDir(projectDir: string): string {
  return join(resolve(projectDir), 'docs', 'prds');
}

export function createPrd(projectDir: string, title: string, phases: number, today: string): string {
  const slug = slugify(title);
  if (!slug) throw new UsageError(`title "${title.slice(0, 40)}" has no letters or digits to name the file after`);
  const dir = prdDir(projectDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${slug}.md`);
  let fd: number;
  try {
    // A PRD is the user's document: never overwrite one.
    fd = openSync(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new AgentError(`${path} already exists; pick another title or edit it`);
    throw err;
  }
  try {
    writeSync(fd, renderPrd(title, today, phases));
  } finally {
    closeSync(fd);
  }
  return path;
}

export function readPrd(path: string): Prd {
  let buf: Buffer;
  try {
    if (!statSync(path).isFile()) throw new UsageError(`--prd: not a file: ${path}`);
    buf = readFileSync(path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--prd: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
  }
  const text = exactUtf8(buf, `--prd: ${path}`);
  return parsePrd(text, path);
}

export interface ListedPrd {
  path: string;
  prd?: Prd;
  error?: string;
}

export function listPrds(projectDir: string): ListedPrd[] {
  const dir = prdDir(projectDir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.map((n) => {
    const path = join(dir, n);
    try {
      const buf = readFileSync(path);
      const bad = firstInvalidUtf8(buf);
      if (bad) return { path, error: `${path} is not valid UTF-8 (${describeBadByte(bad)})` };
      return { path, prd: parsePrd(buf.toString('utf8'), path) };
    } catch (err) {
      return { path, error: (err as Error).message };
    }
  });
}
