"""The shared vocabulary: severities, Keras flavours (targets), detectors and the docs address.

A leaf module: it imports nothing from layerdoctor, so every other module can import it
without creating an import cycle.
"""

from __future__ import annotations

SEVERITIES = ("error", "warning", "info")

# Keras flavours a finding can speak of.
KERAS3 = "keras3"
TF_KERAS = "tf-keras"
TARGETS = (KERAS3, TF_KERAS)
FLAVOUR_NAMES = {KERAS3: "Keras 3", TF_KERAS: "tf.keras 2"}

DETECTORS = ("static", "runtime")

# Ops that contract their input with a weight: an operand of one of these is used as a weight
# (lint's and inspect's checks for random or one-value tensors used in a weight's place).
WEIGHT_OPERAND_OPS = frozenset({
    "matmul", "dot", "tensordot", "batch_dot", "einsum", "mm", "bmm", "linear",
    "conv", "convolution", "conv1d", "conv2d", "conv3d", "conv_transpose", "conv1d_transpose",
    "conv2d_transpose", "conv3d_transpose", "depthwise_conv", "depthwise_conv2d", "separable_conv",
    "depthwise_conv1d", "depthwise_conv3d", "separable_conv1d", "separable_conv2d",
})

# A layer's public lists of its weights (read-only properties on Keras 3).
WEIGHT_LISTS = frozenset({"weights", "variables", "trainable_weights", "non_trainable_weights", "trainable_variables",
                          "non_trainable_variables"})

# The methods Keras itself runs on a layer by its first call (or while loading one): state made anywhere else
# exists only if user code runs that method.
KERAS_RUN_METHODS = frozenset({"__init__", "build", "call", "__call__", "build_from_config"})

# Where docs/rules.md is published; each rule's help link is this plus `#ldNNN`.
DOCS_URL = "https://github.com/layerdoctor/layerdoctor/blob/main/docs/rules.md"


def flavour_name(target: str) -> str:
    return FLAVOUR_NAMES.get(target, target)
