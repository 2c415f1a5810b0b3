#!/usr/bin/python3
"""Writes tiny_classifier.onnx: the smallest model that satisfies ShapeDnn's ONNX contract.

Contract: input `pixels` float32 [batch, 3, 4, 5] of raw values 0..255 (the graph normalises
itself), outputs `logits` and `probabilities` float32 [batch, 4]. The graph is
pixels / 255 -> Flatten -> Gemm -> logits -> Softmax -> probabilities, with seeded weights.
Regenerate with Debian's python3-onnx:  /usr/bin/python3 make_tiny_classifier.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

C, H, W, K = 3, 4, 5, 4

rng = np.random.default_rng(20240611)
weight = (rng.standard_normal((K, C * H * W)) * 0.5).astype(np.float32)
bias = (rng.standard_normal(K) * 0.1).astype(np.float32)

nodes = [
    helper.make_node("Div", ["pixels", "scale"], ["scaled"]),
    helper.make_node("Flatten", ["scaled"], ["flat"], axis=1),
    helper.make_node("Gemm", ["flat", "weight", "bias"], ["logits"], transB=1),
    helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
]
graph = helper.make_graph(
    nodes,
    "tiny_classifier",
    inputs=[helper.make_tensor_value_info("pixels", TensorProto.FLOAT, ["batch", C, H, W])],
    outputs=[
        helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", K]),
        helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", K]),
    ],
    initializer=[
        numpy_helper.from_array(np.array(255.0, dtype=np.float32), "scale"),
        numpy_helper.from_array(weight, "weight"),
        numpy_helper.from_array(bias, "bias"),
    ],
)
model = helper.make_model(graph, producer_name="ShapeDnn tests", opset_imports=[helper.make_opsetid("", 17)])
model.ir_version = 8
onnx.checker.check_model(model, full_check=True)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny_classifier.onnx")
onnx.save(model, out)
print(out, os.path.getsize(out), "bytes")
