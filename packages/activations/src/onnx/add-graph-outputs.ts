import { EccoError } from '@explainable-ecco/core';
import protobuf from 'protobufjs/light.js';
import { OnnxType } from './elem-type.js';
import { hasTensor, type OnnxGraph } from './graph.js';
import { inferElemType } from './infer-elem-type.js';
import { locateGraph, readModel } from './read-model.js';
import {
  GRAPH_NODE_FIELD,
  GRAPH_OUTPUT_FIELD,
  MODEL_GRAPH_FIELD,
  NodeProtoType,
  ValueInfoProtoType,
} from './schema.js';

export interface AddGraphOutputsOptions {
  /** The already-parsed graph of `bytes`, to skip parsing it again. */
  graph?: OnnxGraph;
  /**
   * Make every output float32: tensors of another type (fp16, bf16, double, or a type that cannot
   * be inferred) get a Cast node instead of an Identity. Default true.
   */
  float32?: boolean;
}

export interface AddGraphOutputsResult {
  /** The edited ModelProto. Everything else in the file is kept byte for byte. */
  bytes: Uint8Array;
  /** For each requested tensor, the graph output name that carries it (fetch these). */
  outputNames: string[];
}

const CAST_SUFFIX = '/ecco_float32';
const COPY_SUFFIX = '/ecco_capture';

/**
 * Makes intermediate tensors fetchable: onnxruntime only returns graph outputs, so each tensor gets
 * an Identity (or Cast to float32) node whose output becomes a graph output. The new
 * NodeProto/ValueInfoProto entries are appended inside the graph field and the field's length is
 * rewritten; no other byte of the model changes, so fields this package does not model (and
 * external-data references) survive untouched.
 */
export function addGraphOutputs(
  bytes: Uint8Array,
  tensors: readonly string[],
  options: AddGraphOutputsOptions = {},
): AddGraphOutputsResult {
  const graph = options.graph ?? readModel(bytes);
  const float32 = options.float32 ?? true;
  const existingOutputs = new Set(graph.outputs.map((o) => o.name));
  const extra = protobuf.Writer.create();
  const outputNames: string[] = [];
  const added = new Map<string, string>();

  for (const tensor of tensors) {
    const done = added.get(tensor);
    if (done !== undefined) {
      outputNames.push(done);
      continue;
    }
    if (!hasTensor(graph, tensor)) {
      throw new EccoError(
        'CAPTURE_TENSOR_NOT_FOUND',
        `The model has no tensor named "${tensor}".`,
        {
          hint: 'Pick tensor names from the model graph (e.g. the input of each FFN down-projection MatMul); findCaptureTensors() lists what it would use.',
          details: { tensor },
        },
      );
    }
    const elemType = inferElemType(graph, tensor);
    let outputName = tensor;
    const isFloat32 = elemType === OnnxType.FLOAT;
    // An existing graph output is fetched as is; anything else goes through a new node, so the
    // captured tensor itself never becomes a graph output: onnxruntime refuses to fuse a node
    // whose output is a graph output (GELU → FastGelu/BiasGelu), which would slow the model down.
    const cast = float32 && !isFloat32;
    const copyName = tensor + (cast ? CAST_SUFFIX : COPY_SUFFIX);
    if (existingOutputs.has(copyName)) {
      outputName = copyName; // added by an earlier call: editing twice changes nothing
    } else if (!(existingOutputs.has(tensor) && (isFloat32 || !float32))) {
      outputName = copyName;
      const node = {
        input: [tensor],
        output: [outputName],
        name: `ecco_capture/${tensor}`,
        opType: cast ? 'Cast' : 'Identity',
        attribute: cast ? [{ name: 'to', type: 2, i: OnnxType.FLOAT }] : [],
      };
      extra.uint32((GRAPH_NODE_FIELD << 3) | 2).bytes(NodeProtoType.encode(node).finish());
      const declared = cast ? OnnxType.FLOAT : elemType;
      // Unknown types (float32: false only) are left for onnxruntime to infer.
      const info = declared
        ? { name: outputName, type: { tensorType: { elemType: declared } } }
        : { name: outputName };
      extra.uint32((GRAPH_OUTPUT_FIELD << 3) | 2).bytes(ValueInfoProtoType.encode(info).finish());
      existingOutputs.add(outputName);
    }
    added.set(tensor, outputName);
    outputNames.push(outputName);
  }

  const appended = extra.finish();
  if (appended.length === 0) return { bytes, outputNames };
  const location = locateGraph(bytes);
  const graphLength = location.dataEnd - location.dataStart + appended.length;
  const header = protobuf.Writer.create()
    .uint32((MODEL_GRAPH_FIELD << 3) | 2)
    .uint32(graphLength)
    .finish();
  const out = new Uint8Array(
    bytes.length - (location.dataStart - location.fieldStart) + header.length + appended.length,
  );
  let at = 0;
  const put = (chunk: Uint8Array) => {
    out.set(chunk, at);
    at += chunk.length;
  };
  put(bytes.subarray(0, location.fieldStart));
  put(header);
  put(bytes.subarray(location.dataStart, location.dataEnd));
  put(appended);
  put(bytes.subarray(location.dataEnd));
  return { bytes: out, outputNames };
}
