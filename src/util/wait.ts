import { sleep } from './sleep.js';

type Pending = undefined | null | false;

export interface WaitOptions {
  timeoutMs: number;
  /** First poll interval; grows by 1.5x per poll up to maxIntervalMs. */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** What is being waited for, used in the timeout message. */
  label?: string;
  /** Called once on timeout to report what was actually observed. */
  describe: () => string | Promise<string>;
  /** How to wait between checks (default: sleep); an event-driven wait may return early. */
  pause?: (ms: number) => Promise<void>;
}

export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
  constructor(
    readonly label: string,
    readonly timeoutMs: number,
    readonly observed: string,
  ) {
    super(`timed out after ${timeoutMs}ms waiting for ${label}; last observed: ${observed}`);
  }
}

/**
 * Poll `check` until it returns something other than undefined/null/false.
 * Errors thrown by `check` propagate immediately: a broken probe should not
 * look like a slow one.
 */
export async function waitFor<T>(
  check: () => Promise<T | Pending> | T | Pending,
  opts: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + Math.max(0, opts.timeoutMs);
  const maxInterval = Math.max(1, opts.maxIntervalMs ?? 1000);
  let interval = Math.min(Math.max(1, opts.intervalMs ?? 50), maxInterval);
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    await (opts.pause ?? sleep)(Math.min(interval, remaining));
    interval = Math.min(interval * 1.5, maxInterval);
  }
  let observed: string;
  try {
    observed = await opts.describe();
  } catch (err) {
    observed = `(describe() failed: ${err instanceof Error ? err.message : String(err)})`;
  }
  throw new WaitTimeoutError(opts.label ?? 'condition', opts.timeoutMs, observed);
}
