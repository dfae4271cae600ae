// Runs JobStore / lock operations in a separate OS process. argv[2] is an ESM bundle of
// src/store built by the test (test/store/concurrency.test.ts), so this file needs no compiler.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, mode, ...args] = process.argv.slice(2);
const { JobStore, withLock } = await import(pathToFileURL(bundle).href);

const cell = new Int32Array(new SharedArrayBuffer(4));
const sleepSync = (ms) => Atomics.wait(cell, 0, 0, ms);
const say = (line) => writeSync(1, `${line}\n`);

if (mode === 'append') {
  // append <home> <id> <tag> <count> <startAtMs> <pauseMs>: <count> read-modify-write updates,
  // each pushing "<tag>-<i>" onto files_modified. Waits until startAtMs so both workers overlap,
  // and pauses between updates (as a runner does between events) so neither starves the other.
  const [home, id, tag, countText, startAtText, pauseText] = args;
  const pause = Number(pauseText ?? 0);
  const store = new JobStore(home);
  const startAt = Number(startAtText);
  while (Date.now() < startAt) sleepSync(1);
  const count = Number(countText);
  for (let i = 0; i < count; i++) {
    store.update(id, (r) => {
      r.files_modified.push(`${tag}-${i}`);
    });
    if (pause > 0) sleepSync(pause);
  }
  say('done');
} else if (mode === 'hold') {
  // hold <lockPath> <ms>: takes the lock, says "locked", keeps it <ms>, releases it.
  const [lockPath, msText] = args;
  withLock(lockPath, () => {
    say('locked');
    sleepSync(Number(msText));
  });
  say('released');
} else {
  process.stderr.write(`store-worker: unknown mode ${mode}\n`);
  process.exit(2);
}
