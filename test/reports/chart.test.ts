import { describe, expect, it } from 'vitest';
import { niceScale, renderDailyChartPng, renderDailyChartSvg, type ChartDay } from '../../src/reports/chart.js';

const series: ChartDay[] = Array.from({ length: 14 }, (_, i) => ({
  day: `2026-11-${String(9 + i).padStart(2, '0')}`,
  volume: [12, 30, 44, 38, 27, 8, 5, 61, 52, 40, 33, 29, 9, 0][i]!,
  responseRate: [0.9, 0.85, 0.7, null, 0.8, 0.95, 1, 0.55, 0.62, 0.75, 0.81, 0.88, 0.9, null][i]!,
}));

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('daily chart (SVG → PNG, rendered locally)', () => {
  it('renders a PNG at twice the SVG size', () => {
    const png = renderDailyChartPng(series);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: 1800, height: 840 });
  });

  it('draws one bar per day with cases, and breaks the rate line where a day has no rate', () => {
    const svg = renderDailyChartSvg(series);
    const bars = svg.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" rx="2"/g) ?? [];
    expect(bars).toHaveLength(13); // the last day had no cases
    const path = /<path d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(path.match(/M/g)).toHaveLength(2); // a gap at the 4th day; the 14th has no point at all
    expect(svg.match(/<circle [^>]*r="4\.5"/g)).toHaveLength(12);
    expect(svg).toContain('>22 Nov<');
    expect(svg).toContain('>100%<');
  });

  it('draws today (partial) lighter and labels it "so far"', () => {
    const withToday = series.map((d, i) => ({ ...d, partial: i === series.length - 1, volume: i === series.length - 1 ? 29 : d.volume }));
    const svg = renderDailyChartSvg(withToday);
    expect(svg.match(/rx="2" fill="#a9c0ec"/g)).toHaveLength(1);
    expect(svg).toContain('>so far<');
    expect(svg).toContain('>29<');
  });

  it('different data gives a different picture; an empty fortnight still renders', () => {
    const empty = series.map((d) => ({ ...d, volume: 0, responseRate: null }));
    const a = renderDailyChartPng(series);
    const b = renderDailyChartPng(empty);
    expect(a.equals(b)).toBe(false);
    expect(pngSize(b)).toEqual({ width: 1800, height: 840 });
  });

  it('picks round axis maxima with 2, 4 or 5 intervals (so the percent axis reads 0/25/50/75/100 or 0/20/…)', () => {
    expect(niceScale(61)).toEqual({ max: 80, step: 20 });
    expect(niceScale(7)).toEqual({ max: 8, step: 2 });
    expect(niceScale(3)).toEqual({ max: 4, step: 1 });
    expect(niceScale(1)).toEqual({ max: 2, step: 1 });
    expect(niceScale(0)).toEqual({ max: 4, step: 1 });
    expect(niceScale(1234)).toEqual({ max: 1250, step: 250 });
    expect(niceScale(45)).toEqual({ max: 50, step: 10 });
    expect(niceScale(100)).toEqual({ max: 100, step: 20 });
  });
});
