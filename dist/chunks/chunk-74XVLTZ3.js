import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";

// src/store/queue.ts
import { createRequire } from "node:module";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
var nodeCrypto;
function randomBytes(size) {
  nodeCrypto ??= createRequire(import.meta.url)("node:crypto");
  return nodeCrypto.randomBytes(size);
}
var NAME_RE = /^\d{16}-[0-9a-f]{6}\.msg$/;
function enqueue(layout, id, message) {
  const stamp = BigInt(Math.floor((performance.timeOrigin + performance.now()) * 1e3)).toString().padStart(16, "0");
  const name = `${stamp}-${randomBytes(3).toString("hex")}.msg`;
  writeFileAtomic(join(layout.queueDir(id), name), message);
  return name;
}
function pending(layout, id) {
  try {
    return readdirSync(layout.queueDir(id)).filter((n) => NAME_RE.test(n)).sort();
  } catch (err) {
    if (err.code === "ENOENT") return [];
    throw err;
  }
}
function queuedPath(layout, id, name) {
  if (!NAME_RE.test(name)) throw new Error(`refusing to build a path from queue entry "${name}"`);
  return join(layout.queueDir(id), name);
}
function readQueued(layout, id, name) {
  return readFileSync(queuedPath(layout, id, name), "utf8");
}
function removeQueued(layout, id, name) {
  rmSync(queuedPath(layout, id, name), { force: true });
}

export {
  enqueue,
  pending,
  readQueued,
  removeQueued
};
