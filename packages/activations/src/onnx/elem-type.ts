/** ONNX TensorProto.DataType values this package cares about. */
export const OnnxType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  BFLOAT16: 16,
} as const;

const NAMES: Record<number, string> = {
  0: 'undefined',
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};

/** The onnxruntime tensor type name of an ONNX element type ('float32', 'int64', …). */
export function onnxTypeName(elemType: number): string {
  return NAMES[elemType] ?? `type#${elemType}`;
}

export function isFloatType(elemType: number): boolean {
  return (
    elemType === OnnxType.FLOAT ||
    elemType === OnnxType.FLOAT16 ||
    elemType === OnnxType.DOUBLE ||
    elemType === OnnxType.BFLOAT16
  );
}
