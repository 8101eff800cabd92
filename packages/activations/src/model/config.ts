import { EccoError } from '@explainable-ecco/core';
import { architectureFor } from '../capture/architectures.js';

/** What `lm.config` says about a model, normalised across the config.json dialects. */
export interface EccoModelConfig {
  /** config.json `model_type` ('gpt2', 'bert', 'llama', …). */
  modelType: string;
  /** Transformer layers (num_hidden_layers / n_layer / n_layers). */
  numLayers: number | undefined;
  /** Residual width (hidden_size / n_embd / dim / d_model). */
  hiddenSize: number | undefined;
  /** FFN width d_ff, the number of neurons captured per layer (intermediate_size / n_inner / hidden_dim / ffn_dim / d_ff). */
  intermediateSize: number | undefined;
  /** Longest sequence the position embeddings allow (max_position_embeddings / n_positions / n_ctx). */
  maxPositions: number | undefined;
  vocabSize: number | undefined;
  /** Decoder-only language model, i.e. `generate` works. */
  causal: boolean;
  /** config.json as read. */
  raw: Readonly<Record<string, unknown>>;
}

function firstNumber(raw: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) {
    const v = raw[key];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return v;
  }
  return undefined;
}

/** Normalises a parsed config.json. Throws `MODEL_CORRUPT` if it is not an object with a model_type. */
export function parseModelConfig(raw: unknown, source = 'config.json'): EccoModelConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new EccoError('MODEL_CORRUPT', `${source} is not a JSON object.`, {
      hint: 'Restore the model directory (or delete the cache entry and download it again).',
    });
  }
  const obj = raw as Record<string, unknown>;
  if (typeof obj.model_type !== 'string' || obj.model_type === '') {
    throw new EccoError('MODEL_CORRUPT', `${source} has no "model_type".`, {
      hint: 'Add "model_type" (e.g. "gpt2", "bert", "llama") to config.json; it picks where activations are captured.',
    });
  }
  const hiddenSize = firstNumber(obj, ['hidden_size', 'n_embd', 'dim', 'd_model']);
  let intermediateSize = firstNumber(obj, [
    'intermediate_size',
    'n_inner',
    'hidden_dim',
    'ffn_dim',
    'd_ff',
    'inner_dim',
  ]);
  // GPT-2 style configs leave n_inner null and mean 4 × n_embd.
  if (intermediateSize === undefined && 'n_inner' in obj && hiddenSize) {
    intermediateSize = 4 * hiddenSize;
  }
  const architectures = Array.isArray(obj.architectures) ? obj.architectures : [];
  const causalByName = architectures.some(
    (a) => typeof a === 'string' && /(ForCausalLM|LMHeadModel)$/.test(a),
  );
  return {
    modelType: obj.model_type,
    numLayers: firstNumber(obj, ['num_hidden_layers', 'n_layer', 'n_layers', 'num_layers']),
    hiddenSize,
    intermediateSize,
    maxPositions: firstNumber(obj, [
      'max_position_embeddings',
      'n_positions',
      'n_ctx',
      'max_seq_len',
    ]),
    vocabSize: firstNumber(obj, ['vocab_size']),
    causal: architectureFor(obj.model_type)?.causal ?? causalByName,
    raw: obj,
  };
}
