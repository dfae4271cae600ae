import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  childEnv,
  readIfExists,
  writeFileAtomic
} from "./chunk-7SM3KLY2.js";
import {
  record,
  string
} from "./chunk-R3LRDQ2H.js";

// src/store/job-env.ts
import { rmSync } from "node:fs";
var envSchema = record(string(), string());
function writeJobEnv(layout, id, env) {
  writeFileAtomic(layout.envPath(id), JSON.stringify(childEnv(env)));
}
function takeJobEnv(layout, id) {
  const path = layout.envPath(id);
  const text = readIfExists(path);
  if (text === null) return null;
  try {
    rmSync(path, { force: true });
  } catch {
  }
  const parsed = envSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

export {
  writeJobEnv,
  takeJobEnv
};
