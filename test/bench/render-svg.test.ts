import { describe, expect, it } from 'vitest';
import { chartPanels, type ChartPanel } from '../../bench/chart-data.js';
import { axisMax, escapeXml, niceStep, num, renderSvg } from '../../bench/render-svg.js';
import { emptyResults } from '../../bench/results.js';
import { fullResults } from './fixture.js';

/** Tags open and close in order, and text holds no raw < or stray &. */
function wellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z0-9:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const text = svg.slice(last, m.index);
    expect(text, `text before ${m[0]}`).not.toMatch(/<|&(?!(lt|gt|amp|apos|quot);)/);
    last = m.index + m[0].length;
    if (m[1]) expect(stack.pop(), `closing ${m[2]}`).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(svg.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

function attrs(el: string): Record<string, string> {
  return Object.fromEntries([...el.matchAll(/([a-z0-9-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe('the chart', () => {
  it('has a panel for each measure the results hold', () => {
    const titles = chartPanels(fullResults()).map((p) => p.title);
    expect(titles).toEqual([
      'Turn wake-up: task_complete to await-turn exit',
      'Whole commands, wall time of a fresh process',
      'Agents started at once: our overhead per job beyond Codex',
      'Agents started at once: time until every first turn is answered, the model taking 3 s',
      'Resident memory per job (its tmux pane processes)',
      "The standard loop: bytes into Claude's context",
    ]);
    expect(chartPanels(emptyResults())).toEqual([]);
  });

  it('charts the idle memory section when there are no fleet figures', () => {
    const { fleet: _, ...sections } = fullResults().sections;
    const memory = chartPanels({ version: 1, sections }).find((p) => p.unit === 'MB');
    expect(memory).toEqual({
      title: 'Resident memory per idle job (its tmux pane processes)',
      unit: 'MB',
      rows: [
        { label: 'exec, idle', median: 0, p95: 0 },
        { label: 'interactive, idle', median: 310.5, p95: 312.5 },
      ],
    });
  });

  it('takes medians and p95 from the results', () => {
    const [wake, commands, overhead, firstTurns, memory, loop] = chartPanels(fullResults());
    expect(wake!.rows).toEqual([
      { label: 'exec', median: 41, p95: 97 },
      { label: 'interactive', median: 56, p95: 180 },
    ]);
    expect(commands!.rows.map((r) => r.label)).toEqual(['node -e 0 (bare Node)', '--version', 'status, 0 finished', 'status, 10,000 finished', 'jobs --json, 1,000 finished']);
    expect(overhead!.rows.find((r) => r.label === 'exec, 16 at once')).toEqual({ label: 'exec, 16 at once', median: 500, p95: 1100 });
    expect(firstTurns!.rows[0]).toEqual({ label: 'exec, 1 at once', median: 3.5, p95: 4.2 });
    expect(memory!.rows.filter((r) => r.label.startsWith('exec, 8'))).toEqual([
      { label: 'exec, 8 at once, working', median: 252.5, p95: 254.5 },
      { label: 'exec, 8 at once, idle', median: 0, p95: 0 },
    ]);
    expect(loop).toMatchObject({ rows: [{ label: 'one-line answers', median: 1707, p95: null }], marker: { value: 2363 } });
  });

  it('is well-formed SVG with the caption, escaped', () => {
    const svg = renderSvg(chartPanels(fullResults()), 'CPU <x> & y · 2026-11-29');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    wellFormed(svg);
    expect(svg).toContain('CPU &lt;x&gt; &amp; y · 2026-11-29');
    expect(svg).toContain("The standard loop: bytes into Claude&apos;s context (B)");
    wellFormed(renderSvg([], 'nothing'));
  });

  it('draws each bar to its median and its whisker to its p95, on the panel\'s own scale', () => {
    const panel: ChartPanel = { title: 'T', unit: 'ms', rows: [{ label: 'a', median: 40, p95: 80 }, { label: 'b <c>', median: 100, p95: null }] };
    const svg = renderSvg([panel], 'cap');
    const bars = [...svg.matchAll(/<rect [^>]*class="bar"[^>]*>/g)].map((m) => attrs(m[0]));
    expect(bars).toHaveLength(2);
    // The axis ends at 100 (steps of 20): a bar is median/100 of the plot's width.
    expect(axisMax(panel)).toEqual({ max: 100, step: 20 });
    const full = Number(bars[1]!.width);
    expect(Number(bars[0]!.width)).toBeCloseTo(full * 0.4, 0);
    const whiskers = [...svg.matchAll(/<line [^>]*class="whisker"[^>]*>/g)].map((m) => attrs(m[0]));
    expect(whiskers).toHaveLength(2); // the line and its cap, for the row with a p95 only
    expect(Number(whiskers[0]!.x1)).toBeCloseTo(Number(bars[0]!.x) + full * 0.4, 0);
    expect(Number(whiskers[0]!.x2)).toBeCloseTo(Number(bars[0]!.x) + full * 0.8, 0);
    expect(svg).toContain('>b &lt;c&gt;</text>');
    expect(svg).toContain('>40 ms · p95 80</text>');
    expect(svg).toContain('>100 ms</text>');
  });

  it('draws a panel\'s marker within its axis', () => {
    const panel: ChartPanel = { title: 'T', unit: 'B', rows: [{ label: 'a', median: 1700, p95: null }], marker: { value: 2363, label: 'budget' } };
    expect(axisMax(panel).max).toBeGreaterThanOrEqual(2363);
    expect(renderSvg([panel], 'c')).toMatch(/<line [^>]*class="marker"><title>budget<\/title><\/line>/);
  });

  it('picks round steps and prints figures with the digits they carry', () => {
    expect(niceStep(100)).toBe(20);
    expect(niceStep(7)).toBe(2);
    expect(niceStep(0.33)).toBeCloseTo(0.1, 10);
    expect(niceStep(0)).toBe(1);
    expect(num(1707)).toBe('1,707');
    expect(num(41.26)).toBe('41.3');
    expect(num(3.5)).toBe('3.5');
    expect(num(0.3456)).toBe('0.346');
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
