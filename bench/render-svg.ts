// The chart as SVG text (no dependency): one panel per measure, each on its own linear scale,
// horizontal bars of medians with whiskers to p95. Pure.
import type { ChartPanel } from './chart-data.js';

const WIDTH = 920;
const LABEL_W = 250;
const PLOT_W = 480;
const PLOT_X = LABEL_W + 10;
const ROW_H = 20;
const BAR_H = 12;
const TITLE_H = 26;
const AXIS_H = 18;
const GAP = 14;
const HEADER_H = 44;
const FOOTER_H = 24;

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** A 1, 2 or 5 times a power of ten, so that about `ticks` steps cover `max`. */
export function niceStep(max: number, ticks = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
}

/** The axis's end: the largest value (a p95, a median or the marker) rounded up to a step. */
export function axisMax(panel: ChartPanel): { max: number; step: number } {
  const top = Math.max(...panel.rows.map((r) => Math.max(r.median, r.p95 ?? 0)), panel.marker?.value ?? 0);
  const step = niceStep(top);
  return { max: Math.max(step, Math.ceil(top / step) * step), step };
}

/** A figure as the chart prints it: no more digits than it carries. */
export function num(x: number): string {
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return Number(x.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

function panelHeight(p: ChartPanel): number {
  return TITLE_H + p.rows.length * ROW_H + AXIS_H;
}

function renderPanel(p: ChartPanel, y0: number): string[] {
  const { max, step } = axisMax(p);
  const x = (v: number): number => PLOT_X + (Math.max(0, v) / max) * PLOT_W;
  const out: string[] = [];
  out.push(`<text x="10" y="${y0 + 17}" class="title">${escapeXml(`${p.title} (${p.unit})`)}</text>`);
  const top = y0 + TITLE_H;
  const bottom = top + p.rows.length * ROW_H;
  for (let v = 0; v <= max + step / 1e6; v += step) {
    const tx = x(v).toFixed(1);
    out.push(`<line x1="${tx}" y1="${top - 2}" x2="${tx}" y2="${bottom}" class="grid"/>`);
    out.push(`<text x="${tx}" y="${bottom + 13}" class="tick">${escapeXml(num(v))}</text>`);
  }
  p.rows.forEach((r, i) => {
    const cy = top + i * ROW_H + ROW_H / 2;
    out.push(`<text x="${LABEL_W}" y="${cy + 4}" class="label">${escapeXml(r.label)}</text>`);
    out.push(`<rect x="${PLOT_X}" y="${(cy - BAR_H / 2).toFixed(1)}" width="${(x(r.median) - PLOT_X).toFixed(1)}" height="${BAR_H}" class="bar"><title>${escapeXml(`${r.label}: median ${num(r.median)} ${p.unit}${r.p95 === null ? '' : `, p95 ${num(r.p95)} ${p.unit}`}`)}</title></rect>`);
    if (r.p95 !== null) {
      const [a, b] = [x(r.median).toFixed(1), x(r.p95).toFixed(1)];
      out.push(`<line x1="${a}" y1="${cy}" x2="${b}" y2="${cy}" class="whisker"/>`);
      out.push(`<line x1="${b}" y1="${cy - 5}" x2="${b}" y2="${cy + 5}" class="whisker"/>`);
    }
    const value = r.p95 === null ? `${num(r.median)} ${p.unit}` : `${num(r.median)} ${p.unit} · p95 ${num(r.p95)}`;
    out.push(`<text x="${PLOT_X + PLOT_W + 10}" y="${cy + 4}" class="value">${escapeXml(value)}</text>`);
  });
  if (p.marker) {
    const mx = x(p.marker.value).toFixed(1);
    out.push(`<line x1="${mx}" y1="${top - 4}" x2="${mx}" y2="${bottom}" class="marker"><title>${escapeXml(p.marker.label)}</title></line>`);
  }
  return out;
}

/** The whole chart; `caption` names the machine and the date. */
export function renderSvg(panels: readonly ChartPanel[], caption: string): string {
  const height = HEADER_H + panels.reduce((h, p) => h + panelHeight(p) + GAP, 0) + FOOTER_H;
  const body: string[] = [];
  let y = HEADER_H;
  for (const p of panels) {
    body.push(...renderPanel(p, y));
    y += panelHeight(p) + GAP;
  }
  if (panels.length === 0) body.push(`<text x="10" y="${HEADER_H + 14}" class="label-left">No results yet: run npm run bench.</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    '<style>.title{font-weight:bold;font-size:13px}.label{text-anchor:end}.tick{text-anchor:middle;fill:#666;font-size:10px}.value{fill:#222}.bar{fill:#4c78a8}.whisker{stroke:#222;stroke-width:1.5}.grid{stroke:#e3e3e3}.marker{stroke:#d62728;stroke-width:1.5;stroke-dasharray:4 3}.caption{fill:#555;font-size:11px}</style>',
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="20" class="title">codex-agent benchmarks: bars are medians, whiskers reach the p95, dashed red lines are targets or floors</text>`,
    `<text x="10" y="36" class="caption">${escapeXml(caption)}</text>`,
    ...body,
    `<text x="10" y="${height - 8}" class="caption">Written by npm run bench (bench/bench.ts); the figures and their definitions are in docs/benchmarks.md.</text>`,
    '</svg>',
    '',
  ].join('\n');
}
