import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { layerActivations } from '@explainable-ecco/core';
import { demoModelPath } from '@explainable-ecco/demo-model';
import {
  maxAbsDiff,
  readReferenceFloats,
  readReferenceManifest,
  rejectionOf,
  repoRoot,
} from '@explainable-ecco/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EccoModel } from '../src/node.js';
import { externalizeInitializers } from './helpers/external-data.js';
import { modelDirVariant } from './helpers/model-dir.js';
import { convertToFp16 } from './helpers/to-fp16.js';

const llamaDir = resolve(repoRoot, 'fixtures/models/tiny-llama');
const bertDir = resolve(repoRoot, 'fixtures/models/tiny-bert');
const llamaRef = readReferenceManifest('tiny-llama');

let llama: EccoModel;
let bert: EccoModel;
beforeAll(async () => {
  [llama, bert] = await Promise.all([
    EccoModel.fromPretrained(llamaDir),
    EccoModel.fromPretrained(bertDir),
  ]);
});
afterAll(async () => {
  await Promise.all([llama.dispose(), bert.dispose()]);
});

describe('config and tokens', () => {
  it('normalises config.json', () => {
    expect(llama.config).toMatchObject({
      modelType: 'llama',
      numLayers: 2,
      hiddenSize: 32,
      intermediateSize: 56,
      maxPositions: 128,
      vocabSize: 700,
      causal: true,
    });
    expect(bert.config.causal).toBe(false);
    expect(bert.config.modelType).toBe('bert');
    expect(llama.tokenizerFamily).toBe('sentencepiece');
    expect(bert.tokenizerFamily).toBe('wordpiece');
    expect(llama.tokenizer.encode('hello')).toEqual(expect.any(Array));
  });

  it('labels special tokens and applies subword display conventions', async () => {
    const out = await bert.run('In 2023 the shop sold apples');
    const first = out.tokens[0]!;
    const last = out.tokens.at(-1)!;
    expect([first.text, first.kind]).toEqual(['[CLS]', 'special']);
    expect([last.text, last.kind]).toEqual(['[SEP]', 'special']);
    const piece = out.tokens.find((t) => t.text.startsWith('##'))!;
    expect(piece.display).toBe(piece.text.slice(2));
    expect(piece.continuesWord).toBe(true);
    expect(out.tokens.filter((t) => t.kind === 'input').length).toBe(out.tokens.length - 2);
    expect(out.tokens.map((t) => t.position)).toEqual(out.tokens.map((_, i) => i));
    const l = await llama.run('The river');
    expect([l.tokens[0]!.text, l.tokens[0]!.kind]).toEqual(['<s>', 'special']);
    expect(l.tokens[1]!.display.startsWith(' ')).toBe(true);
  });
});

describe('run', () => {
  it('returns [] for no texts and keeps input order for many', async () => {
    expect(await llama.run([])).toEqual([]);
    const texts = ['a much longer text than the other one, with many more tokens in it', 'short'];
    const outs = await llama.run(texts, { batchSize: 2 });
    expect(outs.map((o) => o.activations.positions)).toEqual(
      texts.map((t) => llama.tokenizer.encode(t).length),
    );
  });

  it('refuses empty and non-string texts', async () => {
    expect((await rejectionOf(llama.run(''))).code).toBe('EMPTY_TEXT');
    expect((await rejectionOf(llama.run('   \n'))).code).toBe('EMPTY_TEXT');
    const inBatch = await rejectionOf(llama.run(['fine', '']));
    expect(inBatch.code).toBe('EMPTY_TEXT');
    expect(inBatch.message).toContain('Text 1');
    expect((await rejectionOf(llama.run(42 as never))).code).toBe('INVALID_ARGUMENT');
    expect((await rejectionOf(llama.run('x', { batchSize: 0 }))).code).toBe('INVALID_ARGUMENT');
  });

  it('refuses texts longer than the model by default and truncates on request', async () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const error = await rejectionOf(llama.run(long));
    expect(error.code).toBe('TEXT_TOO_LONG');
    expect(error.message).toContain('at most 128');
    expect(error.message).toContain('truncation');
    const cut = await llama.run(long, { truncation: true });
    expect(cut.activations.positions).toBe(128);
    expect(cut.tokens[0]!.text).toBe('<s>');
    const bertCut = await bert.run(long, { truncation: true });
    expect(bertCut.tokens.length).toBe(bert.config.maxPositions);
    expect(bertCut.tokens.at(-1)!.text).toBe('[SEP]');
    expect(bertCut.tokens[0]!.text).toBe('[CLS]');
    const full = bert.tokenizer.encode(long);
    expect(bertCut.tokens.slice(0, -1).map((t) => t.id)).toEqual(
      full.slice(0, bertCut.tokens.length - 1),
    );
  });

  it('returns a subset of layers on request, and refuses layers that were not captured', async () => {
    const text = llamaRef.texts[0]!.text;
    const all = await llama.run(text);
    const one = await llama.run(text, { layers: [1] });
    expect(one.activations.layers).toEqual([1]);
    expect(Array.from(one.activations.data)).toEqual(
      Array.from(layerActivations(all.activations, 1)),
    );
    expect((await rejectionOf(llama.run(text, { layers: [7] }))).code).toBe('INVALID_LAYERS');
    expect((await rejectionOf(bert.run(text, { logits: true }))).code).toBe('INVALID_ARGUMENT');
  });
});

describe('fromPretrained options', () => {
  it('captures only the layers asked for', async () => {
    const lm = await EccoModel.fromPretrained(llamaDir, { layers: [1] });
    expect(lm.layers).toEqual([1]);
    const out = await lm.run(llamaRef.texts[0]!.text);
    const ref = readReferenceFloats('tiny-llama', llamaRef.texts[0]!.activations.file);
    const size = out.activations.neurons * out.activations.positions;
    expect(maxAbsDiff(out.activations.data, ref.subarray(size, 2 * size))).toBeLessThanOrEqual(
      1e-4,
    );
    expect((await rejectionOf(lm.run('x', { layers: [0] }))).code).toBe('INVALID_LAYERS');
    await lm.dispose();
    expect((await rejectionOf(lm.run('x'))).message).toContain('disposed');
    for (const layers of [[2], [-1], [], [0.5]]) {
      expect((await rejectionOf(EccoModel.fromPretrained(llamaDir, { layers }))).code).toBe(
        'INVALID_LAYERS',
      );
    }
  });

  it('accepts captureTensors and refuses unknown ones', async () => {
    const lm = await EccoModel.fromPretrained(llamaDir, {
      captureTensors: llama.capturePlan.points.map((p) => p.tensor),
    });
    expect(lm.capturePlan.method).toBe('user');
    const [a, b] = [await lm.run('The hill'), await llama.run('The hill')];
    expect(Array.from(a.activations.data)).toEqual(Array.from(b.activations.data));
    await lm.dispose();
    const error = await rejectionOf(
      EccoModel.fromPretrained(llamaDir, { captureTensors: ['/nope'] }),
    );
    expect(error.code).toBe('CAPTURE_TENSOR_NOT_FOUND');
    expect(error.message).toContain('/model/layers.0/mlp/down_proj/MatMul');
  });

  it('refuses devices onnxruntime-node does not have', async () => {
    expect((await rejectionOf(EccoModel.fromPretrained(llamaDir, { device: 'webgpu' }))).code).toBe(
      'UNSUPPORTED_DEVICE',
    );
  });

  it('loads models whose weights are in external data files', async () => {
    const { model, data } = externalizeInitializers(
      readFileSync(join(llamaDir, 'onnx/model.onnx')),
      'model.onnx_data',
    );
    const dir = modelDirVariant(llamaDir, {
      files: { 'onnx/model.onnx': model, 'onnx/model.onnx_data': data },
    });
    const lm = await EccoModel.fromPretrained(dir);
    const text = llamaRef.texts[1]!;
    const out = await lm.run(text.text);
    expect(
      maxAbsDiff(out.activations.data, readReferenceFloats('tiny-llama', text.activations.file)),
    ).toBeLessThanOrEqual(1e-4);
    await lm.dispose();
    const missing = modelDirVariant(llamaDir, { files: { 'onnx/model.onnx': model } });
    expect((await rejectionOf(EccoModel.fromPretrained(missing))).code).toBe('MODEL_FILE_MISSING');
    mkdirSync(join(missing, 'onnx/model.onnx_data'));
    const aDirectory = await rejectionOf(EccoModel.fromPretrained(missing));
    expect(aDirectory.code).toBe('MODEL_CORRUPT');
    expect(aDirectory.message).toContain('directory onnx/model.onnx_data');
  });

  it('keeps the external-data folder when sessionOptions.extra sets other session entries', async () => {
    const { model, data } = externalizeInitializers(
      readFileSync(join(llamaDir, 'onnx/model.onnx')),
      'model.onnx_data',
    );
    const dir = modelDirVariant(llamaDir, {
      files: { 'onnx/model.onnx': model, 'onnx/model.onnx_data': data },
    });
    const lm = await EccoModel.fromPretrained(dir, {
      sessionOptions: {
        intraOpNumThreads: 1,
        extra: { session: { 'session.intra_op.allow_spinning': '0' } },
      },
    });
    const text = llamaRef.texts[0]!;
    const out = await lm.run(text.text);
    expect(
      maxAbsDiff(out.activations.data, readReferenceFloats('tiny-llama', text.activations.file)),
    ).toBeLessThanOrEqual(1e-4);
    await lm.dispose();
  });

  it('finds an unregistered architecture by structure', async () => {
    const dir = modelDirVariant(llamaDir, {
      config: (c) => ({ ...c, model_type: 'my-llama-variant', architectures: ['MyForCausalLM'] }),
    });
    const lm = await EccoModel.fromPretrained(dir);
    expect(lm.capturePlan.method).toBe('structural');
    expect(lm.capturePlan.points.map((p) => p.tensor)).toEqual(
      llama.capturePlan.points.map((p) => p.tensor),
    );
    expect(lm.config.causal).toBe(true);
    await lm.dispose();
  });
});

describe('bad model files', () => {
  it('report unknown architectures with candidates', async () => {
    const dir = modelDirVariant(llamaDir, {
      config: (c) => ({ ...c, model_type: 'mystery', intermediate_size: 999 }),
    });
    const error = await rejectionOf(EccoModel.fromPretrained(dir));
    expect(error.code).toBe('UNSUPPORTED_ARCHITECTURE');
    expect(error.message).toContain('/model/layers.0/mlp/down_proj/MatMul (MatMul 56→32');
  });

  it('report corrupt or incomplete files', async () => {
    const garbage = modelDirVariant(llamaDir, { files: { 'onnx/model.onnx': 'not a model' } });
    expect((await rejectionOf(EccoModel.fromPretrained(garbage))).code).toBe('MODEL_CORRUPT');
    const truncated = modelDirVariant(llamaDir, {
      files: {
        'onnx/model.onnx': readFileSync(join(llamaDir, 'onnx/model.onnx')).subarray(0, 5000),
      },
    });
    expect((await rejectionOf(EccoModel.fromPretrained(truncated))).code).toBe('MODEL_CORRUPT');
    const badJson = modelDirVariant(llamaDir, { files: { 'config.json': '{"model_type": ' } });
    const jsonError = await rejectionOf(EccoModel.fromPretrained(badJson));
    expect(jsonError.code).toBe('MODEL_CORRUPT');
    expect(jsonError.message).toContain('config.json');
    const noType = modelDirVariant(llamaDir, { config: ({ model_type: _, ...rest }) => rest });
    expect((await rejectionOf(EccoModel.fromPretrained(noType))).code).toBe('MODEL_CORRUPT');
    const noTokenizer = modelDirVariant(llamaDir, { omit: ['tokenizer.json'] });
    expect((await rejectionOf(EccoModel.fromPretrained(noTokenizer))).code).toBe(
      'MODEL_FILE_MISSING',
    );
  });

  it('report files that exist but cannot be read as MODEL_CORRUPT, with the cause', async () => {
    // A directory where config.json belongs.
    const dirConfig = modelDirVariant(llamaDir, { omit: ['config.json'] });
    mkdirSync(join(dirConfig, 'config.json'));
    const isDir = await rejectionOf(EccoModel.fromPretrained(dirConfig));
    expect(isDir.code).toBe('MODEL_CORRUPT');
    expect(isDir.message).toContain('directory config.json');
    expect((isDir.cause as { code?: string }).code).toBe('EISDIR');
    // A link to itself: ELOOP, which (unlike chmod) stops root too.
    const loop = modelDirVariant(llamaDir, { omit: ['tokenizer.json'] });
    symlinkSync('tokenizer.json', join(loop, 'tokenizer.json'));
    const looped = await rejectionOf(EccoModel.fromPretrained(loop));
    expect(looped.code).toBe('MODEL_CORRUPT');
    expect(looped.message).toContain('tokenizer.json');
    expect(looped.message).toContain('ELOOP');
    expect(looped.details).toMatchObject({ file: 'tokenizer.json', errno: 'ELOOP' });
    rmSync(loop, { recursive: true });
  });

  it('report onnxruntime run failures as MODEL_CORRUPT, and keep working', async () => {
    // config.json claims more positions than the graph's position embeddings hold.
    const dir = modelDirVariant(demoModelPath, { config: (c) => ({ ...c, n_positions: 4096 }) });
    // logSeverityLevel 4: onnxruntime's own log line about the failure stays out of the test output.
    const lm = await EccoModel.fromPretrained(dir, { sessionOptions: { logSeverityLevel: 4 } });
    const long = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const error = await rejectionOf(lm.run(long));
    expect(error.code).toBe('MODEL_CORRUPT');
    expect(error.message).toContain('onnxruntime-node failed to run onnx/model.onnx');
    expect(error.cause).toBeInstanceOf(Error);
    const genError = await rejectionOf(lm.generate(long, { maxNewTokens: 1 }));
    expect(genError.code).toBe('MODEL_CORRUPT');
    // The session survives a failed run.
    expect((await lm.run('The river')).activations.positions).toBeGreaterThan(0);
    await lm.dispose();
  });
});

describe('generate', () => {
  const prompt = 'The river runs';

  it('is deterministic: greedy always, sampling for a fixed seed', async () => {
    const a = await llama.generate(prompt, { maxNewTokens: 8, stopAtEos: false });
    const b = await llama.generate(prompt, { maxNewTokens: 8, stopAtEos: false });
    expect(a.tokens.map((t) => t.id)).toEqual(b.tokens.map((t) => t.id));
    const s1 = await llama.generate(prompt, {
      maxNewTokens: 8,
      temperature: 1.5,
      topK: 50,
      seed: 7,
      stopAtEos: false,
    });
    const s2 = await llama.generate(prompt, {
      maxNewTokens: 8,
      temperature: 1.5,
      topK: 50,
      seed: 7,
      stopAtEos: false,
    });
    expect(s1.tokens.map((t) => t.id)).toEqual(s2.tokens.map((t) => t.id));
    expect(Array.from(s1.activations.data)).toEqual(Array.from(s2.activations.data));
    const seeds = await Promise.all(
      [1, 2, 3, 4].map((seed) =>
        llama.generate(prompt, { maxNewTokens: 8, temperature: 2, seed, stopAtEos: false }),
      ),
    );
    expect(new Set(seeds.map((s) => s.outputText)).size).toBeGreaterThan(1);
  });

  it('greedy picks the argmax of the logits at each step', async () => {
    const out = await llama.generate(prompt, { maxNewTokens: 3, stopAtEos: false, logits: true });
    const { data, vocab } = out.logits!;
    for (let p = out.inputLength - 1; p < out.tokens.length - 1; p++) {
      const row = data.subarray(p * vocab, (p + 1) * vocab);
      const best = row.indexOf(Math.max(...row));
      expect(out.tokens[p + 1]!.id).toBe(best);
    }
  });

  it('labels input and output tokens and captures activations for every position', async () => {
    const out = await llama.generate(prompt, { maxNewTokens: 6, stopAtEos: false });
    const promptIds = llama.tokenizer.encode(prompt);
    expect(out.inputLength).toBe(promptIds.length);
    expect(out.tokens).toHaveLength(promptIds.length + 6);
    expect(out.tokens.slice(0, out.inputLength).map((t) => t.kind)).toEqual(
      promptIds.map((_, i) => (i === 0 ? 'special' : 'input')),
    );
    expect(out.tokens.slice(out.inputLength).every((t) => t.kind === 'output')).toBe(true);
    expect(out.activations.positions).toBe(out.tokens.length);
    expect(out.outputText).toBe(
      llama.tokenizer.decode(
        out.tokens.slice(out.inputLength).map((t) => t.id),
        { skip_special_tokens: true },
      ),
    );
    // Causal: the prompt's activations do not depend on what follows.
    const alone = await llama.run(prompt);
    const n = out.activations.neurons;
    for (const layer of out.activations.layers) {
      const gen = layerActivations(out.activations, layer);
      const ref = layerActivations(alone.activations, layer);
      for (let neuron = 0; neuron < n; neuron++) {
        for (let p = 0; p < out.inputLength; p++) {
          expect(
            Math.abs(
              gen[neuron * out.activations.positions + p]! -
                ref[neuron * alone.activations.positions + p]!,
            ),
          ).toBeLessThan(1e-5);
        }
      }
    }
  });

  it('refuses encoders, bad options and outputs longer than the model', async () => {
    expect((await rejectionOf(bert.generate(prompt, { maxNewTokens: 3 }))).code).toBe(
      'NOT_CAUSAL_MODEL',
    );
    expect((await rejectionOf(llama.generate(prompt, { maxNewTokens: 0 }))).code).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      (await rejectionOf(llama.generate(prompt, { maxNewTokens: 2, temperature: -1 }))).code,
    ).toBe('INVALID_ARGUMENT');
    expect(
      (await rejectionOf(llama.generate(prompt, { maxNewTokens: 2, topK: 0, temperature: 1 })))
        .code,
    ).toBe('INVALID_ARGUMENT');
    const tooLong = await rejectionOf(llama.generate(prompt, { maxNewTokens: 200 }));
    expect(tooLong.code).toBe('TEXT_TOO_LONG');
    expect(tooLong.message).toContain(
      `maxNewTokens ≤ ${128 - llama.tokenizer.encode(prompt).length}`,
    );
    expect((await rejectionOf(llama.generate('', { maxNewTokens: 2 }))).code).toBe('EMPTY_TEXT');
  });
});

describe('fp16 models', () => {
  it('return float32 activations that match the fp32 reference to fp16 precision', async () => {
    const distilbert = resolve(repoRoot, 'fixtures/models/tiny-distilbert');
    const fp16 = convertToFp16(readFileSync(join(distilbert, 'onnx/model.onnx')));
    const dir = modelDirVariant(distilbert, { files: { 'onnx/model_fp16.onnx': fp16 } });
    const lm = await EccoModel.fromPretrained(dir, { dtype: 'fp16' });
    const ref = readReferenceManifest('tiny-distilbert');
    for (const text of ref.texts) {
      const out = await lm.run(text.text);
      expect(out.activations.data).toBeInstanceOf(Float32Array);
      const expected = readReferenceFloats('tiny-distilbert', text.activations.file);
      // fp16 keeps ~3 significant digits; values here are up to ~4.
      expect(maxAbsDiff(out.activations.data, expected)).toBeLessThan(1e-2);
      expect(maxAbsDiff(out.activations.data, expected)).toBeGreaterThan(0);
    }
    await lm.dispose();
  });
});
