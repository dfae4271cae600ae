// One live status line per job while a person waits at a terminal (await-turn, start --wait):
// elapsed time, turn, tokens and the agent's last action, redrawn in place on stderr and erased
// before the answer is printed. Only ever drawn when stdout and stderr are both terminals: piped,
// a wait prints nothing extra.
import type { JobRecord } from '../store/record.js';
import { actionInTurn } from './await-many.js';
import { currentTurn } from './lifecycle.js';
import { formatDuration } from './view.js';

/** At most four redraws a second. */
const MIN_REDRAW_MS = 250;

/** Pure: a token count in a few characters (950, 12.3k, 1.2M). */
export function shortCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** Pure: one job's line, cut to `width` characters (a line that wraps could not be redrawn in place). */
export function liveLine(r: JobRecord, nowMs: number, width: number): string {
  const turn = currentTurn(r);
  const since = turn?.started_at ?? r.started_at ?? r.created_at;
  const parts = [r.id, formatDuration(Math.max(0, nowMs - Date.parse(since)))];
  parts.push(turn ? `turn ${turn.n}` : r.status === 'pending' ? 'starting' : r.turn_state);
  const tokens = r.tokens ? r.tokens.input + r.tokens.output : 0;
  if (tokens > 0) parts.push(`${shortCount(tokens)} tokens`);
  const action = turn ? actionInTurn(r, turn) : null;
  if (action) parts.push(action);
  else if (turn) parts.push('working');
  const line = parts.join(' · ');
  const max = Math.max(10, width - 1);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export interface LiveOut {
  write(text: string): unknown;
  columns?: number;
}

/** The lines on screen: redrawn in place (throttled), erased on demand. */
export class LiveLines {
  private shown = 0;
  private lastDraw = 0;

  constructor(
    private readonly out: LiveOut,
    private readonly now: () => number = Date.now,
  ) {}

  get width(): number {
    return this.out.columns ?? 80;
  }

  draw(lines: string[]): void {
    const t = this.now();
    if (this.shown > 0 && lines.length === this.shown && t - this.lastDraw < MIN_REDRAW_MS) return;
    this.lastDraw = t;
    this.out.write(`${this.home()}${lines.join('\n')}`);
    this.shown = lines.length;
  }

  /** Erases the lines, leaving the cursor where they began. */
  clear(): void {
    if (this.shown === 0) return;
    this.out.write(this.home());
    this.shown = 0;
  }

  /** To the start of the first line shown, and everything below erased. */
  private home(): string {
    if (this.shown === 0) return '';
    return `\r${this.shown > 1 ? `\x1b[${this.shown - 1}A` : ''}\x1b[J`;
  }
}

/** Live lines on stderr when a person watches (stdout and stderr both terminals), else null. */
export function liveLinesForTerminal(): LiveLines | null {
  return process.stdout.isTTY && process.stderr.isTTY ? new LiveLines(process.stderr) : null;
}

/** A wait's onWait and tickMs that keep the lines current; nothing when `live` is null. */
export function liveWait(live: LiveLines | null): { onWait?: (rs: JobRecord[]) => void; tickMs?: number } {
  if (!live) return {};
  return { onWait: (rs) => live.draw(rs.map((r) => liveLine(r, Date.now(), live.width))), tickMs: 1_000 };
}
