import { OKABE_ITO_PALETTE } from './palette.js';

/**
 * Intensity steps a token can be drawn at. Tokens take a class per (colour, step) rather than an
 * inline style: Chromium then shares one computed style between all tokens of a step, which
 * makes recolouring 2,000 tokens several times cheaper (see bench/). Tooltips show exact values.
 */
export const INTENSITY_LEVELS = 40;

/** The step (0 = not drawn) an intensity in [0, 1] is drawn at. */
export function levelOf(intensity: number): number {
  return Math.round(Math.min(1, Math.max(0, intensity)) * INTENSITY_LEVELS);
}

/** Class of a token drawn in palette colour `color` at step `level`; '' for level 0. */
export function levelClass(color: number, level: number): string {
  return level > 0 ? `v${color}-${level}` : '';
}

/**
 * Rules for every (colour, step): a tint behind the text and, so intensity does not rest on
 * colour alone, a bar under it whose height grows with the value. Colours and the tint stay
 * custom properties, so page CSS and the colour scheme apply without redrawing.
 */
export function levelRules(): string {
  let css = '';
  for (let c = 0; c < OKABE_ITO_PALETTE.length; c++) {
    for (let l = 1; l <= INTENSITY_LEVELS; l++) {
      const a = l / INTENSITY_LEVELS;
      const bar = Math.round(a * 160) / 1000;
      css +=
        `.tok.v${c}-${l}{background-color:color-mix(in srgb,var(--ecco-color-${c}) ` +
        `calc(${a} * var(--ecco-max-tint)),transparent);` +
        `box-shadow:inset 0 -${bar}em 0 0 var(--ecco-color-${c})}\n`;
    }
  }
  return css;
}
