/**
 * Just enough of the ONNX protobuf format to describe a one-MatMul graph, so the package needs
 * no protobuf library. Field numbers are those of onnx.proto (ModelProto, GraphProto, …).
 */

const ONNX_FLOAT = 1;
const IR_VERSION = 8;
const OPSET = 13;

/** A dimension: a fixed size or a symbolic name. */
export type Dim = number | string;

/** Bytes of an ONNX model computing `output = MatMul(a, b)` on float32 inputs. */
export function matMulModel(
  a: { name: string; dims: Dim[] },
  b: { name: string; dims: Dim[] },
  output: { name: string; dims: Dim[] },
): Uint8Array {
  const node = message([
    stringField(1, a.name),
    stringField(1, b.name),
    stringField(2, output.name),
    stringField(3, 'matmul'),
    stringField(4, 'MatMul'),
  ]);
  const graph = message([
    bytesField(1, node),
    stringField(2, 'nmf-product'),
    bytesField(11, valueInfo(a.name, a.dims)),
    bytesField(11, valueInfo(b.name, b.dims)),
    bytesField(12, valueInfo(output.name, output.dims)),
  ]);
  const opset = message([stringField(1, ''), varintField(2, OPSET)]);
  return message([
    varintField(1, IR_VERSION),
    stringField(2, '@explainable-ecco/nmf'),
    bytesField(7, graph),
    bytesField(8, opset),
  ]);
}

function valueInfo(name: string, dims: Dim[]): Uint8Array {
  const shape = message(
    dims.map((d) =>
      bytesField(1, message([typeof d === 'number' ? varintField(1, d) : stringField(2, d)])),
    ),
  );
  const tensorType = message([varintField(1, ONNX_FLOAT), bytesField(2, shape)]);
  const type = message([bytesField(1, tensorType)]);
  return message([stringField(1, name), bytesField(2, type)]);
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

function varintField(field: number, value: number): Uint8Array {
  return Uint8Array.from([...varint(field << 3), ...varint(value)]);
}

function bytesField(field: number, bytes: Uint8Array): Uint8Array {
  const head = [...varint((field << 3) | 2), ...varint(bytes.length)];
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head);
  out.set(bytes, head.length);
  return out;
}

function stringField(field: number, text: string): Uint8Array {
  return bytesField(field, new TextEncoder().encode(text));
}

function message(fields: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(fields.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of fields) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}
