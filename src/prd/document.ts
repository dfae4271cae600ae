// PRD documents: the template, and parsing one into frontmatter, sections and phases. Pure.
import matter from 'gray-matter';
import * as z from 'zod';
import { UsageError } from '../errors.js';

export const PRD_STATUSES = ['draft', 'approved', 'in-progress', 'done'] as const;

const frontmatterSchema = z.object({
  title: z.string().min(1),
  status: z.enum(PRD_STATUSES),
  // YAML turns an unquoted 2026-11-24 into a Date: accept both, keep the day.
  created: z.union([z.string().min(1), z.date().transform((d) => d.toISOString().slice(0, 10))]),
  phases: z.array(z.string().min(1)).min(1),
});
export type PrdMeta = z.infer<typeof frontmatterSchema>;

export interface PrdSection {
  heading: string;
  body: string;
}

export interface PrdPhase {
  n: number;
  title: string;
  body: string;
}

export interface Prd {
  meta: PrdMeta;
  /** Level-2 sections in order (Problem, Solution, ...), each with its full text. */
  sections: PrdSection[];
  phases: PrdPhase[];
}

export const SECTION_NAMES = ['Problem', 'Solution', 'Requirements', 'Implementation Plan', 'Files to Modify', 'Testing', 'Success Criteria'] as const;

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug;
}

export function renderPrd(title: string, created: string, phaseCount: number): string {
  const phases = Array.from({ length: phaseCount }, (_, i) => `Phase ${i + 1}`);
  const hints: Record<(typeof SECTION_NAMES)[number], string> = {
    Problem: '<!-- What is wrong or missing, for whom, and why it matters now. -->',
    Solution: '<!-- The approach in a few paragraphs, and the alternatives set aside. -->',
    Requirements: '- [ ] <!-- one verifiable requirement per line -->',
    'Implementation Plan': phases.map((p) => `### ${p}: <!-- name -->\n\n<!-- Scope, steps, and how to know this phase is done. -->`).join('\n\n'),
    'Files to Modify': '- `path/to/file` — <!-- why -->',
    Testing: '<!-- How each requirement is checked: commands to run, cases to cover. -->',
    'Success Criteria': '- <!-- observable outcome -->',
  };
  const body = [`# ${title}`, ...SECTION_NAMES.map((name) => `## ${name}\n\n${hints[name]}`)].join('\n\n');
  return matter.stringify(`\n${body}\n`, { title, status: 'draft', created, phases });
}

export function parsePrd(text: string, file: string): Prd {
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text);
  } catch (err) {
    throw new UsageError(`${file}: frontmatter is not valid YAML (${(err as Error).message.split('\n')[0]})`, { cause: err });
  }
  const meta = frontmatterSchema.safeParse(parsed.data);
  if (!meta.success) {
    const issue = meta.error.issues[0]!;
    const key = issue.path.join('.') || '(frontmatter)';
    throw new UsageError(`${file}: frontmatter key "${key}": ${issue.message}`);
  }
  const sections = splitSections(parsed.content, /^## (.+)$/);
  const plan = sections.find((s) => s.heading.toLowerCase() === 'implementation plan');
  const phases = plan
    ? splitSections(plan.body, /^### (.+)$/).flatMap((s) => {
        const m = /^Phase (\d+)\b[:.\s-]*(.*)$/i.exec(s.heading);
        return m ? [{ n: Number(m[1]), title: m[2]!.trim() || `Phase ${m[1]}`, body: s.body }] : [];
      })
    : [];
  return { meta: meta.data, sections, phases };
}

function splitSections(text: string, heading: RegExp): PrdSection[] {
  const out: PrdSection[] = [];
  let current: PrdSection | null = null;
  let fence = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = fence ? null : heading.exec(line);
    if (m) {
      current = { heading: m[1]!.trim(), body: '' };
      out.push(current);
    } else if (current) {
      current.body += `${line}\n`;
    }
  }
  for (const s of out) s.body = s.body.trim();
  return out;
}

/** The agent's prompt from a PRD: all of it, or one phase with the sections every phase shares. */
export function prdPrompt(prd: Prd, file: string, phase?: number): string {
  const head = `Work from this PRD: "${prd.meta.title}" (${file}, status ${prd.meta.status}).`;
  if (phase === undefined) {
    return [head, ...prd.sections.map((s) => `## ${s.heading}\n\n${s.body}`)].join('\n\n');
  }
  const chosen = prd.phases.find((p) => p.n === phase);
  if (!chosen) {
    const have = prd.phases.map((p) => p.n).join(', ') || 'none';
    throw new UsageError(`--phase ${phase}: ${file} has no "### Phase ${phase}" under "## Implementation Plan" (phases: ${have})`);
  }
  const shared = prd.sections.filter((s) => s.heading.toLowerCase() !== 'implementation plan');
  return [
    `${head} Implement Phase ${phase} only: "${chosen.title}". The other phases are out of scope for this task.`,
    ...shared.map((s) => `## ${s.heading}\n\n${s.body}`),
    `## Implementation Plan: Phase ${phase} — ${chosen.title}\n\n${chosen.body}`,
  ].join('\n\n');
}
