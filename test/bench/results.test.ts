import { describe, expect, it } from 'vitest';
import { emptyResults, parseResults, SECTION_NAMES, serializeResults, withSection } from '../../bench/results.js';
import { fullResults } from './fixture.js';

describe('results file', () => {
  it('reads back what it writes, every section', () => {
    const r = fullResults();
    const { results, dropped } = parseResults(serializeResults(r));
    expect(dropped).toEqual([]);
    expect(results).toEqual(r);
    expect(Object.keys(results.sections).sort()).toEqual([...SECTION_NAMES].sort());
  });

  it('replaces one section and keeps the others', () => {
    const r = fullResults();
    const wake = { ...r.sections.wake!, at: '2027-01-01T00:00:00.000Z' };
    const next = withSection(r, 'wake', wake);
    expect(next.sections.wake!.at).toBe('2027-01-01T00:00:00.000Z');
    expect(next.sections.fleet).toBe(r.sections.fleet);
    expect(r.sections.wake!.at).not.toBe(wake.at); // the input is not changed
  });

  it('writes the sections in document order', () => {
    const text = serializeResults(withSection(emptyResults(), 'loop', fullResults().sections.loop!));
    expect(Object.keys((JSON.parse(text) as { sections: object }).sections)).toEqual(['loop']);
    const all = JSON.parse(serializeResults(fullResults())) as { sections: object };
    expect(Object.keys(all.sections)).toEqual(SECTION_NAMES);
  });

  it('drops a section of an older layout or an unknown name, saying which and why', () => {
    const json = JSON.parse(serializeResults(fullResults())) as { sections: Record<string, unknown> };
    (json.sections.wake as { data: { modes: unknown } }).data.modes = 'nope';
    json.sections.gone = { at: 'x' };
    const { results, dropped } = parseResults(JSON.stringify(json));
    expect(results.sections.wake).toBeUndefined();
    expect(results.sections.fleet).toBeDefined();
    expect(dropped.map((d) => d.section).sort()).toEqual(['gone', 'wake']);
    expect(dropped.find((d) => d.section === 'wake')!.why).toMatch(/^older layout \(data\.modes: /);
  });

  it('refuses a file that is not a results file', () => {
    expect(() => parseResults('{')).toThrow(/^not valid JSON/);
    expect(() => parseResults('{"version":2,"sections":{}}')).toThrow('not a results file of version 1');
    expect(() => parseResults('[]')).toThrow('not a results file');
  });
});
