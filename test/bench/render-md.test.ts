import { describe, expect, it } from 'vitest';
import { anchor, caption, renderMarkdown } from '../../bench/render-md.js';
import { emptyResults, withSection } from '../../bench/results.js';
import { fullResults, MACHINE } from './fixture.js';

/** The table rows of the rendered document whose first cell is `first`. */
function rows(md: string, first: string): string[][] {
  return md
    .split('\n')
    .filter((l) => l.startsWith(`| ${first} |`))
    .map((l) => l.slice(2, -2).split(' | '));
}

describe('docs/benchmarks.md', () => {
  const md = renderMarkdown(fullResults());

  it('names the machine, the versions and the date of each section', () => {
    expect(md).toContain('## Machine\n');
    for (const cell of ['| CPU | Test CPU 9000 |', '| cores | 2 |', '| memory | 7.8 GiB |', '| Node.js | v20.20.2 |', '| tmux | 3.3a |', '| Codex CLI | 0.169.0 |']) expect(md).toContain(cell);
    expect(md).toContain('| OS | Debian GNU/Linux 12 (bookworm) (Linux 6.1.0) |');
    expect(md.match(/2026-11-29 18:04 UTC/g)!.length).toBeGreaterThanOrEqual(7 * 2); // the index and each section
  });

  it('shows medians and p95 with n for the wake-up latency, against its target', () => {
    expect(rows(md, 'exec')[0]).toEqual(['exec', '41 ms', '97 ms', '21 ms', '107 ms', '20', 'met', '750 ms to 1,870 ms', '300 ms']);
    expect(rows(md, 'interactive')[0]!.slice(0, 7)).toEqual(['interactive', '56 ms', '180 ms', '28 ms', '198 ms', '20', 'missed']);
  });

  it('shows status and jobs --json as whole commands at each history size', () => {
    expect(rows(md, '`status`')).toEqual([
      ['`status`', '0', '81 ms', '95 ms', '36 ms', '50 ms', '30'],
      ['`status`', '10,000', '83 ms', '99 ms', '38 ms', '54 ms', '30'],
    ]);
    expect(rows(md, '`jobs --json`')).toEqual([['`jobs --json`', '1,000', '87 ms', '111 ms', '42 ms', '66 ms', '30']]);
    expect(md).toContain('Bare `node -e 0`: median 45 ms, p95 60 ms (n=240)');
  });

  it('shows the agents started at once, with how the overhead is defined', () => {
    expect(md).toContain('**Our overhead per job**');
    expect(md).toContain('*To launch*');
    expect(md).toContain('*To answer*');
    expect(rows(md, '16')[0]).toEqual(['16', '2', '5.5 s', '6.2 s', '500 ms', '1,100 ms', '450 ms', '50 ms', '3,300 ms', '32']);
    // Memory per job, working and idle, and the shared tmux server apart.
    expect(rows(md, '8').find((r) => r[1] === '252.5 MB')).toEqual(['8', '252.5 MB', '254.5 MB', '0.0 MB', '0.0 MB', '4.0 MB (0.5 MB)', '3.9 MB (0.5 MB)']);
  });

  it('shows the other sections', () => {
    expect(rows(md, 'one-line')[0]).toEqual(['one-line', '66 B', '303 B', '1,338 B', '1,707 B', 'within']);
    expect(rows(md, '10,000')[0]).toEqual(['10,000', '0.3 ms', '0.7 ms', '30', '249 ms', '337 ms', '5']);
    expect(rows(md, '`start` returns')[0]).toEqual(['`start` returns', '586 ms', '900 ms', '7']);
    expect(md).toContain('codex 189.2 MB, runner 70.0 MB, codex-launcher 43.3 MB');
  });

  it('links the chart, and each section from the index', () => {
    expect(md).toContain('![Medians as bars, whiskers to the p95](benchmarks.svg)');
    expect(md).toContain(`[Agents started at once](#${anchor('Agents started at once')})`);
    expect(anchor("The standard loop's bytes")).toBe('the-standard-loops-bytes');
  });

  it('says which sections are not measured yet, and marks quick runs', () => {
    const one = withSection(emptyResults(), 'wake', { ...fullResults().sections.wake!, quick: true });
    const text = renderMarkdown(one);
    expect(text).toContain('Not measured yet: `npm run bench -- fleet`.');
    expect(text).toContain('quick run (small counts)');
    expect(text).not.toContain('Not measured yet: `npm run bench -- wake`.');
  });

  it('names each machine when the sections were measured on different ones', () => {
    const r = fullResults();
    const other = withSection(r, 'fleet', { ...r.sections.fleet!, machine: { ...MACHINE, cpu: 'Other CPU', cores: 8 } });
    const text = renderMarkdown(other);
    expect(text).toContain('## Machines');
    expect(text).toContain('|  | machine A | machine B |');
    expect(text).toContain('| CPU | Test CPU 9000 | Other CPU |');
    expect(text).toMatch(/\| \[Agents started at once\]\(#agents-started-at-once\) \(`fleet`\) \| 2026-11-29 18:04 UTC \| B \| full \|/);
    expect(caption(other)).toMatch(/^2 machines/);
    expect(caption(withSection(r, 'wake', { ...r.sections.wake!, quick: true }))).toMatch(/ · 2026-11-29 · quick runs \(small counts\): wake$/);
    expect(caption(withSection(emptyResults(), 'wake', { ...r.sections.wake!, quick: true }))).toMatch(/ · 2026-11-29 · quick run \(small counts\)$/);
    expect(caption(r)).toBe('Test CPU 9000, 2 cores, 7.8 GiB, Debian GNU/Linux 12 (bookworm) (Linux 6.1.0), Node v20.20.2, tmux 3.3a, Codex 0.169.0 · 2026-11-29');
  });

  it('keeps table cells whole', () => {
    const r = fullResults();
    const piped = withSection(r, 'startup', { ...r.sections.startup!, data: { ...r.sections.startup!.data, cases: [{ ...r.sections.startup!.data.cases[0]!, command: 'a|b' }] } });
    expect(renderMarkdown(piped)).toContain('| `a\\|b` |');
  });
});
