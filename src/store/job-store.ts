// The job store: one folder per job, atomic record writes, per-job locking, an index for listing.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { CorruptRecordError, NotFoundError, UsageError } from '../errors.js';
import { checkIdInput, isJobId } from './ids.js';
import { Layout } from './layout.js';
import { withLock } from './lock.js';
import { DIR_MODE, ensurePrivateDir, readIfExists, writeFileAtomic } from './private-fs.js';
import { activeIds, appendHistory, historyNewestFirst, markActive, pruneHistory } from './history.js';
import { isTerminal, recordSchema, type JobRecord } from './record.js';

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

  create(record: JobRecord, prompt: string): void {
    this.init();
    const valid = this.validate(record, this.layout.recordPath(record.id));
    // mkdir without recursive fails if the id is already taken, so two jobs never share a folder.
    mkdirSync(this.layout.jobDir(valid.id), { mode: DIR_MODE });
    ensurePrivateDir(this.layout.jobDir(valid.id));
    ensurePrivateDir(this.layout.queueDir(valid.id));
    writeFileAtomic(this.layout.promptPath(valid.id), prompt);
    writeFileAtomic(this.layout.recordPath(valid.id), serialize(valid));
    withLock(this.layout.indexLock, () => {
      markActive(this.layout, valid.id, !isTerminal(valid.status));
      appendHistory(this.layout, valid.id);
    });
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
      if (then) after.push(then);
      writeFileAtomic(this.layout.recordPath(id), serialize(next));
      if (isTerminal(next.status) !== isTerminal(current.status)) {
        withLock(this.layout.indexLock, () => markActive(this.layout, id, !isTerminal(next.status)));
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
    withLock(this.layout.indexLock, () => {
      for (const id of ids) markActive(this.layout, id, false);
      pruneHistory(this.layout, new Set(ids));
    });
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
