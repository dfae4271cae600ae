// The live status lines of a wait at a terminal: what one job's line says, and how the lines are
// drawn in place and erased (the escape sequences written), at most four times a second.
import { describe, expect, it } from 'vitest';
import { beginTurn, closeTurn, currentTurn } from '../../src/jobs/lifecycle.js';
import { LiveLines, liveLine, shortCount } from '../../src/jobs/live-line.js';
import { makeRecord } from '../support/store-record.js';

const T0 = '2026-11-24T06:00:00.000Z';
const at = (s: number): number => Date.parse(T0) + s * 1000;

describe('liveLine', () => {
  it('a running turn: id, time in the turn, turn, tokens and the last action of this turn', () => {
    const r = makeRecord();
    beginTurn(r, T0);
    expect(liveLine(r, at(5), 200)).toBe('abcd1234 · 5s · turn 1 · working');
    r.tokens = { input: 12_000, cached_input: 0, output: 345, reasoning_output: 0, last_context: null, context_window: null };
    r.last_action = { at: '2026-11-24T06:00:03.000Z', text: '$ npm test' };
    expect(liveLine(r, at(65), 200)).toBe('abcd1234 · 1m05s · turn 1 · 12k tokens · $ npm test');
    // An action from before this turn is old news.
    closeTurn(r, currentTurn(r)!, { status: 'completed', message: 'done' }, '2026-11-24T06:01:00.000Z');
    beginTurn(r, '2026-11-24T06:02:00.000Z');
    expect(liveLine(r, at(130), 200)).toBe('abcd1234 · 10s · turn 2 · 12k tokens · working');
  });

  it('before any turn: the state, and time since the job started', () => {
    expect(liveLine(makeRecord({ created_at: T0 }), at(2), 200)).toBe('abcd1234 · 2s · starting');
    expect(liveLine(makeRecord({ status: 'running', turn_state: 'starting', started_at: T0 }), at(3), 200)).toBe('abcd1234 · 3s · starting');
  });

  it('never wider than the terminal less one column (a wrapped line could not be redrawn)', () => {
    const r = makeRecord();
    beginTurn(r, T0);
    r.last_action = { at: T0, text: `$ ${'x'.repeat(300)}` };
    const line = liveLine(r, at(1), 60);
    expect(line).toHaveLength(59);
    expect(line.endsWith('…')).toBe(true);
  });

  it('shortCount', () => {
    expect([shortCount(0), shortCount(950), shortCount(1000), shortCount(12_345), shortCount(123_456), shortCount(2_500_000)]).toEqual(['0', '950', '1.0k', '12k', '123k', '2.5M']);
  });
});

describe('LiveLines', () => {
  function screen() {
    let now = 0;
    const writes: string[] = [];
    const lines = new LiveLines({ write: (t: string) => writes.push(t), columns: 100 }, () => now);
    return { lines, writes, tick: (ms: number) => (now += ms) };
  }

  it('draws, redraws in place from the first line, and erases', () => {
    const s = screen();
    s.lines.draw(['a 1s', 'b 1s']);
    expect(s.writes).toEqual(['a 1s\nb 1s']);
    s.tick(1000);
    s.lines.draw(['a 2s', 'b 2s']);
    // To column 0, up one line, erase to the end of the screen, then the lines again.
    expect(s.writes[1]).toBe('\r\x1b[1A\x1b[Ja 2s\nb 2s');
    s.lines.clear();
    expect(s.writes[2]).toBe('\r\x1b[1A\x1b[J');
    // Nothing shown: clearing writes nothing.
    s.lines.clear();
    expect(s.writes).toHaveLength(3);
    expect(s.lines.width).toBe(100);
  });

  it('redraws at most four times a second, but at once when the number of lines changes', () => {
    const s = screen();
    s.lines.draw(['a', 'b']);
    s.tick(100);
    s.lines.draw(['a', 'b']);
    expect(s.writes).toHaveLength(1);
    s.lines.draw(['b']);
    expect(s.writes[1]).toBe('\r\x1b[1A\x1b[Jb');
    s.tick(250);
    s.lines.draw(['b!']);
    expect(s.writes[2]).toBe('\r\x1b[Jb!');
  });
});
