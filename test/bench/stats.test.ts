import { describe, expect, it } from 'vitest';
import { brief, quantile, stats } from '../../bench/stats.js';

describe('stats', () => {
  it('takes the median of an odd and an even count', () => {
    expect(stats([5, 1, 3]).median).toBe(3);
    expect(stats([4, 1, 3, 2]).median).toBe(2.5);
  });

  it('takes the p95 by nearest rank: the smallest sample with 95% at or below it', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    expect(stats(xs).p95).toBe(19);
    expect(stats([...xs, 21]).p95).toBe(20); // ceil(0.95 * 21) = 20
    expect(stats([7]).p95).toBe(7);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });

  it('keeps n, min and max, and does not reorder the input', () => {
    const xs = [9, 2, 5];
    expect(stats(xs)).toEqual({ n: 3, median: 5, p95: 9, min: 2, max: 9 });
    expect(xs).toEqual([9, 2, 5]);
  });

  it('refuses no samples and samples that are not numbers', () => {
    expect(() => stats([])).toThrow('no samples');
    expect(() => stats([1, Number.NaN])).toThrow('not a finite number');
  });

  it('prints median and p95 with n', () => {
    expect(brief(stats([10, 20, 30]), 'ms')).toBe('median 20 ms · p95 30 ms (n=3)');
  });
});
