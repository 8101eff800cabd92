import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isEccoError } from '@explainable-ecco/core';
import { readReferenceManifest, referenceModels, repoRoot } from '@explainable-ecco/test-kit';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { parseModelConfig } from '../src/model/config.js';
import { addGraphOutputs, findCaptureTensors, readModel } from '../src/node.js';
import { type FfnGraph, ffnGraph, ffnReference } from './helpers/ffn-graphs.js';
import { buildModel, randomFloats } from './helpers/onnx-builder.js';
import { FLOAT } from './helpers/onnx-proto.js';

const hidden = 4;
const dff = 12;

/** Runs the graph with the plan's tensors added as outputs; returns them by layer. */
async function capture(g: FfnGraph, tensors: string[], x: Float32Array) {
  const { bytes, outputNames } = addGraphOutputs(g.bytes, tensors);
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ x: new ort.Tensor('float32', x, [2, 3, hidden]) }, outputNames);
  await session.release();
  return outputNames.map((n) => out[n]!.data as Float32Array);
}

function closeTo(a: Float32Array, b: Float32Array, tol: number) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(tol);
}

describe('findCaptureTensors', () => {
  const x = randomFloats(2 * 3 * hidden, 7);

  it('finds llama-style down_proj inputs by name, in numeric layer order, and they hold the activations', async () => {
    const g = ffnGraph({ layers: 3, hidden, dff, scope: (l) => `/model/layers.${l}/mlp` });
    const plan = findCaptureTensors(readModel(g.bytes), {
      modelType: 'llama',
      numLayers: 3,
      hiddenSize: hidden,
      intermediateSize: dff,
    });
    expect(plan.method).toBe('registry');
    expect(plan.points.map((p) => p.layer)).toEqual([0, 1, 2]);
    expect(plan.points.map((p) => p.tensor)).toEqual(g.activationTensors);
    expect(plan.points[0]!.node).toBe('/model/layers.0/mlp/down_proj/MatMul');
    const got = await capture(
      g,
      plan.points.map((p) => p.tensor),
      x,
    );
    for (const [l, ref] of ffnReference(g, x, hidden, dff).entries()) closeTo(got[l]!, ref, 1e-5);
  });

  it('orders layers numerically even past 10 (ecco sorted them as strings)', () => {
    const g = ffnGraph({ layers: 12, hidden, dff, scope: (l) => `/model/layers.${l}/mlp` });
    const plan = findCaptureTensors(readModel(g.bytes), { modelType: 'mistral', numLayers: 12 });
    expect(plan.points.map((p) => p.layer)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(plan.points[10]!.tensor).toBe(g.activationTensors[10]);
  });

  it("follows GPT-2's Reshape before the Conv1D Gemm back to the 3-D activation", async () => {
    const g = ffnGraph({
      layers: 2,
      hidden,
      dff,
      scope: (l) => `/transformer/h.${l}/mlp`,
      modules: { up: 'c_fc', act: 'act', down: 'c_proj' },
      style: 'gpt2-gemm',
    });
    const plan = findCaptureTensors(readModel(g.bytes), { modelType: 'gpt2', numLayers: 2 });
    expect(plan.points.map((p) => p.tensor)).toEqual(g.activationTensors);
    expect(plan.points[0]!.node).toBe('/transformer/h.0/mlp/c_proj/Gemm');
    const got = await capture(
      g,
      plan.points.map((p) => p.tensor),
      x,
    );
    for (const [l, ref] of ffnReference(g, x, hidden, dff).entries()) closeTo(got[l]!, ref, 1e-5);
  });

  it('takes the float input of DynamicQuantizeLinear in dynamically quantized graphs', async () => {
    const g = ffnGraph({
      layers: 2,
      hidden,
      dff,
      scope: (l) => `/transformer/layer.${l}/ffn`,
      modules: { up: 'lin1', act: 'activation', down: 'lin2' },
      style: 'dynamic-int8',
    });
    const graph = readModel(g.bytes);
    expect(graph.nodes.some((n) => n.opType === 'MatMulInteger')).toBe(true);
    const plan = findCaptureTensors(graph, { modelType: 'distilbert', numLayers: 2 });
    expect(plan.points.map((p) => p.tensor)).toEqual(g.activationTensors);
    const got = await capture(
      g,
      plan.points.map((p) => p.tensor),
      x,
    );
    // Layer 0's activation comes before any quantized op, so it is exact.
    closeTo(got[0]!, ffnReference(g, x, hidden, dff)[0]!, 1e-5);
  });

  it('falls back to structure (d_ff → hidden weights fed by an activation) for unknown names', async () => {
    const g = ffnGraph({ layers: 2, hidden, dff, scope: () => '', squareProjection: true });
    const graph = readModel(g.bytes);
    const plan = findCaptureTensors(graph, {
      modelType: 'mystery',
      numLayers: 2,
      hiddenSize: hidden,
      intermediateSize: dff,
    });
    expect(plan.method).toBe('structural');
    expect(plan.points.map((p) => p.tensor)).toEqual(g.activationTensors);
    const got = await capture(
      g,
      plan.points.map((p) => p.tensor),
      x,
    );
    for (const [l, ref] of ffnReference(g, x, hidden, dff).entries()) closeTo(got[l]!, ref, 1e-5);
  });

  it('with d_ff = hidden, skips square projections that no activation feeds', () => {
    const g = ffnGraph({ layers: 2, hidden, dff: hidden, scope: () => '', squareProjection: true });
    const plan = findCaptureTensors(readModel(g.bytes), {
      modelType: 'mystery',
      numLayers: 2,
      hiddenSize: hidden,
      intermediateSize: hidden,
    });
    expect(plan.points.map((p) => p.tensor)).toEqual(g.activationTensors);
  });

  it('skips d_ff → hidden projections whose input is not an activation, even with d_ff ≠ hidden', () => {
    // One FFN (up → Relu → Reshape → down) plus a decoy: the pre-activation up output read by
    // another d_ff → hidden MatMul, as a gate/up branch without its activation would be.
    const w = (name: string, dims: number[], seed: number) => ({
      name,
      dims,
      type: FLOAT,
      data: randomFloats(dims[0]! * dims[1]!, seed),
    });
    const { bytes } = buildModel({
      inputs: [{ name: 'x', type: FLOAT, shape: [2, 3, hidden] }],
      outputs: [{ name: 'y', type: FLOAT, shape: [2, 3, hidden] }],
      initializers: [
        w('up', [hidden, dff], 1),
        w('down', [dff, hidden], 2),
        w('decoy', [dff, hidden], 3),
      ],
      nodes: [
        { op: 'MatMul', name: 'n_up', inputs: ['x', 'up'], outputs: ['h'] },
        { op: 'MatMul', name: 'n_decoy', inputs: ['h', 'decoy'], outputs: ['e'] },
        { op: 'Relu', name: 'n_act', inputs: ['h'], outputs: ['a'] },
        { op: 'Identity', name: 'n_pass', inputs: ['a'], outputs: ['a2'] },
        { op: 'MatMul', name: 'n_down', inputs: ['a2', 'down'], outputs: ['d'] },
        { op: 'Add', name: 'n_add', inputs: ['d', 'e'], outputs: ['y'] },
      ],
    });
    const plan = findCaptureTensors(readModel(bytes), {
      modelType: 'mystery',
      numLayers: 1,
      hiddenSize: hidden,
      intermediateSize: dff,
    });
    expect(plan.method).toBe('structural');
    expect(plan.points).toEqual([{ layer: 0, tensor: 'a', node: 'n_down' }]);
  });

  it.each(
    referenceModels().flatMap((name) => [
      [name, 'onnx/model.onnx'],
      [name, 'onnx/model_quantized.onnx'],
    ]),
  )('structure alone finds the registry tensors of %s (%s)', (name, file) => {
    const dir = resolve(repoRoot, readReferenceManifest(name).modelDir);
    const graph = readModel(readFileSync(join(dir, file)));
    const config = parseModelConfig(
      JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')),
      name,
    );
    const registry = findCaptureTensors(graph, config);
    expect(registry.method).toBe('registry');
    const structural = findCaptureTensors(graph, { ...config, modelType: 'unregistered' });
    expect(structural.method).toBe('structural');
    expect(structural.points.map((p) => [p.layer, p.tensor])).toEqual(
      registry.points.map((p) => [p.layer, p.tensor]),
    );
  });

  it('uses the structure when the registry pattern finds the wrong number of layers', () => {
    // Named like llama in layer 0 only; the config says 2 layers.
    const g = ffnGraph({
      layers: 2,
      hidden,
      dff,
      scope: (l) => (l === 0 ? '/model/layers.0/mlp' : ''),
    });
    const plan = findCaptureTensors(readModel(g.bytes), {
      modelType: 'llama',
      numLayers: 2,
      hiddenSize: hidden,
      intermediateSize: dff,
    });
    expect(plan.method).toBe('structural');
    expect(plan.points.map((p) => p.tensor)).toEqual(g.activationTensors);
  });

  it('numbers layers by occurrence for modules shared by every layer (ALBERT)', () => {
    const g = ffnGraph({
      layers: 3,
      hidden,
      dff,
      scope: () => '/encoder/albert_layer_groups.0/albert_layers.0',
      modules: { up: 'ffn', act: 'activation', down: 'ffn_output' },
    });
    // Shared modules give every layer the same node names; torch suffixes them _1, _2, …
    const plan = findCaptureTensors(readModel(g.bytes), { modelType: 'albert', numLayers: 3 });
    expect(plan.points.map((p) => p.layer)).toEqual([0, 1, 2]);
    expect(plan.points.map((p) => p.tensor)).toEqual(g.activationTensors);
  });

  it('fails with UNSUPPORTED_ARCHITECTURE listing candidate nodes when nothing matches', () => {
    const g = ffnGraph({ layers: 2, hidden, dff, scope: (l) => `/blocks.${l}/ff` });
    let error: unknown;
    try {
      findCaptureTensors(readModel(g.bytes), { modelType: 'mystery', numLayers: 2 });
    } catch (e) {
      error = e;
    }
    expect(isEccoError(error, 'UNSUPPORTED_ARCHITECTURE')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('"mystery" is not in the architecture registry');
    expect(message).toContain('/blocks.0/ff/down_proj/MatMul (MatMul 12→4');
    expect(message).toContain(g.activationTensors[0]!);
    expect(message).toContain('captureTensors');
  });

  it('uses captureTensors as given (array or layer map) and rejects unknown names', () => {
    const g = ffnGraph({ layers: 2, hidden, dff, scope: (l) => `/blocks.${l}/ff` });
    const graph = readModel(g.bytes);
    const config = { modelType: 'mystery' };
    const fromArray = findCaptureTensors(graph, config, { captureTensors: g.activationTensors });
    expect(fromArray.method).toBe('user');
    expect(fromArray.points.map((p) => [p.layer, p.tensor])).toEqual([
      [0, g.activationTensors[0]],
      [1, g.activationTensors[1]],
    ]);
    const fromMap = findCaptureTensors(graph, config, {
      captureTensors: { 1: g.activationTensors[1]! },
    });
    expect(fromMap.points.map((p) => p.layer)).toEqual([1]);
    expect(() => findCaptureTensors(graph, config, { captureTensors: ['nope'] })).toThrowError(
      expect.objectContaining({ code: 'CAPTURE_TENSOR_NOT_FOUND' }),
    );
    expect(() => findCaptureTensors(graph, config, { captureTensors: [] })).toThrowError(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
