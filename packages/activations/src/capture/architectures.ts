/**
 * Where ecco hooks each architecture: the module whose *input* is the FFN's post-activation
 * hidden state (size d_ff). ONNX exports (torch.onnx / optimum / Xenova) name nodes by module
 * scope, so the module path becomes a pattern over node names.
 */
export interface ArchitectureSpec {
  /** The hooked module as a PyTorch path, `{layer}` standing for the layer index (documentation). */
  module: string;
  /**
   * Matches the names of nodes inside the down-projection's scope in every layer. Capture group 1,
   * when present, is the layer index; without it, layers are numbered in graph order (for models
   * that reuse one module in every layer, such as ALBERT).
   */
  pattern: RegExp;
  /** Decoder-only language model (can `generate`). */
  causal: boolean;
}

const gpt2Like: ArchitectureSpec = {
  module: 'transformer.h.{layer}.mlp.c_proj',
  pattern: /\/h\.(\d+)\/mlp\/c_proj\//,
  causal: true,
};
const bertLike: ArchitectureSpec = {
  module: 'encoder.layer.{layer}.output.dense',
  pattern: /\/layer\.(\d+)\/output\/dense\//,
  causal: false,
};
const llamaLike: ArchitectureSpec = {
  module: 'model.layers.{layer}.mlp.down_proj',
  pattern: /\/layers\.(\d+)\/mlp\/down_proj\//,
  causal: true,
};
const neoxLike: ArchitectureSpec = {
  module: 'gpt_neox.layers.{layer}.mlp.dense_4h_to_h',
  pattern: /\/layers\.(\d+)\/mlp\/dense_4h_to_h\//,
  causal: true,
};

/**
 * The registry, keyed by config.json `model_type`. Add or override entries to support another
 * architecture (or pass `captureTensors` to `fromPretrained`).
 */
export const ARCHITECTURES: Record<string, ArchitectureSpec> = {
  gpt2: gpt2Like,
  gpt_neo: gpt2Like,
  gptj: {
    module: 'transformer.h.{layer}.mlp.fc_out',
    pattern: /\/h\.(\d+)\/mlp\/fc_out\//,
    causal: true,
  },
  gpt_neox: neoxLike,
  bloom: {
    module: 'transformer.h.{layer}.mlp.dense_4h_to_h',
    pattern: /\/h\.(\d+)\/mlp\/dense_4h_to_h\//,
    causal: true,
  },
  opt: {
    module: 'model.decoder.layers.{layer}.fc2',
    pattern: /\/layers\.(\d+)\/fc2\//,
    causal: true,
  },
  phi: {
    module: 'model.layers.{layer}.mlp.fc2',
    pattern: /\/layers\.(\d+)\/mlp\/fc2\//,
    causal: true,
  },
  distilbert: {
    module: 'transformer.layer.{layer}.ffn.lin2',
    pattern: /\/layer\.(\d+)\/ffn\/lin2\//,
    causal: false,
  },
  bert: bertLike,
  roberta: bertLike,
  'xlm-roberta': bertLike,
  camembert: bertLike,
  electra: bertLike,
  mpnet: bertLike,
  deberta: bertLike,
  'deberta-v2': bertLike,
  albert: {
    module: 'encoder.albert_layer_groups.0.albert_layers.0.ffn_output',
    pattern: /\/ffn_output\//,
    causal: false,
  },
  llama: llamaLike,
  mistral: llamaLike,
  qwen2: llamaLike,
  qwen3: llamaLike,
  phi3: llamaLike,
  gemma: llamaLike,
  gemma2: llamaLike,
  gemma3_text: llamaLike,
  smollm3: llamaLike,
  olmo: llamaLike,
  olmo2: llamaLike,
  granite: llamaLike,
  stablelm: llamaLike,
};

/** The registry entry for a model_type, if any. */
export function architectureFor(modelType: string | undefined): ArchitectureSpec | undefined {
  if (!modelType) return undefined;
  return Object.hasOwn(ARCHITECTURES, modelType) ? ARCHITECTURES[modelType] : undefined;
}
