import { EccoError } from '@explainable-ecco/core';
import protobuf from 'protobufjs/light.js';
import type { OnnxAttribute, OnnxConstant, OnnxGraph, OnnxNode, OnnxValueInfo } from './graph.js';
import {
  GraphProtoType,
  type Int64,
  int64ToNumber,
  MODEL_GRAPH_FIELD,
  ModelHeaderType,
} from './schema.js';

/** Where the graph's bytes sit inside the ModelProto. */
export interface GraphLocation {
  /** Offset of the field's tag (the first byte to replace when splicing). */
  fieldStart: number;
  /** Offset of the graph message's first byte. */
  dataStart: number;
  /** Offset one past the graph message's last byte. */
  dataEnd: number;
}

function corrupt(what: string, cause?: unknown): never {
  throw new EccoError('MODEL_CORRUPT', `The ONNX model could not be read: ${what}.`, {
    hint: 'The file may be truncated or not an ONNX ModelProto; delete it (or its cache entry) and download or export it again.',
    cause,
  });
}

/**
 * Finds the top-level graph field. A ModelProto may in principle carry the field more than once
 * (protobuf merges them); exporters never do, and splicing needs exactly one, so more is refused.
 */
export function locateGraph(bytes: Uint8Array): GraphLocation {
  const reader = protobuf.Reader.create(bytes);
  let found: GraphLocation | undefined;
  try {
    while (reader.pos < reader.len) {
      const fieldStart = reader.pos;
      const tag = reader.uint32();
      const field = tag >>> 3;
      const wireType = tag & 7;
      if (field === MODEL_GRAPH_FIELD && wireType === 2) {
        const length = reader.uint32();
        const dataStart = reader.pos;
        if (dataStart + length > reader.len) corrupt('the graph runs past the end of the file');
        reader.skip(length);
        if (found) corrupt('the model holds more than one graph field');
        found = { fieldStart, dataStart, dataEnd: dataStart + length };
      } else {
        reader.skipType(wireType);
      }
    }
  } catch (cause) {
    if (cause instanceof EccoError) throw cause;
    corrupt('its protobuf encoding is invalid', cause);
  }
  if (!found) corrupt('it has no graph');
  return found;
}

interface RawValueInfo {
  name?: string;
  type?: {
    tensorType?: {
      elemType?: number;
      shape?: { dim?: Array<{ dimValue?: Int64; dimParam?: string }> };
    };
  };
}

function valueInfo(raw: RawValueInfo): OnnxValueInfo {
  const tensorType = raw.type?.tensorType;
  const info: OnnxValueInfo = { name: raw.name ?? '', elemType: tensorType?.elemType ?? 0 };
  if (tensorType?.shape) {
    info.shape = (tensorType.shape.dim ?? []).map((d) =>
      d.dimParam
        ? d.dimParam
        : d.dimValue !== undefined && d.dimValue !== null
          ? int64ToNumber(d.dimValue)
          : null,
    );
  }
  return info;
}

interface RawTensorInfo {
  name?: string;
  dims?: Int64[];
  dataType?: number;
  dataLocation?: number;
  externalData?: Array<{ key?: string; value?: string }>;
}

function constant(raw: RawTensorInfo, name: string): OnnxConstant {
  const c: OnnxConstant = {
    name,
    dims: (raw.dims ?? []).map(int64ToNumber),
    elemType: raw.dataType ?? 0,
  };
  if (raw.dataLocation === 1) {
    const location = raw.externalData?.find((e) => e.key === 'location')?.value;
    if (location) c.externalLocation = location;
  }
  return c;
}

interface RawAttribute {
  name?: string;
  type?: number;
  i?: Int64;
  f?: number;
  ints?: Int64[];
  s?: Uint8Array;
  t?: RawTensorInfo;
}

interface RawNode {
  name?: string;
  opType?: string;
  domain?: string;
  input?: string[];
  output?: string[];
  attribute?: RawAttribute[];
}

const utf8 = new TextDecoder();

function attributes(raw: RawAttribute[] | undefined): Map<string, OnnxAttribute> {
  const map = new Map<string, OnnxAttribute>();
  for (const a of raw ?? []) {
    const attr: OnnxAttribute = { type: a.type ?? 0 };
    if (a.i !== undefined && a.i !== null) attr.i = int64ToNumber(a.i);
    if (a.f !== undefined && a.f !== null) attr.f = a.f;
    if (a.ints?.length) attr.ints = a.ints.map(int64ToNumber);
    if (a.s?.length) attr.s = utf8.decode(a.s);
    map.set(a.name ?? '', attr);
  }
  return map;
}

/**
 * Parses the main graph of an ONNX ModelProto: nodes, constants (with shapes, without payloads),
 * declared inputs/outputs/value_info, and producer/consumer indexes.
 */
export function readModel(bytes: Uint8Array): OnnxGraph {
  const location = locateGraph(bytes);
  let header: { irVersion?: Int64; opsetImport?: Array<{ domain?: string; version?: Int64 }> };
  let raw: {
    node?: RawNode[];
    initializer?: RawTensorInfo[];
    input?: RawValueInfo[];
    output?: RawValueInfo[];
    valueInfo?: RawValueInfo[];
  };
  try {
    header = ModelHeaderType.decode(bytes) as typeof header;
    raw = GraphProtoType.decode(bytes.subarray(location.dataStart, location.dataEnd)) as typeof raw;
  } catch (cause) {
    corrupt('its graph is not valid protobuf', cause);
  }
  const defaultOpset = header.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx');

  const nodes: OnnxNode[] = (raw.node ?? []).map((n, index) => ({
    index,
    name: n.name ?? '',
    opType: n.opType ?? '',
    domain: n.domain ?? '',
    inputs: n.input ?? [],
    outputs: n.output ?? [],
    attributes: attributes(n.attribute),
  }));

  const constants = new Map<string, OnnxConstant>();
  const external = new Set<string>();
  for (const init of raw.initializer ?? []) {
    const c = constant(init, init.name ?? '');
    constants.set(c.name, c);
    if (c.externalLocation) external.add(c.externalLocation);
  }
  const producers = new Map<string, OnnxNode>();
  const consumers = new Map<string, OnnxNode[]>();
  for (const node of nodes) {
    for (const out of node.outputs) if (out) producers.set(out, node);
    for (const input of node.inputs) {
      if (!input) continue;
      const list = consumers.get(input);
      if (list) list.push(node);
      else consumers.set(input, [node]);
    }
    if (node.opType === 'Constant' && node.outputs[0]) {
      const value = (raw.node?.[node.index]?.attribute ?? []).find((a) => a.name === 'value');
      if (value?.t) constants.set(node.outputs[0], constant(value.t, node.outputs[0]));
    }
  }

  return {
    irVersion: int64ToNumber(header.irVersion),
    opsetVersion: int64ToNumber(defaultOpset?.version),
    nodes,
    constants,
    inputs: (raw.input ?? []).map(valueInfo).filter((v) => !constants.has(v.name)),
    outputs: (raw.output ?? []).map(valueInfo),
    valueInfo: new Map((raw.valueInfo ?? []).map((v) => [v.name ?? '', valueInfo(v)])),
    producers,
    consumers,
    externalDataFiles: [...external],
  };
}
