import type { ModelFiles } from '../files/model-files.js';
import type { ResolveOptions } from '../files/resolve-options.js';
import type { OrtRuntime } from '../runtime/ort-runtime.js';

/** What differs between Node and browsers: where files come from and which onnxruntime runs. */
export interface Platform {
  runtime: OrtRuntime;
  openFiles(idOrPath: string, options: ResolveOptions): Promise<ModelFiles>;
}
