/** onnxruntime-web's Emscripten loaders (`ort-wasm-simd-threaded[.variant].mjs`). */
const LOADER = /ort-wasm-simd-threaded(?:\.[a-z]+)?\.mjs/g;

/** True for the files of onnxruntime-web's dist/ that a page may load at run time. */
export function isOrtRuntimeFile(file: string): boolean {
  return /^ort-wasm-simd-threaded(?:\.[a-z]+)?\.(?:mjs|wasm)$/.test(file);
}

/**
 * The loader and .wasm files that bundled code refers to. onnxruntime-web picks its variant
 * (plain, JSEP, asyncify, JSPI) by build flavour, so the bundle says which ones it will fetch;
 * copying only those keeps ~60 MB of unused variants out of the build.
 */
export function ortFilesReferenced(code: Iterable<string>): string[] {
  const files = new Set<string>();
  for (const text of code) {
    for (const match of text.matchAll(LOADER)) {
      files.add(match[0]);
      files.add(match[0].replace(/\.mjs$/, '.wasm'));
    }
  }
  return [...files].sort();
}
