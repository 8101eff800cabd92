import { openModelFilesWeb } from './files/web/open-model-files.js';
import { EccoModelBase } from './model/ecco-model.js';
import { loadModelParts } from './model/load-model.js';
import type { FromPretrainedOptions } from './model/options.js';
import type { Platform } from './model/platform.js';
import { webRuntime } from './runtime/web-runtime.js';

export { ortEnv } from './runtime/web-runtime.js';
export * from './shared.js';

const webPlatform: Platform = { runtime: webRuntime, openFiles: openModelFilesWeb };

/** A model with FFN activation capture, running on onnxruntime-web (wasm or WebGPU). */
export class EccoModel extends EccoModelBase {
  /**
   * Loads a model from a URL/path serving the Hub layout, or a Hub id (downloaded once, then kept
   * in the browser's Cache API), and prepares capture of its FFN activations.
   *
   * @example
   * ortEnv.wasm.wasmPaths = '/ort/'; // where your page serves onnxruntime-web's .wasm files
   * const lm = await EccoModel.fromPretrained('/models/demo-gpt2');
   * const { tokens, activations } = await lm.run('The quick brown fox');
   */
  static async fromPretrained(
    idOrUrl: string,
    options: FromPretrainedOptions = {},
  ): Promise<EccoModel> {
    return new EccoModel(await loadModelParts(idOrUrl, options, webPlatform));
  }
}
