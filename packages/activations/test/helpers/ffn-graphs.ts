import {
  buildModel,
  type ModelSpec,
  type NodeSpec,
  randomFloats,
  type TensorSpec,
} from './onnx-builder.js';
import { FLOAT, FLOAT16, INT8, INT64 } from './onnx-proto.js';

/** How the down-projection is expressed, mimicking real exporters. */
export type DownStyle = 'matmul' | 'gpt2-gemm' | 'dynamic-int8';

export interface FfnGraphOptions {
  layers: number;
  hidden: number;
  dff: number;
  /** Scope of layer l's modules, e.g. l => `/model/layers.${l}/mlp`; '' for anonymous nodes. */
  scope: (layer: number) => string;
  /** Name of the up-projection, activation and down-projection modules inside the scope. */
  modules?: { up: string; act: string; down: string };
  style?: DownStyle;
  /** Store weights as external data in this file. */
  external?: string;
  /** Add an attention-like hidden → hidden projection before each FFN (for structural tests). */
  squareProjection?: boolean;
}

export interface FfnGraph {
  bytes: Uint8Array;
  external: Map<string, Uint8Array>;
  /** The activation tensor (down-projection input) of each layer. */
  activationTensors: string[];
  weights: Array<{ up: Float32Array; down: Float32Array; square?: Float32Array }>;
  spec: ModelSpec;
}

function int8Weights(w: Float32Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  const scale = max / 127;
  return { q: Int8Array.from(w, (v) => Math.round(v / scale)), scale };
}

/**
 * A stack of residual FFN blocks, x:[batch, seq, hidden] → y, named like a torch.onnx export:
 * y = x + down(relu(up(x))) per layer.
 */
export function ffnGraph(o: FfnGraphOptions): FfnGraph {
  const modules = o.modules ?? { up: 'up_proj', act: 'act_fn', down: 'down_proj' };
  const style = o.style ?? 'matmul';
  const nodes: NodeSpec[] = [];
  const initializers: TensorSpec[] = [];
  const activationTensors: string[] = [];
  const weights: FfnGraph['weights'] = [];
  let x = 'x';
  let counter = 0;
  const name = (layer: number, module: string, op: string) => {
    const s = o.scope(layer);
    if (!s) return `${op}_${counter++}`;
    // A module reused by every layer keeps its scope; torch suffixes repeated node names.
    const repeated = layer > 0 && s === o.scope(0);
    return `${s}/${module}/${op}${repeated ? `_${layer}` : ''}`;
  };
  const init = (t: TensorSpec) =>
    initializers.push(o.external ? { ...t, external: o.external } : t);
  for (let l = 0; l < o.layers; l++) {
    const up = randomFloats(o.hidden * o.dff, 100 + l, 0.5);
    const down = randomFloats(o.dff * o.hidden, 200 + l, 0.5);
    const entry: FfnGraph['weights'][number] = { up, down };
    if (o.squareProjection) {
      const square = randomFloats(o.hidden * o.hidden, 300 + l, 0.5);
      entry.square = square;
      init({ name: `attn${l}.weight`, dims: [o.hidden, o.hidden], type: FLOAT, data: square });
      const out = `${name(l, 'attn', 'MatMul')}_output_0`;
      nodes.push({
        op: 'MatMul',
        name: name(l, 'attn', 'MatMul'),
        inputs: [x, `attn${l}.weight`],
        outputs: [out],
      });
      x = out;
    }
    weights.push(entry);
    init({ name: `up${l}.weight`, dims: [o.hidden, o.dff], type: FLOAT, data: up });
    const h = `${name(l, modules.up, 'MatMul')}_output_0`;
    nodes.push({
      op: 'MatMul',
      name: name(l, modules.up, 'MatMul'),
      inputs: [x, `up${l}.weight`],
      outputs: [h],
    });
    const a = `${name(l, modules.act, 'Relu')}_output_0`;
    nodes.push({ op: 'Relu', name: name(l, modules.act, 'Relu'), inputs: [h], outputs: [a] });
    activationTensors.push(a);
    const d = `${name(l, modules.down, 'out')}_output_0`;
    if (style === 'matmul') {
      init({ name: `down${l}.weight`, dims: [o.dff, o.hidden], type: FLOAT, data: down });
      nodes.push({
        op: 'MatMul',
        name: name(l, modules.down, 'MatMul'),
        inputs: [a, `down${l}.weight`],
        outputs: [d],
      });
    } else if (style === 'gpt2-gemm') {
      // Conv1D: flatten to 2-D, Gemm with a [d_ff, hidden] weight, restore the 3-D shape.
      const flat = `${name(l, modules.down, 'Reshape')}_output_0`;
      const gemm = `${name(l, modules.down, 'Gemm')}_output_0`;
      init({
        name: `down${l}.flat_shape`,
        dims: [2],
        type: INT64,
        data: new BigInt64Array([-1n, BigInt(o.dff)]),
      });
      init({ name: `down${l}.weight`, dims: [o.dff, o.hidden], type: FLOAT, data: down });
      init({
        name: `down${l}.bias`,
        dims: [o.hidden],
        type: FLOAT,
        data: new Float32Array(o.hidden),
      });
      nodes.push({
        op: 'Reshape',
        name: name(l, modules.down, 'Reshape'),
        inputs: [a, `down${l}.flat_shape`],
        outputs: [flat],
      });
      nodes.push({
        op: 'Gemm',
        name: name(l, modules.down, 'Gemm'),
        inputs: [flat, `down${l}.weight`, `down${l}.bias`],
        outputs: [gemm],
        attrs: { alpha: { float: 1 }, beta: { float: 1 } },
      });
      const shape = `${name(l, modules.down, 'Shape')}_output_0`;
      nodes.push({
        op: 'Shape',
        name: name(l, modules.down, 'Shape'),
        inputs: [x],
        outputs: [shape],
      });
      nodes.push({
        op: 'Reshape',
        name: name(l, modules.down, 'Reshape_1'),
        inputs: [gemm, shape],
        outputs: [d],
      });
    } else {
      // onnxruntime quantize_dynamic's pattern: the quantizer is named after its input tensor.
      const { q, scale } = int8Weights(down);
      init({ name: `down${l}.weight_quantized`, dims: [o.dff, o.hidden], type: INT8, data: q });
      init({
        name: `down${l}.weight_scale`,
        dims: [],
        type: FLOAT,
        data: new Float32Array([scale]),
      });
      init({ name: `down${l}.weight_zero_point`, dims: [], type: INT8, data: new Int8Array([0]) });
      nodes.push({
        op: 'DynamicQuantizeLinear',
        name: `${a}_QuantizeLinear`,
        inputs: [a],
        outputs: [`${a}_quantized`, `${a}_scale`, `${a}_zero_point`],
      });
      const mm = name(l, modules.down, 'MatMul_quant');
      nodes.push({
        op: 'MatMulInteger',
        name: mm,
        inputs: [
          `${a}_quantized`,
          `down${l}.weight_quantized`,
          `${a}_zero_point`,
          `down${l}.weight_zero_point`,
        ],
        outputs: [`${mm}_int32`],
      });
      nodes.push({
        op: 'Cast',
        name: `${mm}_cast`,
        inputs: [`${mm}_int32`],
        outputs: [`${mm}_float`],
        attrs: { to: FLOAT },
      });
      nodes.push({
        op: 'Mul',
        name: `${mm}_scales_mul`,
        inputs: [`${a}_scale`, `down${l}.weight_scale`],
        outputs: [`${mm}_scale`],
      });
      nodes.push({
        op: 'Mul',
        name: `${mm}_output_scale_mul`,
        inputs: [`${mm}_float`, `${mm}_scale`],
        outputs: [d],
      });
    }
    const next = `residual_${l}`;
    nodes.push({ op: 'Add', name: `/residual.${l}/Add`, inputs: [x, d], outputs: [next] });
    x = next;
  }
  nodes.push({ op: 'Identity', name: '/output/Identity', inputs: [x], outputs: ['y'] });
  const spec: ModelSpec = {
    nodes,
    inputs: [{ name: 'x', type: FLOAT, shape: ['batch', 'seq', o.hidden] }],
    outputs: [{ name: 'y', type: FLOAT, shape: ['batch', 'seq', o.hidden] }],
    initializers,
    metadata: { source: 'ffn-graphs' },
  };
  const built = buildModel(spec);
  return { ...built, activationTensors, weights, spec };
}

/** Reference forward pass of ffnGraph in plain JS (float32 style): activations per layer, rows × d_ff. */
export function ffnReference(
  g: FfnGraph,
  x: Float32Array,
  hidden: number,
  dff: number,
): Float32Array[] {
  const rows = x.length / hidden;
  let cur = Float32Array.from(x);
  const acts: Float32Array[] = [];
  for (const w of g.weights) {
    if (w.square) {
      const next = new Float32Array(rows * hidden);
      for (let r = 0; r < rows; r++)
        for (let j = 0; j < hidden; j++) {
          let s = 0;
          for (let k = 0; k < hidden; k++) s += cur[r * hidden + k]! * w.square[k * hidden + j]!;
          next[r * hidden + j] = s;
        }
      cur = next;
    }
    const a = new Float32Array(rows * dff);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < dff; j++) {
        let s = 0;
        for (let k = 0; k < hidden; k++) s += cur[r * hidden + k]! * w.up[k * dff + j]!;
        a[r * dff + j] = Math.max(0, s);
      }
    acts.push(a);
    const next = new Float32Array(rows * hidden);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < hidden; j++) {
        let s = 0;
        for (let k = 0; k < dff; k++) s += a[r * dff + k]! * w.down[k * hidden + j]!;
        next[r * hidden + j] = cur[r * hidden + j]! + s;
      }
    cur = next;
  }
  return acts;
}

export { FLOAT16 };
