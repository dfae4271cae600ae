import { setTimeout as delay } from 'node:timers/promises';

/** Resolve after `ms` milliseconds (negative or NaN counts as 0). */
export function sleep(ms: number): Promise<void> {
  const wait = Number.isFinite(ms) && ms > 0 ? ms : 0;
  return delay(wait).then(() => undefined);
}
