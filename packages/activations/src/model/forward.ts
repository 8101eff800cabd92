import { EccoError, type ModelOutput } from '@explainable-ecco/core';
import { extractCapture, extractLogits } from '../runtime/extract.js';
import { buildFeeds, type PaddedBatch } from '../runtime/feeds.js';
import type { OrtTensorLike } from '../runtime/ort-runtime.js';
import type { ModelParts } from './load-model.js';

export interface ForwardOptions {
  layers?: readonly number[] | undefined;
  logits?: boolean | undefined;
  /** Where generated tokens start, per sequence (for token kinds). */
  outputFrom?: readonly number[] | undefined;
}

/** The captured outputs to fetch for a run's `layers` option. */
export function outputsFor(parts: ModelParts, layers: readonly number[] | undefined) {
  if (layers === undefined) return parts.captured;
  const available = parts.captured.map((c) => c.layer);
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new EccoError('INVALID_LAYERS', 'layers must be a non-empty array of layer indices.', {
      hint: `Captured layers: ${available.join(', ')}.`,
    });
  }
  for (const l of layers) {
    if (!available.includes(l)) {
      throw new EccoError('INVALID_LAYERS', `Layer ${String(l)} was not captured.`, {
        hint: `Captured layers: ${available.join(', ')}; load with fromPretrained(…, { layers }) to capture others.`,
        details: { layer: l, available },
      });
    }
  }
  return parts.captured.filter((c) => layers.includes(c.layer));
}

/** session.run with onnxruntime's failures (shape errors, out-of-range ids, memory) typed. */
async function runSession(
  parts: ModelParts,
  feeds: Record<string, OrtTensorLike>,
  fetches: readonly string[],
  padded: PaddedBatch,
): Promise<Record<string, OrtTensorLike>> {
  try {
    return await parts.session.run(feeds, fetches);
  } catch (cause) {
    for (const t of Object.values(feeds)) t.dispose?.();
    const message = String((cause as Error)?.message ?? cause).slice(0, 500);
    throw new EccoError(
      'MODEL_CORRUPT',
      `${parts.runtime.name} failed to run ${parts.modelFile} of ${parts.source} on a batch of ${padded.batch} × ${padded.length} tokens: ${message}`,
      {
        hint: "The model's config.json or tokenizer may not match its .onnx graph (vocabulary size, maximum positions), or the machine ran out of memory; check the files, or run fewer or shorter texts (batchSize, truncation).",
        details: {
          source: parts.source,
          modelFile: parts.modelFile,
          batch: padded.batch,
          length: padded.length,
        },
        cause,
      },
    );
  }
}

/** Runs one padded batch and splits it into per-sequence outputs (pads dropped). */
export async function forwardBatch(
  parts: ModelParts,
  ids: number[][],
  options: ForwardOptions = {},
): Promise<ModelOutput[]> {
  const outputs = outputsFor(parts, options.layers);
  if (options.logits && !parts.logitsOutput) {
    throw new EccoError('INVALID_ARGUMENT', `${parts.source} has no logits output.`, {
      hint: 'Only language-model exports (with a "logits" output) give logits; leave logits out.',
    });
  }
  const padded: PaddedBatch = {
    batch: ids.length,
    length: Math.max(...ids.map((s) => s.length)),
    ids,
  };
  const feeds = buildFeeds(parts.runtime, parts.inputs, padded, parts.padId);
  const fetches = outputs.map((o) => o.output);
  if (options.logits) fetches.push(parts.logitsOutput!);
  const result = await runSession(parts, feeds, fetches, padded);
  try {
    const tensors = outputs.map((o) => result[o.output]!);
    const layers = outputs.map((o) => o.layer);
    return ids.map((seq, b) => {
      const out: ModelOutput = {
        tokens: parts.pieces.tokens(seq, options.outputFrom?.[b]),
        activations: extractCapture(tensors, layers, padded, b),
      };
      if (options.logits) out.logits = extractLogits(result[parts.logitsOutput!]!, padded, b);
      return out;
    });
  } finally {
    for (const t of Object.values(result)) t.dispose?.();
    for (const t of Object.values(feeds)) t.dispose?.();
  }
}

/** Next-token logits of the last position of one sequence (generation). */
export async function lastLogits(parts: ModelParts, ids: number[]): Promise<Float32Array> {
  const padded: PaddedBatch = { batch: 1, length: ids.length, ids: [ids] };
  const feeds = buildFeeds(parts.runtime, parts.inputs, padded, parts.padId);
  const result = await runSession(parts, feeds, [parts.logitsOutput!], padded);
  try {
    const { data, vocab } = extractLogits(result[parts.logitsOutput!]!, padded, 0);
    return data.slice(data.length - vocab);
  } finally {
    for (const t of Object.values(result)) t.dispose?.();
    for (const t of Object.values(feeds)) t.dispose?.();
  }
}
