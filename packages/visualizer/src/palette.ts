/**
 * The categorical palette: Okabe & Ito (2008), chosen because its hues stay distinguishable
 * under the common colour-vision deficiencies; grey stands in for its black, which would hide
 * text. Factors beyond the palette reuse colours, which is why every view also shows the
 * factor's number.
 */
export const OKABE_ITO_PALETTE: readonly string[] = Object.freeze([
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#009E73', // bluish green
  '#F0E442', // yellow
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#999999', // grey
]);

/** The CSS custom property that holds factor `factor`'s colour (`--ecco-color-0` …). */
export function factorColorVar(factor: number): string {
  return `--ecco-color-${factor % OKABE_ITO_PALETTE.length}`;
}

/**
 * Strongest tint (fraction of the factor colour over the background) at which body text keeps
 * a WCAG contrast of at least 4.5:1 for every palette colour; the test suite recomputes it.
 */
export const MAX_TINT = { light: 0.75, dark: 0.4 } as const;
