import type { Figure } from './figure.js';

function num(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

const withUnit = (value: number, unit: string) => `${num(value)} ${unit}`;

/** The results as one Markdown table (readable in a terminal, pasteable into the README). */
export function markdownTable(figures: readonly Figure[]): string {
  const header = ['#', 'benchmark', 'result', 'baseline (same run)', 'ratio', 'target', 'met'];
  const rows = figures.map((f, i) => [
    String(i + 1),
    f.name,
    withUnit(f.value, f.unit),
    `${f.baseline.name} ${withUnit(f.baseline.value, f.baseline.unit)}`,
    `${num(f.ratio)} ${f.ratioOf}`,
    f.target,
    f.met ? 'yes' : '**no**',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** What each baseline is. */
export function baselines(figures: readonly Figure[]): string {
  const seen = new Set<string>();
  return figures
    .filter((f) => !seen.has(f.baseline.name) && seen.add(f.baseline.name))
    .map((f) => `- ${f.baseline.name}: ${f.baseline.description}`)
    .join('\n');
}

/** One paragraph per missed target: what limits it. */
export function limits(figures: readonly Figure[]): string {
  return figures
    .map((f, i) => (f.met || !f.limit ? null : `${i + 1}. ${f.name} — not met: ${f.limit}.`))
    .filter((l): l is string => l !== null)
    .join('\n');
}
