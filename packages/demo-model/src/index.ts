import { fileURLToPath } from 'node:url';

export { demoModelUrl } from './model-url.js';

/**
 * Absolute filesystem path of the bundled demo model directory (Hugging Face Hub layout:
 * `config.json`, `tokenizer.json`, `onnx/model.onnx`, `onnx/model_quantized.onnx`, …). Node only;
 * browsers get `demoModelUrl` from this package's `browser` entry.
 */
export const demoModelPath: string = fileURLToPath(new URL('../model/', import.meta.url));
