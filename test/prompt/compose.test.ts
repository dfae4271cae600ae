import { describe, expect, it } from 'vitest';
import { composePrompt, countChars, estimateTokens, fenceFor } from '../../src/prompt/compose.js';

describe('composePrompt', () => {
  it('leaves the task exactly as given when nothing is added', () => {
    expect(composePrompt('  do it\n', null, [])).toBe('  do it\n');
  });

  it('puts the map, then each file under its path in a fence', () => {
    const p = composePrompt('Fix the bug.\n', { path: 'docs/CODEBASE_MAP.md', text: '# Map\nsrc/ is the code\n\n' }, [
      { path: 'src/a.ts', text: 'const a = 1;\n' },
      { path: 'src/b.ts', text: 'no newline at the end' },
      { path: 'empty.txt', text: '' },
    ]);
    expect(p).toBe(
      [
        'Fix the bug.',
        '---',
        'Context: the codebase map and the attached files.',
        '## Codebase map (docs/CODEBASE_MAP.md)\n\n# Map\nsrc/ is the code',
        '## File: src/a.ts\n\n```\nconst a = 1;\n```',
        '## File: src/b.ts\n\n```\nno newline at the end\n```',
        '## File: empty.txt\n\n```\n```',
      ].join('\n\n'),
    );
  });

  it('says what it adds when only the map or only files come', () => {
    expect(composePrompt('t', { path: 'CODEBASE_MAP.md', text: 'm' }, [])).toContain('Context: the codebase map.\n\n## Codebase map (CODEBASE_MAP.md)');
    expect(composePrompt('t', null, [{ path: 'f', text: 'x' }])).toContain('Context: the attached files.\n\n## File: f');
  });

  it('fences a file with a fence its text cannot close', () => {
    expect(fenceFor('plain')).toBe('```');
    expect(fenceFor('a ``` b')).toBe('````');
    expect(fenceFor('`````')).toBe('``````');
    const p = composePrompt('t', null, [{ path: 'md.md', text: '```js\nx\n```\n' }]);
    expect(p.endsWith('````\n```js\nx\n```\n````')).toBe(true);
  });
});

describe('countChars and estimateTokens', () => {
  it('counts code points, as the agent does, not UTF-16 units', () => {
    expect(countChars('🚀é日')).toBe(3);
    expect('🚀é日'.length).toBe(4);
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('🚀'.repeat(8))).toBe(2);
  });
});
