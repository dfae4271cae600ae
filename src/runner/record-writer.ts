// A runner's writes to its job's record that survive a state root that cannot take them (full,
// read-only): each edit is written at once when it can be; otherwise it is kept in memory, in
// order, and written with everything kept after it at the next try that works (retried with a
// backoff). Reads see what the runner knows: the record on disk with the kept edits applied. An
// unreadable record (corrupt, deleted) is no write fault: it goes to `onFatal`, once.
import { STATE_ROOT_CODES, StateRootError } from '../errors.js';
import type { JobStore } from '../store/job-store.js';
import type { JobRecord } from '../store/record.js';
import { sleep } from '../util/sleep.js';

/** An edit of the record: pure over the draft, so it can be applied now, later, or to a view. */
export type Edit = (r: JobRecord) => void;

/** How long a runner holds what it could not write (state root full or read-only) before it leaves its last words. */
export const HOLD_UNWRITTEN_MS = 30 * 60_000;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

/** A time of day for pane lines ("14:03:07"). */
export function clock(iso: string): string {
  return iso.slice(11, 19);
}

export interface Outage {
  since: string;
  error: StateRootError;
}

export class RecordWriter {
  private pending: Edit[] = [];
  private outage: Outage | null = null;
  private last: JobRecord | null = null;
  private nextTry = 0;
  private retryMs = FIRST_RETRY_MS;
  private fatal = false;

  constructor(
    private readonly store: JobStore,
    private readonly id: string,
    private readonly hooks: {
      /** A line for the pane: the outage began, or ended. */
      say(line: string): void;
      /** The record cannot be read any more (corrupt, gone): the runner must stop. */
      onFatal(err: Error): void;
    },
  ) {}

  /** Why writes are being kept, and since when; null while they go through. */
  get blocked(): Outage | null {
    return this.outage;
  }

  get kept(): number {
    return this.pending.length;
  }

  /** Writes `edit` now, or keeps it for later; returns the record as the runner now knows it. */
  update(edit: Edit): JobRecord {
    this.pending.push(edit);
    if (this.flushNow(this.pending.length > 1)) return this.last!;
    return this.view();
  }

  /** The record on disk with every kept edit applied. */
  read(): JobRecord {
    return this.view();
  }

  /** Reads the record only to notice it became unreadable (the runner's periodic look). */
  check(): void {
    this.view();
  }

  /**
   * One try to write what is kept; `respectBackoff` skips the try until the backoff allows it.
   * True when nothing is kept any more.
   */
  flushNow(respectBackoff = true): boolean {
    if (this.pending.length === 0) return true;
    if (this.fatal) return false;
    if (respectBackoff && Date.now() < this.nextTry) return false;
    const edits = this.pending;
    try {
      this.last = this.store.update(this.id, (r) => {
        for (const e of edits) e(r);
      });
    } catch (err) {
      if (err instanceof StateRootError) {
        this.begin(err);
        return false;
      }
      this.die(err as Error);
      return false;
    }
    this.pending = [];
    this.end();
    return true;
  }

  /** Retries until what is kept is written (true) or `boundMs` has passed (false). */
  async flush(boundMs: number): Promise<boolean> {
    const deadline = Date.now() + boundMs;
    for (;;) {
      if (this.flushNow(false)) return true;
      if (this.fatal || Date.now() >= deadline) return false;
      await sleep(Math.max(1, Math.min(this.nextTry, deadline) - Date.now()));
    }
  }

  /** Waits (bounded) until `fn` can write, then runs it: for writes that decide what happens next. */
  async when<T>(fn: () => T, boundMs: number): Promise<{ ok: true; value: T } | { ok: false }> {
    const deadline = Date.now() + boundMs;
    for (;;) {
      if (this.fatal) return { ok: false };
      if (this.pending.length === 0 || this.flushNow(false)) {
        try {
          const value = fn();
          this.end();
          return { ok: true, value };
        } catch (err) {
          if (!(err instanceof StateRootError)) {
            this.die(err as Error);
            return { ok: false };
          }
          this.begin(err);
        }
      }
      if (this.fatal || Date.now() >= deadline) return { ok: false };
      await sleep(Math.max(1, Math.min(this.nextTry, deadline) - Date.now()));
    }
  }

  /** What the runner knows without reading the disk: the record as last seen, with the kept edits. */
  known(): JobRecord | null {
    if (!this.last) return null;
    const v = structuredClone(this.last);
    for (const e of this.pending) e(v);
    return v;
  }

  /** The record the runner would write if it could, with `final` applied: its last words. */
  lastWords(final: Edit): { record: JobRecord; base_updated_at: string } | null {
    try {
      const base = this.store.read(this.id);
      const record = structuredClone(base);
      for (const e of this.pending) e(record);
      final(record);
      return { record, base_updated_at: base.updated_at };
    } catch {
      return null;
    }
  }

  private view(): JobRecord {
    let base: JobRecord;
    try {
      base = this.store.read(this.id);
    } catch (err) {
      this.die(err as Error);
      if (this.last) return this.last;
      throw err;
    }
    this.last = base;
    if (this.pending.length === 0) return base;
    const v = structuredClone(base);
    for (const e of this.pending) e(v);
    return v;
  }

  private begin(err: StateRootError): void {
    this.nextTry = Date.now() + this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    if (this.outage) return;
    this.outage = { since: new Date().toISOString(), error: err };
    this.hooks.say(`codex-agent: ${err.message} since ${clock(this.outage.since)}: what happens is kept in memory and written once the record can be written again`);
  }

  private end(): void {
    this.retryMs = FIRST_RETRY_MS;
    this.nextTry = 0;
    if (!this.outage) return;
    const { since, error } = this.outage;
    this.outage = null;
    this.hooks.say(`codex-agent: the state root ${error.home} was ${STATE_ROOT_CODES[error.code]} (${error.code}) from ${clock(since)} to ${clock(new Date().toISOString())}; the record is up to date again`);
  }

  private die(err: Error): void {
    if (this.fatal) return;
    this.fatal = true;
    this.hooks.onFatal(err);
  }
}
