import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  parsePrd,
  renderPrd,
  slugify
} from "./chunk-RNKVJPES.js";
import {
  describeBadByte,
  exactUtf8,
  firstInvalidUtf8
} from "./chunk-HJ75533M.js";
import {
  AgentError,
  UsageError
} from "./chunk-4XPRIXJ7.js";

// src/prd/files.ts
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
function prdDir(projectDir) {
  return join(resolve(projectDir), "docs", "prds");
}
function createPrd(projectDir, title, phases, today) {
  const slug = slugify(title);
  if (!slug) throw new UsageError(`title "${title.slice(0, 40)}" has no letters or digits to name the file after`);
  const dir = prdDir(projectDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${slug}.md`);
  let fd;
  try {
    fd = openSync(path, "wx", 420);
  } catch (err) {
    if (err.code === "EEXIST") throw new AgentError(`${path} already exists; pick another title or edit it`);
    throw err;
  }
  try {
    writeSync(fd, renderPrd(title, today, phases));
  } finally {
    closeSync(fd);
  }
  return path;
}
function readPrd(path) {
  let buf;
  try {
    if (!statSync(path).isFile()) throw new UsageError(`--prd: not a file: ${path}`);
    buf = readFileSync(path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--prd: cannot read ${path} (${err.code ?? err.message})`, { cause: err });
  }
  const text = exactUtf8(buf, `--prd: ${path}`);
  return parsePrd(text, path);
}
function listPrds(projectDir) {
  const dir = prdDir(projectDir);
  let names;
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".md")).sort();
  } catch (err) {
    if (err.code === "ENOENT") return [];
    throw err;
  }
  return names.map((n) => {
    const path = join(dir, n);
    try {
      const buf = readFileSync(path);
      const bad = firstInvalidUtf8(buf);
      if (bad) return { path, error: `${path} is not valid UTF-8 (${describeBadByte(bad)})` };
      return { path, prd: parsePrd(buf.toString("utf8"), path) };
    } catch (err) {
      return { path, error: err.message };
    }
  });
}

export {
  prdDir,
  createPrd,
  readPrd,
  listPrds
};
