// PRD template, parsing, and the prompt built from a PRD or one of its phases.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parsePrd, prdPrompt, renderPrd, SECTION_NAMES, slugify } from '../../src/prd/document.js';

describe('slugify', () => {
  it.each([
    ['Add OAuth login', 'add-oauth-login'],
    ['  Café: déjà vu!  ', 'cafe-deja-vu'],
    ['../../etc/passwd', 'etc-passwd'],
    ['a'.repeat(80), 'a'.repeat(60)],
    ['!!!', ''],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });
});

describe('renderPrd + parsePrd', () => {
  it('renders every section and phase, and parses back', () => {
    const text = renderPrd('Add OAuth login', '2026-11-24', 3);
    const prd = parsePrd(text, 'docs/prds/add-oauth-login.md');
    expect(prd.meta).toEqual({ title: 'Add OAuth login', status: 'draft', created: '2026-11-24', phases: ['Phase 1', 'Phase 2', 'Phase 3'] });
    expect(prd.sections.map((s) => s.heading)).toEqual([...SECTION_NAMES]);
    expect(prd.phases.map((p) => p.n)).toEqual([1, 2, 3]);
  });

  it('names the file and the key when the frontmatter is malformed', () => {
    const bad = (fm: string): UsageError => {
      try {
        parsePrd(`---\n${fm}\n---\n# x\n`, 'docs/prds/x.md');
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return err as UsageError;
      }
      throw new Error('no error');
    };
    expect(bad('title: X\nstatus: shipped\ncreated: 2026-11-24\nphases: [a]').message).toMatch(/^docs\/prds\/x\.md: frontmatter key "status"/);
    expect(bad('title: X\nstatus: draft\ncreated: 2026-11-24').message).toMatch(/key "phases"/);
    expect(bad('status: draft\ncreated: 2026-11-24\nphases: [a]').message).toMatch(/key "title"/);
    expect(bad('title: [unclosed').message).toMatch(/^docs\/prds\/x\.md: frontmatter is not valid YAML/);
  });
});

describe('prdPrompt', () => {
  const text = [
    '---',
    'title: Search',
    'status: approved',
    'created: 2026-11-24',
    'phases: [Index, Query]',
    '---',
    '# Search',
    '## Problem',
    'Users cannot find things.',
    '## Implementation Plan',
    '### Phase 1: Index',
    'Build the index.',
    '```',
    '## not a heading inside a fence',
    '```',
    '### Phase 2: Query',
    'Answer queries.',
    '## Testing',
    'Run npm test.',
  ].join('\n');
  const prd = parsePrd(text, 'docs/prds/search.md');

  it('puts the whole PRD in without --phase', () => {
    const p = prdPrompt(prd, 'docs/prds/search.md');
    expect(p).toContain('Work from this PRD: "Search" (docs/prds/search.md, status approved).');
    expect(p).toContain('Build the index.');
    expect(p).toContain('Answer queries.');
  });

  it('with a phase: the shared sections and that phase only', () => {
    const p = prdPrompt(prd, 'docs/prds/search.md', 2);
    expect(p).toContain('Implement Phase 2 only: "Query"');
    expect(p).toContain('Users cannot find things.');
    expect(p).toContain('Run npm test.');
    expect(p).toContain('Answer queries.');
    expect(p).not.toContain('Build the index.');
    expect(p).not.toContain('not a heading inside a fence');
  });

  it('a missing phase is a usage error listing the phases there are', () => {
    expect(() => prdPrompt(prd, 'docs/prds/search.md', 5)).toThrow(/--phase 5: docs\/prds\/search\.md has no "### Phase 5".*\(phases: 1, 2\)/);
  });
});
