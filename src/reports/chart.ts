/**
 * The digest chart: cases per day as bars (left axis) and the 24-hour response rate as a line
 * (right axis, 0–100 %), drawn as SVG and rasterised to PNG locally with resvg (no chart service,
 * no browser).
 *
 * Fonts: resvg draws text only with fonts it can load. It is given the system font folders;
 * on the Debian image this project runs on that is DejaVu Sans (package fonts-dejavu-core, which
 * fontconfig depends on). On a machine with no fonts at all the labels are simply not drawn —
 * bars, line, grid and legend swatches still are — and every number is in the digest's text
 * anyway, so the chart is never the only place a figure appears.
 */
import { Resvg } from '@resvg/resvg-js';

export interface ChartDay {
  /** Local date `YYYY-MM-DD`. */
  day: string;
  volume: number;
  /** 0..1, or null when no case of that day is decided yet (drawn as a gap). */
  responseRate: number | null;
  /** A day still under way (today): its bar is drawn lighter and labelled "so far". */
  partial?: boolean;
}

const WIDTH = 900;
const HEIGHT = 420;
const PAD = { left: 64, right: 70, top: 78, bottom: 64 };
const COLORS = { bar: '#4f7fd6', partial: '#a9c0ec', line: '#e0662f', grid: '#e5e7eb', axis: '#9ca3af', text: '#374151', muted: '#6b7280' };
const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Folders fonts are looked for in, besides the ones resvg knows for the platform. */
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts'];

/**
 * A round axis maximum and its step: steps of 1, 2, 2.5, 5 × 10^k (whole numbers: volumes are)
 * and 2, 4 or 5 intervals, so the right axis shares the grid at 0/50/100, 0/25/…/100 or 0/20/…/100 %.
 */
export function niceScale(max: number): { max: number; step: number } {
  if (!(max > 0)) return { max: 4, step: 1 };
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const m of magnitude >= 10 ? [1, 2, 2.5, 5] : [1, 2, 5]) {
      const step = m * magnitude;
      const n = Math.ceil(max / step);
      if (n <= 5) return { max: (n === 1 ? 2 : n === 3 ? 4 : n) * step, step };
    }
  }
}

function dayLabel(day: string): { weekday: string; date: string } {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return { weekday: WEEKDAYS[date.getUTCDay()] ?? '', date: `${d ?? ''} ${MONTHS[(m ?? 1) - 1] ?? ''}` };
}

const text = (x: number, y: number, content: string, attrs = ''): string =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT}" ` +
  `${attrs}>${content.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`;

/** The chart as an SVG document (exported for inspection and tests). */
export function renderDailyChartSvg(series: readonly ChartDay[]): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const bottom = PAD.top + plotH;
  const slot = plotW / Math.max(1, series.length);
  const scale = niceScale(Math.max(0, ...series.map((d) => d.volume)));
  const yVolume = (v: number) => bottom - (v / scale.max) * plotH;
  const yRate = (r: number) => bottom - Math.min(1, Math.max(0, r)) * plotH;
  const parts: string[] = [];

  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  parts.push(text(PAD.left, 30, 'Cases per day and 24-hour response rate', `font-size="18" font-weight="bold" fill="${COLORS.text}"`));
  // Legend
  parts.push(`<rect x="${PAD.left}" y="44" width="14" height="14" fill="${COLORS.bar}"/>`);
  parts.push(text(PAD.left + 20, 56, 'Cases (left axis)', `font-size="13" fill="${COLORS.text}"`));
  parts.push(`<line x1="${PAD.left + 170}" y1="51" x2="${PAD.left + 196}" y2="51" stroke="${COLORS.line}" stroke-width="3"/>`);
  parts.push(`<circle cx="${PAD.left + 183}" cy="51" r="4" fill="${COLORS.line}"/>`);
  parts.push(text(PAD.left + 204, 56, '24-hour response rate (right axis)', `font-size="13" fill="${COLORS.text}"`));

  // Grid and axes: volume ticks on the left, 0–100 % on the right at the same heights.
  const steps = Math.round(scale.max / scale.step);
  for (let i = 0; i <= steps; i++) {
    const y = bottom - (i / steps) * plotH;
    parts.push(
      `<line x1="${PAD.left}" y1="${y.toFixed(1)}" x2="${PAD.left + plotW}" y2="${y.toFixed(1)}" ` +
        `stroke="${i === 0 ? COLORS.axis : COLORS.grid}" stroke-width="1"/>`,
    );
    parts.push(text(PAD.left - 8, y + 4, String(i * scale.step), `font-size="12" text-anchor="end" fill="${COLORS.muted}"`));
    parts.push(text(PAD.left + plotW + 8, y + 4, `${Math.round((i / steps) * 100)}%`, `font-size="12" fill="${COLORS.muted}"`));
  }

  series.forEach((d, i) => {
    const cx = PAD.left + slot * (i + 0.5);
    const barW = slot * 0.6;
    const top = yVolume(d.volume);
    const fill = d.partial ? COLORS.partial : COLORS.bar;
    if (d.volume > 0)
      parts.push(
        `<rect x="${(cx - barW / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" ` +
          `height="${(bottom - top).toFixed(1)}" rx="2" fill="${fill}"/>`,
      );
    if (d.volume > 0) parts.push(text(cx, top - 5, String(d.volume), `font-size="11" text-anchor="middle" fill="${COLORS.muted}"`));
    const label = dayLabel(d.day);
    parts.push(text(cx, bottom + 18, d.partial ? 'so far' : label.weekday, `font-size="11" text-anchor="middle" fill="${COLORS.muted}"`));
    parts.push(text(cx, bottom + 34, label.date, `font-size="12" text-anchor="middle" fill="${COLORS.text}"`));
  });

  // The rate line breaks at days with no decided case rather than pretending they were 0 %.
  let path = '';
  let pen = false;
  series.forEach((d, i) => {
    const cx = PAD.left + slot * (i + 0.5);
    if (d.responseRate === null || !Number.isFinite(d.responseRate)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${cx.toFixed(1)} ${yRate(d.responseRate).toFixed(1)} `;
    pen = true;
  });
  if (path)
    parts.push(
      `<path d="${path.trim()}" fill="none" stroke="${COLORS.line}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  series.forEach((d, i) => {
    if (d.responseRate === null || !Number.isFinite(d.responseRate)) return;
    parts.push(
      `<circle cx="${(PAD.left + slot * (i + 0.5)).toFixed(1)}" cy="${yRate(d.responseRate).toFixed(1)}" r="4.5" fill="#ffffff" ` +
        `stroke="${COLORS.line}" stroke-width="2.5"/>`,
    );
  });

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ` +
    `${HEIGHT}">${parts.join('')}</svg>`
  );
}

/** The chart as PNG bytes, rendered at twice the SVG size so it stays sharp on high-DPI screens. */
export function renderDailyChartPng(series: readonly ChartDay[]): Buffer {
  const resvg = new Resvg(renderDailyChartSvg(series), {
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, fontDirs: FONT_DIRS, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
