import type { EccoJson } from '@explainable-ecco/core';
import { ECCO_BERT_NMF8, readSharedJson } from '@explainable-ecco/test-kit';
import { describe, expect, it } from 'vitest';
import { explain, scoreExplanations, shownRanges } from '../src/index.js';

describe('real ecco data (bert-base-uncased, 8 factors)', () => {
  it('explains 8 factors in order and scores them offline above the random baseline', async () => {
    const data = readSharedJson<EccoJson>(ECCO_BERT_NMF8);
    const explanations = await explain(data, { provider: 'heuristic' });
    expect(explanations.map((e) => e.factor)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(
      explanations.every((e) => e.text.length > 20 && !e.error && e.provider === 'heuristic'),
    ).toBe(true);
    // Factor 4 of this file fires on commas, factor 7 on hyphens: the heuristic must say so.
    expect(explanations[4]!.text).toMatch(/^Fires on commas/);
    expect(explanations[7]!.text).toMatch(/^Fires on hyphens/);

    const scored = await scoreExplanations(data, explanations);
    const rows = scored.map((s) => ({
      factor: s.factor,
      simulation: s.scores?.simulation,
      detection: s.scores?.detection,
      baselineSimulation: s.scores?.baseline?.simulation,
      baselineDetection: s.scores?.baseline?.detection,
      text: s.text.slice(0, 70),
    }));
    console.table(rows);
    for (const s of scored) {
      expect(s.scoring.windows.heldOut).toBe(true);
      // No scoring window overlaps what the explainer was shown.
      for (const [a, b] of [...s.scoring.windows.top, ...s.scoring.windows.random]) {
        for (const [c, d] of shownRanges(s.record!)) expect(a < d && c < b).toBe(false);
      }
      expect(s.scores?.simulator).toBe('heuristic');
    }
    const mean = (xs: Array<number | null | undefined>) => {
      const ok = xs.filter((x): x is number => typeof x === 'number');
      return ok.reduce((a, b) => a + b, 0) / ok.length;
    };
    const sim = mean(rows.map((r) => r.simulation));
    const base = mean(rows.map((r) => r.baselineSimulation));
    console.log(
      `[real ecco] mean simulation r ${sim.toFixed(3)} vs random-explanation baseline ${base.toFixed(3)}; mean detection ${mean(rows.map((r) => r.detection)).toFixed(3)} vs ${mean(rows.map((r) => r.baselineDetection)).toFixed(3)}`,
    );
    expect(sim).toBeGreaterThan(base + 0.2);
  });
});
