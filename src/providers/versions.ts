// Tested version ranges: "0.169" to "0.171" means every 0.169.x, 0.170.x and 0.171.x.

export interface VersionRange {
  min: string;
  max: string;
}

function parts(v: string): number[] | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim());
  return m ? m.slice(1).filter((x) => x !== undefined).map(Number) : null;
}

/** Pure: `version` lies inside the range; the range's ends compare only as far as they are written. */
export function inRange(version: string, range: VersionRange): boolean {
  const v = parts(version);
  const lo = parts(range.min);
  const hi = parts(range.max);
  if (!v || !lo || !hi) return false;
  const cmp = (end: number[]): number => {
    for (let i = 0; i < end.length; i++) {
      const d = (v[i] ?? 0) - end[i]!;
      if (d !== 0) return d;
    }
    return 0;
  };
  return cmp(lo) >= 0 && cmp(hi) <= 0;
}

export function describeRange(range: VersionRange): string {
  return range.min === range.max ? `${range.min}.x` : `${range.min}.x-${range.max}.x`;
}
