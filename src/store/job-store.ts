// The job store: one folder per job, atomic record writes, per-job locking, an index for listing.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AgentError, CorruptRecordError, NotFoundError, StateRootError, UsageError } from '../errors.js';
import { pidRunning } from '../proc/identity.js';
import { checkIdInput, isJobId } from './ids.js';
import { CREATING_PREFIX, Layout } from './layout.js';
import { withLock } from './lock.js';
import { DIR_MODE, ensurePrivateDir, readIfExists, writeFileAtomic } from './private-fs.js';
import { activeIds, appendHistory, historyNewestFirst, markActive, pruneHistory } from './history.js';
import { isTerminal, recordSchema, type JobRecord } from './record.js';
import { removeNotes } from './side-notes.js';
import { asStateRootError, mapWriteErrors } from './state-root.js';

export interface ListResult {
  records: JobRecord[];
  /** Jobs whose record could not be read; listed, never hidden or replaced. */
  corrupt: { id: string; error: string }[];
}

/**
 * Sees every change of a record under the job's lock, just before it is written: it may add to
 * `next` and write beside it; what it returns runs once the lock is released.
 */
export type UpdateHook = (before: JobRecord, next: JobRecord, layout: Layout) => (() => void) | void;

export class JobStore {
  readonly layout: Layout;

  constructor(
    home: string,
    private readonly onUpdate: UpdateHook | null = null,
  ) {
    this.layout = new Layout(home);
  }

  init(): void {
    ensurePrivateDir(this.layout.home);
    ensurePrivateDir(this.layout.jobsDir);
    ensurePrivateDir(this.layout.indexDir);
    ensurePrivateDir(this.layout.activeDir);
  }

  /**
   * A new job, whole or not at all: its folder is built under a temporary name and renamed into
   * place, then indexed; a failure (a full or read-only root) leaves nothing that listing, `jobs`
   * or `clean` must know about.
   */
  create(record: JobRecord, prompt: string): void {
    const nothingLeft = 'the job was not created, and nothing of it was left behind';
    try {
      this.init();
    } catch (err) {
      throw err instanceof StateRootError ? err.saying(nothingLeft) : err;
    }
    const valid = this.validate(record, this.layout.recordPath(record.id));
    const final = this.layout.jobDir(valid.id);
    const tmp = this.layout.creatingDir(valid.id, `${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
    try {
      mkdirSync(tmp, { mode: DIR_MODE });
      ensurePrivateDir(tmp);
      ensurePrivateDir(join(tmp, 'queue'));
      writeFileAtomic(join(tmp, 'prompt.txt'), prompt);
      writeFileAtomic(join(tmp, 'record.json'), serialize(valid));
      // rename(2) will not replace a job folder that holds anything: two jobs never share one.
      renameSync(tmp, final);
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTEMPTY') throw new AgentError(`job id ${valid.id} is taken`, undefined, { cause: err });
      const mapped = asStateRootError(err, tmp);
      throw mapped instanceof StateRootError ? mapped.saying(nothingLeft) : mapped;
    }
    try {
      withLock(this.layout.indexLock, () => {
        markActive(this.layout, valid.id, !isTerminal(valid.status));
        appendHistory(this.layout, valid.id);
      });
    } catch (err) {
      // Not indexed means not listed: take the job back whole rather than leave it half-known.
      rmSync(final, { recursive: true, force: true });
      try {
        markActive(this.layout, valid.id, false);
      } catch {
        // A marker left behind names no folder: listing skips it.
      }
      throw err instanceof StateRootError ? err.saying(nothingLeft) : err;
    }
  }

  /**
   * Fails with one StateRootError line, saying `detail`, when nothing can be created in the root
   * (read-only, not writable). A full root passes: deleting still works there, and frees space.
   */
  assertWritable(detail: string): void {
    const probe = join(this.layout.jobsDir, `.probe-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
    try {
      this.init();
      mapWriteErrors(probe, () => {
        mkdirSync(probe, { mode: DIR_MODE });
        rmSync(probe, { recursive: true, force: true });
      });
    } catch (err) {
      if (!(err instanceof StateRootError)) throw err;
      if (err.code === 'ENOSPC' || err.code === 'EDQUOT') return;
      throw err.saying(detail);
    }
  }

  /**
   * Folders of creates that never finished (their process crashed between mkdir and rename):
   * removed once their creator is gone or they are older than `maxAgeMs`. Returns how many.
   */
  removeStaleCreates(maxAgeMs = 3_600_000): number {
    let names: string[];
    try {
      names = readdirSync(this.layout.jobsDir).filter((n) => n.startsWith(CREATING_PREFIX));
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      const m = /-(\d+)-[0-9a-z]+$/.exec(name);
      const path = join(this.layout.jobsDir, name);
      let age = 0;
      try {
        age = Date.now() - statSync(path).mtimeMs;
      } catch {
        continue;
      }
      if ((m && !pidRunning(Number(m[1]))) || age > maxAgeMs) {
        rmSync(path, { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }

  exists(id: string): boolean {
    return isJobId(id) && existsSync(this.layout.recordPath(id));
  }

  read(id: string): JobRecord {
    const record = this.tryRead(id);
    if (!record) throw new NotFoundError(`no job ${id}`);
    return record;
  }

  tryRead(id: string): JobRecord | null {
    const path = this.layout.recordPath(id);
    const text = readIfExists(path);
    if (text === null) return null;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new CorruptRecordError(path, 'not valid JSON', { cause: err });
    }
    return this.validate(json, path);
  }

  /** Read-modify-write under the job's lock; `fn` edits a copy or returns a replacement. */
  update(id: string, fn: (draft: JobRecord) => JobRecord | void): JobRecord {
    // The lock lives in the job's folder: a deleted job must read as "no job", not as ENOENT.
    if (!existsSync(this.layout.jobDir(id))) throw new NotFoundError(`no job ${id}`);
    const after: (() => void)[] = [];
    const written = withLock(this.layout.lockPath(id), () => {
      const current = this.read(id);
      const draft = structuredClone(current);
      const next = this.validate(fn(draft) ?? draft, this.layout.recordPath(id));
      next.updated_at = new Date().toISOString();
      const then = this.onUpdate?.(current, next, this.layout);
      // Active again: the marker first, so a record that says running is never left unlisted.
      const activates = isTerminal(current.status) && !isTerminal(next.status);
      if (activates) withLock(this.layout.indexLock, () => markActive(this.layout, id, true));
      writeFileAtomic(this.layout.recordPath(id), serialize(next));
      if (then) after.push(then);
      if (!isTerminal(current.status) && isTerminal(next.status)) {
        try {
          withLock(this.layout.indexLock, () => markActive(this.layout, id, false));
        } catch {
          // A marker left for a finished job only makes listing read it first.
        }
      }
      return next;
    });
    for (const f of after) f();
    return written;
  }

  /** Runs `fn` under the job's lock: reads inside see no half-made change of a writer. */
  locked<T>(id: string, fn: () => T): T {
    if (!existsSync(this.layout.jobDir(id))) throw new NotFoundError(`no job ${id}`);
    return withLock(this.layout.lockPath(id), fn);
  }

  /** Resolves a full id or a unique prefix of 4+ characters, like git. */
  resolve(input: string): string {
    checkIdInput(input);
    if (isJobId(input)) {
      if (!this.exists(input)) throw new NotFoundError(`no job ${input}`);
      return input;
    }
    const matches = this.allIds().filter((id) => id.startsWith(input));
    if (matches.length === 0) throw new NotFoundError(`no job matches "${input}"`);
    if (matches.length > 1) {
      throw new UsageError(`job prefix "${input}" is ambiguous: ${matches.slice(0, 5).join(', ')}${matches.length > 5 ? ', …' : ''}`);
    }
    return matches[0]!;
  }

  allIds(): string[] {
    try {
      return readdirSync(this.layout.jobsDir).filter(isJobId);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  /**
   * Active jobs always, then the most recent finished ones until `limit` jobs in all.
   * Costs O(active + limit) reads; `all` reads every job.
   */
  list(opts: { limit: number; all?: boolean; filter?: (r: JobRecord) => boolean }): ListResult {
    const result: ListResult = { records: [], corrupt: [] };
    const seen = new Set<string>();
    const take = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      try {
        const r = this.tryRead(id);
        if (r && (!opts.filter || opts.filter(r))) result.records.push(r);
      } catch (err) {
        result.corrupt.push({ id, error: (err as Error).message });
      }
    };
    for (const id of activeIds(this.layout)) take(id);
    if (opts.all) {
      for (const id of this.allIds()) take(id);
    } else {
      for (const id of historyNewestFirst(this.layout)) {
        if (result.records.length + result.corrupt.length >= opts.limit) break;
        take(id);
      }
    }
    // Newest first. ISO timestamps sort by code point: localeCompare would start ICU's collator,
    // milliseconds of a command's start-up.
    result.records.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
    return result;
  }

  readPrompt(id: string): string {
    return readFileSync(this.layout.promptPath(id), 'utf8');
  }

  delete(id: string): void {
    this.deleteMany([id]);
  }

  /** Removes job folders, then prunes the index once for all of them. */
  deleteMany(ids: string[]): void {
    if (ids.length === 0) return;
    for (const id of ids) {
      withLock(this.layout.lockPath(id), () => {
        rmSync(this.layout.turnSignalPath(id), { force: true });
        rmSync(this.layout.jobDir(id), { recursive: true, force: true });
      });
    }
    for (const id of ids) removeNotes(this.layout.home, id);
    withLock(this.layout.indexLock, () => {
      for (const id of ids) markActive(this.layout, id, false);
      try {
        pruneHistory(this.layout, new Set(ids));
      } catch (err) {
        // A full root: the log keeps ids whose folders are gone, which every reader skips; the next delete prunes them.
        if (!(err instanceof StateRootError)) throw err;
      }
    });
  }

  /** A record as read from anywhere (a runner's last words), checked against the schema; null if it does not pass. */
  check(value: unknown): JobRecord | null {
    try {
      return this.validate(value, '(a record kept outside the state root)');
    } catch {
      return null;
    }
  }

  private validate(value: unknown, path: string): JobRecord {
    // Without zod's compiled fast path: a command reads a few records and exits, and compiling
    // the parser costs more than it saves.
    const parsed = recordSchema.safeParse(value, { jitless: true });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CorruptRecordError(path, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return parsed.data;
  }
}

function serialize(record: JobRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
