import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChatProvider, explain, selectWindows } from '../src/index.js';
import { markerFactorization } from './helpers/factorizations.js';

describe('properties', () => {
  it('result[i] is factor i for any completion order, concurrency and failure pattern', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ delay: fc.integer({ min: 0, max: 8 }), fails: fc.boolean() }), {
          minLength: 1,
          maxLength: 9,
        }),
        fc.integer({ min: 1, max: 6 }),
        async (plan, concurrency) => {
          const provider: ChatProvider = {
            kind: 'chat',
            id: 'scripted',
            model: 'scripted-model',
            async complete(request) {
              const factor = Number(/<<w(\d+)>>/.exec(request.messages.at(-1)!.content)![1]);
              await new Promise((r) => setTimeout(r, plan[factor]!.delay));
              if (plan[factor]!.fails) throw new Error(`factor ${factor} failed`);
              return { content: JSON.stringify({ explanation: `w${factor}` }) };
            },
          };
          const results = await explain(markerFactorization(plan.length), {
            provider,
            concurrency,
            examples: false,
            cache: false,
            contextWindow: 4096,
          });
          expect(results.map((r) => r.factor)).toEqual(plan.map((_, i) => i));
          results.forEach((r, i) => {
            if (plan[i]!.fails) expect(r.error?.code).toBe('INTERNAL');
            else expect(r.text).toBe(`w${i}`);
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('windows are sorted, disjoint, in bounds, and cover the strongest position', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        (values, radius, maxWindows) => {
          const windows = selectWindows(values, { radius, maxWindows });
          for (const [s, e] of windows) expect(0 <= s && s < e && e <= values.length).toBe(true);
          for (let i = 1; i < windows.length; i++)
            expect(windows[i]![0]).toBeGreaterThan(windows[i - 1]![1]);
          const max = Math.max(...values);
          if (max > 0) {
            const peak = values.indexOf(max);
            expect(windows.some(([s, e]) => peak >= s && peak < e)).toBe(true);
          } else expect(windows).toEqual([]);
        },
      ),
    );
  });
});
