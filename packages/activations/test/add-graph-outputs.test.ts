import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEccoError } from '@explainable-ecco/core';
import { demoModelPath } from '@explainable-ecco/demo-model';
import * as ort from 'onnxruntime-node';
import protobuf from 'protobufjs/light.js';
import { describe, expect, it } from 'vitest';
import { addGraphOutputs, findCaptureTensors, inferElemType, readModel } from '../src/node.js';
import { locateGraph } from '../src/onnx/read-model.js';
import { externalizeInitializers, fromHalf, toHalf } from './helpers/external-data.js';
import { ffnGraph, ffnReference } from './helpers/ffn-graphs.js';
import { buildModel, randomFloats } from './helpers/onnx-builder.js';
import { FLOAT, FLOAT16 } from './helpers/onnx-proto.js';

const hidden = 4;
const dff = 8;

/** Reads fields of the edited model this package never models, to prove they survived. */
const probe = protobuf.Root.fromJSON({
  nested: {
    Entry: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    Graph: { fields: { name: { type: 'string', id: 2 }, docString: { type: 'string', id: 10 } } },
    Model: {
      fields: {
        producerName: { type: 'string', id: 2 },
        graph: { type: 'Graph', id: 7 },
        metadataProps: { rule: 'repeated', type: 'Entry', id: 14 },
      },
    },
  },
}).lookupType('Model');

describe('addGraphOutputs', () => {
  const g = ffnGraph({ layers: 2, hidden, dff, scope: (l) => `/model/layers.${l}/mlp` });

  it('exposes intermediate tensors as float32 outputs that onnxruntime returns', async () => {
    const { bytes, outputNames } = addGraphOutputs(g.bytes, g.activationTensors);
    expect(outputNames).toEqual(g.activationTensors.map((t) => `${t}/ecco_capture`));
    const edited = readModel(bytes);
    expect(edited.outputs.map((o) => o.name)).toEqual(['y', ...outputNames]);
    // Each tensor is copied out by an Identity, never made a graph output itself.
    expect(edited.nodes.slice(-2).map((n) => [n.opType, n.inputs[0]])).toEqual(
      g.activationTensors.map((t) => ['Identity', t]),
    );
    expect(edited.outputs.slice(1).every((o) => o.elemType === FLOAT)).toBe(true);
    const session = await ort.InferenceSession.create(bytes);
    const x = randomFloats(2 * 5 * hidden, 11);
    const out = await session.run({ x: new ort.Tensor('float32', x, [2, 5, hidden]) }, [
      ...outputNames,
      'y',
    ]);
    const ref = ffnReference(g, x, hidden, dff);
    for (const [l, name] of outputNames.entries()) {
      expect(out[name]!.dims).toEqual([2, 5, dff]);
      const got = out[name]!.data as Float32Array;
      for (let i = 0; i < got.length; i++)
        expect(Math.abs(got[i]! - ref[l]![i]!)).toBeLessThan(1e-5);
    }
    // The model's own output is unchanged by the surgery.
    const plain = await ort.InferenceSession.create(g.bytes);
    const y = (await plain.run({ x: new ort.Tensor('float32', x, [2, 5, hidden]) })).y!
      .data as Float32Array;
    expect(Array.from(out.y!.data as Float32Array)).toEqual(Array.from(y));
  });

  it('keeps every other byte of the model: fields it does not model survive', () => {
    const { bytes } = addGraphOutputs(g.bytes, [g.activationTensors[0]!]);
    const before = probe.toObject(probe.decode(g.bytes));
    const after = probe.toObject(probe.decode(bytes));
    expect(after).toEqual(before);
    expect(after.metadataProps).toEqual([{ key: 'source', value: 'ffn-graphs' }]);
    expect(after.graph.docString).toBe('built by the activations tests');
    // Only the graph grew: bytes before and after it, and the old graph itself, are unchanged.
    const was = locateGraph(g.bytes);
    const now = locateGraph(bytes);
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(same(bytes.subarray(0, now.fieldStart), g.bytes.subarray(0, was.fieldStart))).toBe(true);
    const oldGraph = g.bytes.subarray(was.dataStart, was.dataEnd);
    expect(same(bytes.subarray(now.dataStart, now.dataStart + oldGraph.length), oldGraph)).toBe(
      true,
    );
    expect(same(bytes.subarray(now.dataEnd), g.bytes.subarray(was.dataEnd))).toBe(true);
    expect(now.dataEnd - now.dataStart).toBeGreaterThan(oldGraph.length);
  });

  it('reuses float32 outputs, dedupes, and changes nothing when applied twice', () => {
    const same = addGraphOutputs(g.bytes, ['y', 'y']);
    expect(same.bytes).toBe(g.bytes);
    expect(same.outputNames).toEqual(['y', 'y']);
    const twice = addGraphOutputs(g.bytes, [g.activationTensors[0]!, g.activationTensors[0]!]);
    expect(readModel(twice.bytes).outputs).toHaveLength(2);
    const again = addGraphOutputs(twice.bytes, [g.activationTensors[0]!]);
    expect(again.bytes).toBe(twice.bytes);
    expect(again.outputNames).toEqual(twice.outputNames.slice(0, 1));
  });

  it("keeps onnxruntime's GELU fusion intact (demo GPT-2: FastGelu in every layer)", async () => {
    // Were the activation itself a graph output, onnxruntime would not fuse GELU-new into
    // FastGelu (measured: 4 of 4 fusions lost on this model), making the captured model slower.
    const bytes = readFileSync(join(demoModelPath, 'onnx/model.onnx'));
    const graph = readModel(bytes);
    const config = JSON.parse(readFileSync(join(demoModelPath, 'config.json'), 'utf8'));
    const plan = findCaptureTensors(graph, { modelType: 'gpt2', numLayers: config.n_layer });
    const edited = addGraphOutputs(
      bytes,
      plan.points.map((p) => p.tensor),
      { graph },
    );
    const fused = async (model: Uint8Array) => {
      const path = join(mkdtempSync(join(tmpdir(), 'ecco-opt-')), 'optimized.onnx');
      const session = await ort.InferenceSession.create(model, {
        graphOptimizationLevel: 'all',
        optimizedModelFilePath: path,
      });
      await session.release();
      return readModel(readFileSync(path)).nodes.filter((n) => n.opType === 'FastGelu').length;
    };
    expect(await fused(bytes)).toBe(config.n_layer);
    expect(await fused(edited.bytes)).toBe(config.n_layer);
  });

  it('routes fp16 tensors through a Cast so they come back as float32', async () => {
    const w = randomFloats(hidden * dff, 5);
    const model = buildModel({
      nodes: [
        { op: 'MatMul', name: '/mlp/up/MatMul', inputs: ['x', 'w'], outputs: ['h'] },
        {
          op: 'Cast',
          name: '/mlp/to_half',
          inputs: ['h'],
          outputs: ['h16'],
          attrs: { to: FLOAT16 },
        },
        {
          op: 'Cast',
          name: '/mlp/to_float',
          inputs: ['h16'],
          outputs: ['y'],
          attrs: { to: FLOAT },
        },
      ],
      inputs: [{ name: 'x', type: FLOAT, shape: ['b', hidden] }],
      outputs: [{ name: 'y', type: FLOAT, shape: ['b', dff] }],
      initializers: [{ name: 'w', dims: [hidden, dff], type: FLOAT, data: w }],
    });
    const graph = readModel(model.bytes);
    expect(inferElemType(graph, 'h16')).toBe(FLOAT16);
    expect(inferElemType(graph, 'h')).toBe(FLOAT);
    const { bytes, outputNames } = addGraphOutputs(model.bytes, ['h16'], { graph });
    expect(outputNames[0]).not.toBe('h16');
    const session = await ort.InferenceSession.create(bytes);
    const x = randomFloats(3 * hidden, 6);
    const out = await session.run({ x: new ort.Tensor('float32', x, [3, hidden]) }, outputNames);
    const got = out[outputNames[0]!]!;
    expect(got.type).toBe('float32');
    const h = new Float32Array(3 * dff);
    for (let r = 0; r < 3; r++)
      for (let j = 0; j < dff; j++) {
        let s = 0;
        for (let k = 0; k < hidden; k++) s += x[r * hidden + k]! * w[k * dff + j]!;
        h[r * dff + j] = s;
      }
    const expected = Array.from(toHalf(h), fromHalf);
    expect(Array.from(got.data as Float32Array)).toEqual(expected);
  });

  it('works with external data (initializers in *.onnx_data)', async () => {
    const external = ffnGraph({
      layers: 2,
      hidden,
      dff,
      scope: (l) => `/model/layers.${l}/mlp`,
      external: 'model.onnx_data',
    });
    const graph = readModel(external.bytes);
    expect(graph.externalDataFiles).toEqual(['model.onnx_data']);
    expect(graph.constants.get('up0.weight')).toMatchObject({
      dims: [hidden, dff],
      externalLocation: 'model.onnx_data',
    });
    const dir = mkdtempSync(join(tmpdir(), 'ecco-ext-'));
    writeFileSync(join(dir, 'model.onnx_data'), external.external.get('model.onnx_data')!);
    const { bytes, outputNames } = addGraphOutputs(external.bytes, external.activationTensors, {
      graph,
    });
    const session = await ort.InferenceSession.create(bytes, {
      extra: { session: { model_external_initializers_file_folder_path: dir } },
    });
    const x = randomFloats(4 * hidden, 9);
    const out = await session.run({ x: new ort.Tensor('float32', x, [1, 4, hidden]) }, outputNames);
    const ref = ffnReference(external, x, hidden, dff);
    const got = out[outputNames[1]!]!.data as Float32Array;
    for (let i = 0; i < got.length; i++) expect(Math.abs(got[i]! - ref[1]![i]!)).toBeLessThan(1e-5);
  });

  it('externalizing a real export keeps it loadable (helper sanity check)', () => {
    const { model, data } = externalizeInitializers(g.bytes, 'w.bin');
    const graph = readModel(model);
    expect(graph.externalDataFiles).toEqual(['w.bin']);
    expect(data.length).toBe(2 * 2 * hidden * dff * 4);
  });

  it('refuses tensors that do not exist with CAPTURE_TENSOR_NOT_FOUND', () => {
    let error: unknown;
    try {
      addGraphOutputs(g.bytes, ['/no/such/tensor']);
    } catch (e) {
      error = e;
    }
    expect(isEccoError(error, 'CAPTURE_TENSOR_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toContain('/no/such/tensor');
  });
});

describe('readModel', () => {
  it('rejects bytes that are not an ONNX model with MODEL_CORRUPT', () => {
    expect(() => readModel(new TextEncoder().encode('this is not protobuf at all'))).toThrowError(
      expect.objectContaining({ code: 'MODEL_CORRUPT' }),
    );
    const g = ffnGraph({ layers: 1, hidden, dff, scope: () => '/m' });
    expect(() => readModel(g.bytes.subarray(0, g.bytes.length - 50))).toThrowError(
      expect.objectContaining({ code: 'MODEL_CORRUPT' }),
    );
    expect(() => readModel(new Uint8Array(0))).toThrowError(
      expect.objectContaining({ code: 'MODEL_CORRUPT' }),
    );
  });
});
