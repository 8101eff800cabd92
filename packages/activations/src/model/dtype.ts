import { EccoError } from '@explainable-ecco/core';

/** Weight formats, with the file-name suffix the Hub layout uses for each (transformers.js convention). */
export const DTYPE_SUFFIXES = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
} as const;

export type ModelDtype = keyof typeof DTYPE_SUFFIXES;

export const MODEL_DTYPES = Object.keys(DTYPE_SUFFIXES) as ModelDtype[];

/** `onnx/model{suffix}.onnx` for a dtype. Throws `UNSUPPORTED_DTYPE` for unknown names. */
export function modelFileFor(dtype: string): string {
  if (!Object.hasOwn(DTYPE_SUFFIXES, dtype)) {
    throw new EccoError('UNSUPPORTED_DTYPE', `Unknown dtype "${dtype}".`, {
      hint: `Use one of: ${MODEL_DTYPES.join(', ')} (or pass modelFile to name the .onnx file directly).`,
      details: { dtype },
    });
  }
  return `onnx/model${DTYPE_SUFFIXES[dtype as ModelDtype]}.onnx`;
}
