import { EccoError, isEccoError } from '@explainable-ecco/core';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import type { CapturePlan } from '../capture/capture-plan.js';
import { findCaptureTensors } from '../capture/find-capture-tensors.js';
import { type ModelFiles, readJson } from '../files/model-files.js';
import { staysInsideModel } from '../files/model-path.js';
import { addGraphOutputs } from '../onnx/add-graph-outputs.js';
import type { OnnxGraph, OnnxValueInfo } from '../onnx/graph.js';
import { readModel } from '../onnx/read-model.js';
import type { OrtRuntime, OrtSessionLike } from '../runtime/ort-runtime.js';
import { createTokenizer, tokenizerFamilyOf } from '../tokenizer/load-tokenizer.js';
import { TokenPieces } from '../tokenizer/token-pieces.js';
import { type EccoModelConfig, parseModelConfig } from './config.js';
import { modelFileFor } from './dtype.js';
import type { FromPretrainedOptions } from './options.js';
import type { Platform } from './platform.js';

/** Everything a loaded model holds; EccoModel wraps it. */
export interface ModelParts {
  source: string;
  modelFile: string;
  config: EccoModelConfig;
  tokenizer: PreTrainedTokenizer;
  pieces: TokenPieces;
  runtime: OrtRuntime;
  session: OrtSessionLike;
  inputs: OnnxValueInfo[];
  plan: CapturePlan;
  /** Captured layers in numeric order, and the graph output carrying each. */
  captured: Array<{ layer: number; output: string }>;
  /** Graph output with float32 logits, when the model has logits. */
  logitsOutput: string | undefined;
  maxPositions: number | undefined;
  padId: number;
  eosIds: Set<number>;
}

function selectLayers(plan: CapturePlan, layers: readonly number[] | undefined) {
  const available = plan.points.map((p) => p.layer);
  if (layers === undefined) return plan.points;
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new EccoError('INVALID_LAYERS', 'layers must be a non-empty array of layer indices.', {
      hint: `This model has layers ${available.join(', ')}; leave layers out to capture all.`,
    });
  }
  for (const l of layers) {
    if (!available.includes(l)) {
      throw new EccoError('INVALID_LAYERS', `Layer ${String(l)} does not exist.`, {
        hint: `Choose among layers ${available.join(', ')}.`,
        details: { layer: l, available },
      });
    }
  }
  return plan.points.filter((p) => layers.includes(p.layer));
}

async function readOnnx(files: ModelFiles, modelFile: string): Promise<Uint8Array> {
  try {
    return (await files.read(modelFile))!;
  } catch (error) {
    if (isEccoError(error, 'MODEL_FILE_MISSING') && files.listOnnxFiles) {
      const present = await files.listOnnxFiles();
      throw new EccoError('MODEL_FILE_MISSING', `${files.source} has no ${modelFile}.`, {
        hint: present.length
          ? `Available: ${present.join(', ')} (dtype fp32 = model.onnx, q8 = model_quantized.onnx, fp16 = model_fp16.onnx), or pass modelFile.`
          : 'The onnx/ folder is missing or empty; export the model to ONNX first.',
        details: { file: modelFile, available: present },
      });
    }
    throw error;
  }
}

async function externalData(files: ModelFiles, graph: OnnxGraph, modelFile: string) {
  if (graph.externalDataFiles.length === 0) return {};
  for (const location of graph.externalDataFiles) {
    // The location comes from the model file: one that climbs out of the model folder would make
    // a Hub download write (and onnxruntime read) outside the cache or model directory.
    if (!staysInsideModel(location)) {
      throw new EccoError(
        'MODEL_CORRUPT',
        `${modelFile} of ${files.source} names external data outside the model folder ("${location}").`,
        {
          hint: 'External data must be a relative path next to the .onnx file (e.g. "model.onnx_data"); re-export the model or fix its external-data locations.',
          details: { file: modelFile, location },
        },
      );
    }
  }
  const folder = modelFile.includes('/') ? modelFile.slice(0, modelFile.lastIndexOf('/') + 1) : '';
  if (files.toDisk) {
    let dir: string | undefined;
    for (const location of graph.externalDataFiles) {
      const path = await files.toDisk(folder + location);
      dir = path.slice(0, path.length - location.length);
    }
    return { externalDataDir: dir };
  }
  const data = [];
  for (const location of graph.externalDataFiles) {
    data.push({ path: location, data: (await files.read(folder + location))! });
  }
  return { externalData: data };
}

/** Resolves files, reads config and tokenizer, edits the graph to expose activations, opens a session. */
export async function loadModelParts(
  idOrPath: string,
  options: FromPretrainedOptions,
  platform: Platform,
): Promise<ModelParts> {
  const modelFile = options.modelFile ?? modelFileFor(options.dtype ?? 'fp32');
  if (!staysInsideModel(modelFile)) {
    throw new EccoError(
      'INVALID_ARGUMENT',
      `modelFile "${String(modelFile)}" is not inside the model folder.`,
      {
        hint: 'Pass a path relative to the model root without ".." (e.g. "onnx/decoder_model.onnx").',
        details: { modelFile },
      },
    );
  }
  const files = await platform.openFiles(idOrPath, options);
  const config = parseModelConfig(
    await readJson(files, 'config.json'),
    `config.json of ${files.source}`,
  );
  const tokenizerJson = await readJson(files, 'tokenizer.json');
  const tokenizerConfig = ((await readJson(files, 'tokenizer_config.json', { optional: true })) ??
    {}) as Record<string, unknown>;
  const tokenizer = createTokenizer(tokenizerJson, tokenizerConfig, files.source);
  const pieces = new TokenPieces(tokenizer, tokenizerFamilyOf(tokenizerJson));

  const bytes = await readOnnx(files, modelFile);
  const graph = readModel(bytes);
  const plan = findCaptureTensors(graph, config, options);
  const selected = selectLayers(plan, options.layers);
  const hasLogits = graph.outputs.some((o) => o.name === 'logits');
  const tensors = selected.map((p) => p.tensor);
  if (hasLogits) tensors.push('logits');
  const edited = addGraphOutputs(bytes, tensors, { graph });

  const session = await platform.runtime.createSession(edited.bytes, {
    device: options.device ?? platform.runtime.defaultDevice,
    ...(await externalData(files, graph, modelFile)),
    sessionOptions: options.sessionOptions,
  });
  options.onProgress?.({ status: 'ready', file: '' });

  const modelMax = Number(tokenizer.model_max_length);
  const eos = tokenizer.eos_token_id;
  const configEos = config.raw.eos_token_id;
  const eosIds = new Set<number>(
    [eos, ...(Array.isArray(configEos) ? configEos : [configEos])].filter(
      (v): v is number => typeof v === 'number',
    ),
  );
  return {
    source: files.source,
    modelFile,
    config,
    tokenizer,
    pieces,
    runtime: platform.runtime,
    session,
    inputs: graph.inputs,
    plan,
    captured: selected.map((p, i) => ({ layer: p.layer, output: edited.outputNames[i]! })),
    logitsOutput: hasLogits ? edited.outputNames[edited.outputNames.length - 1] : undefined,
    maxPositions: config.maxPositions ?? (modelMax > 0 && modelMax < 1e7 ? modelMax : undefined),
    padId: tokenizer.pad_token_id ?? eos ?? 0,
    eosIds,
  };
}
