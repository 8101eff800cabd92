import { ModelProto } from './onnx-proto.js';

// Test-only ONNX writer: builds small real ModelProtos (with weights) so graph surgery can be
// exercised on graphs of known shape, then executed by onnxruntime.

export interface TensorSpec {
  name: string;
  dims: number[];
  type: number;
  data: ArrayBufferView;
  /** Store the payload in this external file instead of inline. */
  external?: string;
}
export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  domain?: string;
  attrs?: Record<string, number | number[] | { float: number } | TensorSpec>;
}
export interface ValueSpec {
  name: string;
  type: number;
  shape: Array<number | string>;
}
export interface ModelSpec {
  nodes: NodeSpec[];
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  initializers?: TensorSpec[];
  opset?: number;
  msOpset?: boolean;
  /** Extra ModelProto metadata, to check that unknown-to-us fields survive surgery. */
  metadata?: Record<string, string>;
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function tensor(spec: TensorSpec, files: Map<string, Uint8Array[]>, offsets: Map<string, number>) {
  const raw = bytesOf(spec.data);
  if (!spec.external) {
    return { name: spec.name, dims: spec.dims, dataType: spec.type, rawData: raw };
  }
  const offset = offsets.get(spec.external) ?? 0;
  offsets.set(spec.external, offset + raw.length);
  const chunks = files.get(spec.external) ?? [];
  chunks.push(raw);
  files.set(spec.external, chunks);
  return {
    name: spec.name,
    dims: spec.dims,
    dataType: spec.type,
    dataLocation: 1,
    externalData: [
      { key: 'location', value: spec.external },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(raw.length) },
    ],
  };
}

function value(v: ValueSpec) {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: v.type,
        shape: {
          dim: v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  };
}

export interface BuiltModel {
  bytes: Uint8Array;
  /** External data files: name → content. */
  external: Map<string, Uint8Array>;
}

export function buildModel(spec: ModelSpec): BuiltModel {
  const files = new Map<string, Uint8Array[]>();
  const offsets = new Map<string, number>();
  const nodes = spec.nodes.map((n, i) => ({
    name: n.name ?? `${n.op}_${i}`,
    opType: n.op,
    domain: n.domain ?? '',
    input: n.inputs,
    output: n.outputs,
    attribute: Object.entries(n.attrs ?? {}).map(([name, v]) => {
      if (typeof v === 'number') return { name, type: 2, i: v };
      if (Array.isArray(v)) return { name, type: 7, ints: v };
      if ('float' in v) return { name, type: 1, f: v.float };
      return { name, type: 4, t: tensor(v, files, offsets) };
    }),
  }));
  const model = {
    irVersion: 8,
    producerName: 'ecco-test-builder',
    opsetImport: [
      { domain: '', version: spec.opset ?? 14 },
      ...(spec.msOpset ? [{ domain: 'com.microsoft', version: 1 }] : []),
    ],
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, v]) => ({ key, value: v })),
    graph: {
      name: 'test',
      docString: 'built by the activations tests',
      node: nodes,
      initializer: (spec.initializers ?? []).map((t) => tensor(t, files, offsets)),
      input: spec.inputs.map(value),
      output: spec.outputs.map(value),
    },
  };
  const external = new Map<string, Uint8Array>();
  for (const [file, chunks] of files) {
    const total = chunks.reduce((a, c) => a + c.length, 0);
    const buf = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      buf.set(c, at);
      at += c.length;
    }
    external.set(file, buf);
  }
  return { bytes: ModelProto.encode(model).finish(), external };
}

/** Deterministic pseudo-random floats in [-scale, scale). */
export function randomFloats(n: number, seed: number, scale = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * scale;
  }
  return out;
}
