/**
 * Draws the Teams app icons (committed next to this file): `color.png` 192×192 and `outline.png`
 * 32×32, white on transparent, as Teams requires. Run after changing the drawing:
 *   npx tsx adapters/teams/app-package/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/** A siren on a 192-unit grid: the dome, its base, and three rays. */
const SIREN = `
  <path d="M58 132 V104 a38 38 0 0 1 76 0 V132 Z"/>
  <rect x="44" y="138" width="104" height="18" rx="7"/>
  <rect x="90" y="22" width="12" height="28" rx="6"/>
  <rect x="90" y="22" width="12" height="28" rx="6" transform="rotate(-50 96 104)"/>
  <rect x="90" y="22" width="12" height="28" rx="6" transform="rotate(50 96 104)"/>`;

export function colorSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" rx="40" fill="#C62828"/>
  <g fill="#FFFFFF">${SIREN}</g>
  <path d="M78 112 a20 20 0 0 1 18 -22" stroke="#C62828" stroke-width="9" fill="none" stroke-linecap="round"/>
</svg>`;
}

export function outlineSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 192 192"><g fill="#FFFFFF">${SIREN}</g></svg>`;
}

function png(svg: string): Buffer {
  return new Resvg(svg, { logLevel: 'off' }).render().asPng();
}

const here = import.meta.dirname;
writeFileSync(join(here, 'color.png'), png(colorSvg()));
writeFileSync(join(here, 'outline.png'), png(outlineSvg()));
process.stdout.write(`wrote ${join(here, 'color.png')} and ${join(here, 'outline.png')}\n`);
