/**
 * Follower counts as people write them on a card: 950 → "950", 1200 → "1.2k", 48000 → "48k",
 * 1200000 → "1.2M". One decimal below 10 of a unit, none above; rounding that would print
 * "1000k" moves up a unit instead ("1M").
 */
const UNITS: ReadonlyArray<readonly [number, string]> = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

function compact(value: number): string {
  return value < 9.95 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
}

export function formatFollowers(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '0';
  const whole = Math.round(n);
  for (const [size, unit] of UNITS) {
    // 999,500 rounds to 1000k, so it is written in the next unit up.
    if (whole >= size * 0.9995) return compact(whole / size) + unit;
  }
  return String(whole);
}
