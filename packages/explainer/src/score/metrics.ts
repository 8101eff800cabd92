import { pearson } from './pearson.js';

export interface SimulationResult {
  /** Pearson r between true and predicted values; null when either side is constant. */
  r: number | null;
  /** Predictions outside 0–10 that were clipped into range. */
  clipped: number;
}

/** Clips predictions into 0–10 (counting how many needed it) and correlates them with the truth. */
export function simulationScore(truth: number[], predicted: number[]): SimulationResult {
  let clipped = 0;
  const clean = predicted.map((v) => {
    if (v < 0 || v > 10) clipped++;
    return Math.min(10, Math.max(0, v));
  });
  return { r: pearson(truth, clean), clipped };
}

/**
 * Balanced accuracy of telling active windows (some true value ≥ level) from inactive ones by
 * the predictions (some predicted value ≥ level): the mean of the two per-class hit rates, so a
 * simulator that calls everything active scores 0.5. Null without both kinds of window.
 */
export function detectionScore(truth: number[][], predicted: number[][], level = 5): number | null {
  let pos = 0;
  let neg = 0;
  let tp = 0;
  let tn = 0;
  truth.forEach((window, w) => {
    const actual = Math.max(0, ...window) >= level;
    const said = Math.max(0, ...(predicted[w] ?? [])) >= level;
    if (actual) {
      pos++;
      if (said) tp++;
    } else {
      neg++;
      if (!said) tn++;
    }
  });
  if (pos === 0 || neg === 0) return null;
  return (tp / pos + tn / neg) / 2;
}
