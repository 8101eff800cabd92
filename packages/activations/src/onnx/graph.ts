/** One node of an ONNX graph, as far as capture needs to know it. */
export interface OnnxNode {
  /** Position in the graph's node list (exporters write nodes in topological order). */
  index: number;
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, OnnxAttribute>;
}

export interface OnnxAttribute {
  type: number;
  i?: number;
  f?: number;
  ints?: number[];
  s?: string;
}

/** A tensor whose value is fixed in the file: an initializer or a Constant node's output. */
export interface OnnxConstant {
  name: string;
  dims: number[];
  elemType: number;
  /** For external data: the file it lives in, relative to the model file. */
  externalLocation?: string;
}

/** A declared value: graph input, output or value_info entry. Unknown dims are names or null. */
export interface OnnxValueInfo {
  name: string;
  elemType: number;
  shape?: Array<number | string | null>;
}

/** The parsed main graph of a ModelProto (subgraphs of If/Loop are not descended into). */
export interface OnnxGraph {
  irVersion: number;
  /** Version of the default ('' / ai.onnx) opset. */
  opsetVersion: number;
  nodes: OnnxNode[];
  constants: Map<string, OnnxConstant>;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  valueInfo: Map<string, OnnxValueInfo>;
  /** Node that produces each tensor. */
  producers: Map<string, OnnxNode>;
  /** Nodes that read each tensor, in graph order. */
  consumers: Map<string, OnnxNode[]>;
  /** External data files the initializers reference, relative to the model file. */
  externalDataFiles: string[];
}

/** True when the tensor exists in the graph (produced by a node, an input, or a constant). */
export function hasTensor(graph: OnnxGraph, name: string): boolean {
  return (
    graph.producers.has(name) ||
    graph.constants.has(name) ||
    graph.inputs.some((input) => input.name === name)
  );
}
