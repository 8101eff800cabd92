/**
 * Headers that make the page cross-origin isolated. Only an isolated page gets
 * SharedArrayBuffer, which onnxruntime-web needs to run its WebAssembly on several threads.
 * CORP lets the isolated page (and its workers) load these same-origin files.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
