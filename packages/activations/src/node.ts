import { openModelFilesNode } from './files/node/open-model-files.js';
import { EccoModelBase } from './model/ecco-model.js';
import { loadModelParts } from './model/load-model.js';
import type { FromPretrainedOptions } from './model/options.js';
import type { Platform } from './model/platform.js';
import { nodeRuntime } from './runtime/node-runtime.js';

export { defaultCacheDir } from './files/node/open-model-files.js';
export { ortEnv } from './runtime/node-runtime.js';
export * from './shared.js';

const nodePlatform: Platform = { runtime: nodeRuntime, openFiles: openModelFilesNode };

/** A model with FFN activation capture, running on onnxruntime-node. */
export class EccoModel extends EccoModelBase {
  /**
   * Loads a model from a local directory in the Hub layout (never touching the network) or a Hub
   * id (downloaded once into the cache), and prepares capture of its FFN activations.
   *
   * @example
   * const lm = await EccoModel.fromPretrained('./models/gpt2', { layers: [0, 1] });
   * const { tokens, activations } = await lm.run('The quick brown fox');
   */
  static async fromPretrained(
    idOrPath: string,
    options: FromPretrainedOptions = {},
  ): Promise<EccoModel> {
    return new EccoModel(await loadModelParts(idOrPath, options, nodePlatform));
  }
}
