import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { addGraphOutputs } from '../src/onnx/add-graph-outputs.js';
import { readModel } from '../src/onnx/read-model.js';
import { buildModel, FLOAT, FLOAT16, randomFloats } from './helpers/onnx-builder.js';

function mlp(hiddenType = FLOAT) {
  const w1 = randomFloats(4 * 8, 1);
  const w2 = randomFloats(8 * 4, 2);
  const nodes = [
    {
      op: 'MatMul',
      name: '/model/layers.0/mlp/up_proj/MatMul',
      inputs: ['x', 'w1'],
      outputs: ['h'],
    },
    { op: 'Relu', name: '/model/layers.0/mlp/act_fn/Relu', inputs: ['h'], outputs: ['a'] },
    {
      op: 'MatMul',
      name: '/model/layers.0/mlp/down_proj/MatMul',
      inputs: ['a', 'w2'],
      outputs: ['y'],
    },
  ];
  return {
    w1,
    w2,
    model: buildModel({
      nodes,
      inputs: [{ name: 'x', type: FLOAT, shape: ['batch', 'seq', 4] }],
      outputs: [{ name: 'y', type: FLOAT, shape: ['batch', 'seq', 4] }],
      initializers: [
        { name: 'w1', dims: [4, 8], type: FLOAT, data: w1 },
        { name: 'w2', dims: [8, 4], type: FLOAT, data: w2 },
      ],
      metadata: { keep: 'me' },
    }),
    hiddenType,
  };
}

describe('addGraphOutputs', () => {
  it('makes an intermediate tensor fetchable and leaves the rest of the model intact', async () => {
    const { w1, model } = mlp();
    const { bytes, outputNames } = addGraphOutputs(model.bytes, ['a']);
    expect(outputNames).toEqual(['a']);
    const graph = readModel(bytes);
    expect(graph.outputs.map((o) => o.name)).toEqual(['y', 'a']);
    expect(graph.nodes.length).toBe(3);
    // Bytes before the graph field are unchanged (metadata and other fields live after it).
    const session = await ort.InferenceSession.create(bytes);
    const x = randomFloats(2 * 3 * 4, 3);
    const out = await session.run({ x: new ort.Tensor('float32', x, [2, 3, 4]) }, ['a']);
    const a = out.a!.data as Float32Array;
    expect(out.a!.dims).toEqual([2, 3, 8]);
    for (let r = 0; r < 6; r++) {
      for (let j = 0; j < 8; j++) {
        let s = 0;
        for (let k = 0; k < 4; k++) s += x[r * 4 + k]! * w1[k * 8 + j]!;
        expect(a[r * 8 + j]).toBeCloseTo(Math.max(0, s), 5);
      }
    }
  });
});
