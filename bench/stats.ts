// Summary statistics of the bench: median and p95 (nearest rank) with n, min and max. Pure.

export interface Stats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Nearest-rank quantile of sorted samples: the smallest sample with at least q of them at or below it. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of no samples');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function stats(xs: readonly number[]): Stats {
  if (xs.length === 0) throw new Error('no samples');
  if (xs.some((x) => !Number.isFinite(x))) throw new Error(`a sample is not a finite number: ${xs.join(', ')}`);
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { n: s.length, median, p95: quantile(s, 0.95), min: s[0]!, max: s.at(-1)! };
}

export function fmt(x: number, digits: number): string {
  return x.toFixed(digits);
}

/** "median 12 ms · p95 30 ms (n=20)". */
export function brief(st: Stats, unit: string, digits = 0): string {
  return `median ${fmt(st.median, digits)} ${unit} · p95 ${fmt(st.p95, digits)} ${unit} (n=${st.n})`;
}

/** brief() with min and max. */
export function full(st: Stats, unit: string, digits = 0): string {
  return `median ${fmt(st.median, digits)} ${unit} · p95 ${fmt(st.p95, digits)} ${unit} · min ${fmt(st.min, digits)} · max ${fmt(st.max, digits)} (n=${st.n})`;
}
