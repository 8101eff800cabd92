"""Dynamic int8 quantization of an ONNX graph, node for node the pattern onnxruntime's
`quantize_dynamic` writes (onnxruntime's Python tools cannot be installed here):

  MatMul(A, W)  →  DynamicQuantizeLinear(A) → MatMulInteger `<name>_quant`(A_q, W_q, A_zp, W_zp)
                   → Cast → Mul(·, A_scale · W_scale) → original output name
  Gather(E, i)  →  Gather(E_q, i) → DequantizeLinear → original output name

Only MatMul/Gather whose weight is a 2-D float initializer change; Gemm stays float (that is
what GPT-2's Conv1D exports to). Weights of MatMul are int8 per output column, symmetric, with
a 7-bit range (onnxruntime's `reduce_range`, which avoids int16 saturation in u8·s8 kernels);
embeddings are uint8 per tensor.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

_INT8_MAX = 63  # reduce_range


def _float_2d(init: onnx.TensorProto | None) -> bool:
    return init is not None and init.data_type == TensorProto.FLOAT and len(init.dims) == 2


def _quantize_columns(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = np.abs(w).max(axis=0) / _INT8_MAX
    scale = np.where(scale == 0, 1.0, scale).astype(np.float32)
    q = np.clip(np.round(w / scale), -_INT8_MAX - 1, _INT8_MAX).astype(np.int8)
    return q, scale


def _quantize_uint8(w: np.ndarray) -> tuple[np.ndarray, np.float32, np.uint8]:
    lo, hi = min(float(w.min()), 0.0), max(float(w.max()), 0.0)
    scale = np.float32((hi - lo) / 255.0 or 1.0)
    zero = np.uint8(np.clip(round(-lo / scale), 0, 255))
    q = np.clip(np.round(w / scale) + zero, 0, 255).astype(np.uint8)
    return q, scale, zero


class _Rewriter:
    def __init__(self, model: onnx.ModelProto):
        self.model = model
        self.graph = model.graph
        self.inits = {i.name: i for i in self.graph.initializer}
        self.added: list[onnx.TensorProto] = []
        self.done_weights: set[str] = set()
        self.done_acts: set[str] = set()
        self.nodes: list[onnx.NodeProto] = []

    def _add_init(self, array: np.ndarray, name: str) -> None:
        self.added.append(numpy_helper.from_array(array, name))

    def _matmul(self, node: onnx.NodeProto) -> None:
        a, w_name = node.input
        if a not in self.done_acts:
            self.done_acts.add(a)
            self.nodes.append(
                helper.make_node(
                    "DynamicQuantizeLinear",
                    [a],
                    [f"{a}_quantized", f"{a}_scale", f"{a}_zero_point"],
                    name=f"{a}_QuantizeLinear",
                )
            )
        if w_name not in self.done_weights:
            self.done_weights.add(w_name)
            q, scale = _quantize_columns(numpy_helper.to_array(self.inits[w_name]))
            self._add_init(q, f"{w_name}_quantized")
            self._add_init(scale, f"{w_name}_scale")
            self._add_init(np.zeros_like(scale, dtype=np.int8), f"{w_name}_zero_point")
        name = f"{node.name}_quant"
        integer_out = f"{node.output[0]}_output_quantized"
        scales = f"{name}_scales_mul:0"
        self.nodes += [
            helper.make_node(
                "MatMulInteger",
                [f"{a}_quantized", f"{w_name}_quantized", f"{a}_zero_point", f"{w_name}_zero_point"],
                [integer_out],
                name=name,
            ),
            helper.make_node("Mul", [f"{a}_scale", f"{w_name}_scale"], [scales], name=f"{name}_scales_mul"),
            helper.make_node(
                "Cast", [integer_out], [f"{integer_out}_cast_output"], name=f"{integer_out}_cast", to=TensorProto.FLOAT
            ),
            helper.make_node(
                "Mul", [f"{integer_out}_cast_output", scales], [node.output[0]], name=f"{name}_output_scale_mul"
            ),
        ]

    def _gather(self, node: onnx.NodeProto) -> None:
        w_name, indices = node.input
        if w_name not in self.done_weights:
            self.done_weights.add(w_name)
            q, scale, zero = _quantize_uint8(numpy_helper.to_array(self.inits[w_name]))
            self._add_init(q, f"{w_name}_quantized")
            self._add_init(np.array(scale, dtype=np.float32), f"{w_name}_scale")
            self._add_init(np.array(zero, dtype=np.uint8), f"{w_name}_zero_point")
        quantized_out = f"{node.output[0]}_quantized"
        gather = helper.make_node("Gather", [f"{w_name}_quantized", indices], [quantized_out], name=node.name)
        gather.attribute.extend(node.attribute)
        self.nodes += [
            gather,
            helper.make_node(
                "DequantizeLinear",
                [quantized_out, f"{w_name}_scale", f"{w_name}_zero_point"],
                [node.output[0]],
                name=f"{node.output[0]}_DequantizeLinear",
            ),
        ]

    def run(self) -> onnx.ModelProto:
        for node in self.graph.node:
            if node.op_type == "MatMul" and _float_2d(self.inits.get(node.input[1])):
                self._matmul(node)
            elif (
                node.op_type == "Gather"
                and _float_2d(self.inits.get(node.input[0]))
                and all(a.name != "axis" or a.i == 0 for a in node.attribute)
            ):
                self._gather(node)
            else:
                self.nodes.append(node)
        used = {name for n in self.nodes for name in n.input}
        kept = [i for i in self.graph.initializer if i.name in used]
        del self.graph.node[:]
        self.graph.node.extend(self.nodes)
        del self.graph.initializer[:]
        self.graph.initializer.extend(kept + self.added)
        onnx.checker.check_model(self.model)
        return self.model


def quantize_dynamic_file(src: Path, dst: Path) -> None:
    model = onnx.load(str(src))
    onnx.save(_Rewriter(model).run(), str(dst))
