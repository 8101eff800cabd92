import { describe, expect, it } from 'vitest';
import { MAX_TINT, OKABE_ITO_PALETTE } from '../src/palette.js';
import { eccoFactorsStyles } from '../src/styles.js';
import { hexRgb } from './helpers/expected.js';

/** WCAG 2 relative luminance and contrast ratio. */
function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}
function contrast(a: number[], b: number[]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}
const over = (c: number[], bg: number[], t: number) => c.map((v, i) => v * t + bg[i]! * (1 - t));

/** Custom properties declared in the element's CSS, light (first) and dark (media) blocks. */
function declared() {
  const text = eccoFactorsStyles.cssText;
  const dark = text.slice(text.indexOf('prefers-color-scheme: dark'));
  const read = (block: string, name: string) =>
    new RegExp(`${name}:\\s*([^;]+);`).exec(block)?.[1]?.trim() ?? '';
  return {
    light: (name: string) => read(text, name),
    dark: (name: string) => read(dark, name),
  };
}

describe('palette and tint', () => {
  const css = declared();

  it('declares the Okabe–Ito colours as --ecco-color-0…7', () => {
    OKABE_ITO_PALETTE.forEach((hex, i) => {
      expect(css.light(`--ecco-color-${i}`).toLowerCase()).toBe(hex.toLowerCase());
    });
  });

  it('uses the tints the contrast computation allows', () => {
    expect(css.light('--ecco-max-tint')).toBe(`${MAX_TINT.light * 100}%`);
    expect(css.dark('--ecco-max-tint')).toBe(`${MAX_TINT.dark * 100}%`);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`keeps token text at 4.5:1 on every factor colour at full tint (${scheme})`, () => {
      const fg = hexRgb(css[scheme]('--ecco-fg'));
      const bg = hexRgb(css[scheme]('--ecco-bg'));
      for (const hex of OKABE_ITO_PALETTE) {
        const ratio = contrast(fg, over(hexRgb(hex), bg, MAX_TINT[scheme]));
        expect(ratio, `${hex} in ${scheme}`).toBeGreaterThanOrEqual(4.5);
      }
      expect(contrast(hexRgb(css[scheme]('--ecco-muted')), bg)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(hexRgb(css[scheme]('--ecco-error')), bg)).toBeGreaterThanOrEqual(4.5);
    });
  }
});
