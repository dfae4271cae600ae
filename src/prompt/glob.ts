// Glob patterns for `start -f`, matched against paths relative to the job's directory (Node 20 has
// no fs.glob). `*` and `?` stay within a name, `**` spans any number of folders, `[abc]` and
// `{a,b}` as in a shell. Names starting with "." match only a pattern part that starts with ".",
// so `**/*` does not pick up .env files or .git.

const MAX_BRACE_EXPANSIONS = 256;

/** Pure: `{a,b}` expanded (nested too), left to right; a brace with no comma stays as it is. */
export function expandBraces(pattern: string): string[] {
  const open = findBrace(pattern);
  if (!open) return [pattern];
  const { start, end, alternatives } = open;
  const out: string[] = [];
  for (const alt of alternatives) {
    for (const p of expandBraces(pattern.slice(0, start) + alt + pattern.slice(end + 1))) {
      out.push(p);
      if (out.length > MAX_BRACE_EXPANSIONS) throw new Error(`more than ${MAX_BRACE_EXPANSIONS} patterns after expanding braces`);
    }
  }
  return out;
}

/** The first `{...}` holding a top-level comma: where it is and its alternatives. */
function findBrace(p: string): { start: number; end: number; alternatives: string[] } | null {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
      continue;
    }
    if (p[i] !== '{') continue;
    let depth = 0;
    const cuts: number[] = [];
    for (let j = i; j < p.length; j++) {
      const c = p[j];
      if (c === '\\') {
        j++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        if (cuts.length === 0) break;
        const bounds = [i, ...cuts, j];
        return { start: i, end: j, alternatives: bounds.slice(0, -1).map((b, k) => p.slice(b + 1, bounds[k + 1])) };
      } else if (c === ',' && depth === 1) cuts.push(j);
    }
  }
  return null;
}

/** Pure: whether a pattern part holds glob syntax (else it names itself). */
export function isLiteral(part: string): boolean {
  return !/[*?[\]{}\\]/.test(part);
}

const escapeRe = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One path part (no "/") as a regular expression source. */
function partSource(part: string): string {
  let out = part.startsWith('.') ? '' : '(?!\\.)';
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === '\\' && i + 1 < part.length) out += escapeRe(part[++i]!);
    else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = part.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = part.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^/' : ''}${body.replace(/\\/g, '\\\\').replace(/^\]/, '\\]')}]`;
      i = close;
    } else out += escapeRe(c);
  }
  return out;
}

const ANY_PART = '(?!\\.)[^/]+';

/** Pure: a brace-free pattern ("src/**\/*.ts") as a RegExp over relative "/"-separated paths. */
export function globToRegExp(pattern: string): RegExp {
  const parts = pattern.split('/').filter((p) => p !== '');
  let src = '^';
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part === '**') src += last ? `${ANY_PART}(?:/${ANY_PART})*` : `(?:${ANY_PART}/)*`;
    else src += partSource(part) + (last ? '' : '/');
  });
  return new RegExp(`${src}$`);
}

/** Pure: a brace-free pattern split into its literal leading folders and the rest. */
export function splitBase(pattern: string): { base: string[]; rest: string[] } {
  const parts = pattern.split('/').filter((p) => p !== '');
  const k = parts.findIndex((p) => !isLiteral(p));
  return k < 0 ? { base: parts, rest: [] } : { base: parts.slice(0, k), rest: parts.slice(k) };
}
