/**
 * URL of the bundled demo model directory, or of a file inside it (`'onnx/model_quantized.onnx'`),
 * resolved against this module. In Node it is a `file:` URL; under a dev server or a bundler that
 * serves the package's files it is an `http(s):` URL the browser can fetch.
 *
 * @param file path inside the model directory, `/`-separated; empty for the directory itself.
 */
export function demoModelUrl(file = ''): URL {
  // Relative to dist/: the model directory is the package's ./model.
  return new URL(`../model/${file.replace(/^\/+/, '')}`, import.meta.url);
}
