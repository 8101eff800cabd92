import protobuf from 'protobufjs/light.js';
import { TensorProto as Tensor } from './onnx-proto.js';

/**
 * Test helper: moves every initializer's raw_data into one external-data file, the way
 * `onnx.save_model(..., save_as_external_data=True)` does. Works on the wire format, so every
 * field the helper does not touch (nodes, attributes, value_info, metadata) is copied verbatim.
 */
function fields(
  bytes: Uint8Array,
): Array<{ field: number; wire: number; start: number; dataStart: number; end: number }> {
  const r = protobuf.Reader.create(bytes);
  const out = [];
  while (r.pos < r.len) {
    const start = r.pos;
    const tag = r.uint32();
    const wire = tag & 7;
    let dataStart = r.pos;
    if (wire === 2) {
      const len = r.uint32();
      dataStart = r.pos;
      r.skip(len);
    } else {
      r.skipType(wire);
    }
    out.push({ field: tag >>> 3, wire, start, dataStart, end: r.pos });
  }
  return out;
}

function lengthDelimited(field: number, body: Uint8Array): Uint8Array {
  return protobuf.Writer.create()
    .uint32((field << 3) | 2)
    .bytes(body)
    .finish();
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function externalizeInitializers(
  model: Uint8Array,
  location: string,
): { model: Uint8Array; data: Uint8Array } {
  const data: Uint8Array[] = [];
  let offset = 0;
  const modelParts: Uint8Array[] = [];
  for (const f of fields(model)) {
    if (f.field !== 7 || f.wire !== 2) {
      modelParts.push(model.subarray(f.start, f.end));
      continue;
    }
    const graph = model.subarray(f.dataStart, f.end);
    const graphParts: Uint8Array[] = [];
    for (const g of fields(graph)) {
      const raw = graph.subarray(g.start, g.end);
      if (g.field !== 5) {
        graphParts.push(raw);
        continue;
      }
      const t = Tensor.toObject(Tensor.decode(graph.subarray(g.dataStart, g.end))) as {
        dims?: number[];
        dataType: number;
        name: string;
        rawData?: Uint8Array;
      };
      if (!t.rawData || t.rawData.length === 0) {
        graphParts.push(raw);
        continue;
      }
      data.push(t.rawData);
      const moved = Tensor.encode({
        dims: t.dims ?? [],
        dataType: t.dataType,
        name: t.name,
        dataLocation: 1,
        externalData: [
          { key: 'location', value: location },
          { key: 'offset', value: String(offset) },
          { key: 'length', value: String(t.rawData.length) },
        ],
      }).finish();
      offset += t.rawData.length;
      graphParts.push(lengthDelimited(5, moved));
    }
    modelParts.push(lengthDelimited(7, concat(graphParts)));
  }
  return { model: concat(modelParts), data: concat(data) };
}

/** float32 → IEEE half bits (round to nearest even), for building fp16 test graphs. */
export function toHalf(values: Float32Array): Uint16Array {
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  return Uint16Array.from(values, (v) => {
    f[0] = v;
    const x = u[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exp = ((x >>> 23) & 0xff) - 127 + 15;
    let mant = x & 0x7fffff;
    if (exp <= 0) return sign; // tiny values flush to zero (fine for test data)
    if (exp >= 31) return sign | 0x7c00;
    const round = mant & 0x1fff;
    mant >>>= 13;
    let h = sign | (exp << 10) | mant;
    if (round > 0x1000 || (round === 0x1000 && (mant & 1) === 1)) h++;
    return h;
  });
}

/** IEEE half bits → number. */
export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
