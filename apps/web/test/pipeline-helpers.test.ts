import { describe, expect, it } from 'vitest';
import { layerBounds } from '../src/pipeline/layer-bounds.js';
import { describeLoad } from '../src/pipeline/load-progress.js';
import { nmfOutcome } from '../src/pipeline/nmf-outcome.js';
import { presets } from '../src/settings/presets.js';

describe('layerBounds', () => {
  it("maps choices to runNmf's half-open range", () => {
    expect(layerBounds({ kind: 'all' }, [0, 1, 2, 3])).toEqual({});
    expect(layerBounds({ kind: 'last' }, [0, 1, 2, 3])).toEqual({ fromLayer: 3, toLayer: 4 });
    expect(layerBounds({ kind: 'last' }, [10, 11])).toEqual({ fromLayer: 11, toLayer: 12 });
    expect(layerBounds({ kind: 'range', from: 1, to: 3 }, [0, 1, 2, 3])).toEqual({
      fromLayer: 1,
      toLayer: 3,
    });
  });
});

describe('describeLoad', () => {
  it('says what arrives and how much', () => {
    expect(
      describeLoad({
        status: 'download',
        file: 'onnx/model.onnx',
        loaded: 3 * 2 ** 20,
        total: 12 * 2 ** 20,
      }),
    ).toEqual({ detail: 'onnx/model.onnx: 3.0 of 12.0 MB', fraction: 0.25 });
    expect(describeLoad({ status: 'download', file: 'config.json', loaded: 2 ** 19 })).toEqual({
      detail: 'config.json: 0.5 MB',
    });
    expect(describeLoad({ status: 'cached', file: 'tokenizer.json' }).detail).toMatch(/cache/);
    expect(describeLoad({ status: 'ready', file: '' }).fraction).toBe(1);
  });
});

describe('presets', () => {
  it('are the demo texts with their NMF settings', () => {
    const [counting, poem] = presets();
    expect(counting).toMatchObject({
      name: 'counting',
      text: '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18',
      components: 2,
      layers: 'all',
    });
    expect(poem).toMatchObject({ name: 'robot-poem', components: 3, layers: 'last' });
    expect(poem?.text.split('\n')).toHaveLength(12);
  });
});

describe('nmfOutcome', () => {
  it('says how the solve ended, from the factorization source', () => {
    expect(nmfOutcome({ nIter: 37, converged: true })).toBe('Converged after 37 iterations');
    expect(nmfOutcome({ nIter: 1, converged: true })).toBe('Converged after 1 iteration');
    expect(nmfOutcome({ nIter: 500, converged: false })).toBe(
      'Stopped after 500 iterations (the limit)',
    );
    expect(nmfOutcome(undefined)).toBe('Done');
  });
});
