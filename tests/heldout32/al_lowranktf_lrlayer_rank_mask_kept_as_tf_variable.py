"""The low-rank `LowRankLayer` base of `LRDense`/`LRConv2D` keeps its rank mask (the 0/1 vector that
switches singular directions on and off inside `eff_weight()`) as a raw non-trainable `tf.Variable` made in
`__init__` (and re-made by `set_mask`/`set_rank_capacity`): Keras 3 does not track it, so it is not in the
layer's weights and is not saved or restored.

From yliu1021/torch-low-rank (then "tensorflow-low-rank"; `src/lowrank/low_rank_layer.py` at commit
40a7d8c, "added regularization"), a package of low-rank Keras layers used for rank-pruning experiments:
the kernels are U/V factors made with `add_weight` and kept in a dict keyed by rank, the effective kernel
is `u @ diag(mask) @ v`, and the pruners rewrite the mask to drop directions. The factors and bias are
tracked; the mask, which carries the pruning result, is a backend-native variable (LD003): weights
saved after pruning come back with the mask reset.

Porting edits: none to the layer classes (the base and `LRDense`/`LRConv2D` from `layers.py` at the same
commit, kept as written, with the `tensorflow.keras` imports, Keras 3 under TF 2.21). `build_model()`
scales down the repository's `get_lr_model` Sequential: `InputLayer(input_shape=...)` -> `keras.Input(shape)`
(Keras 3 renamed the argument), two LRConv2D with pooling, Flatten, LRDense(16, rank=4), Dense head; the
LR layers start at rank 4 (so each has a mask of 4 ones).
"""

SOURCE = "https://github.com/yliu1021/torch-low-rank/blob/40a7d8c70e6f9e4b3f8b6d0a0d6d31a90f643957/src/lowrank/low_rank_layer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/al/al_lowranktf_lrlayer_rank_mask_kept_as_tf_variable.py:
as returned: Sequential, count_params() = 735, 11 weights, unbuilt: none
after call: count_params() = 735, 11 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 11 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'lr_conv2d': 148, 'lr_conv2d_1': 328, 'lr_dense': 208}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine32/al/p_lowrank.py:
weights: ['sequential/lr_conv2d/kernel_4_u', 'sequential/lr_conv2d/kernel_4_v', 'sequential/lr_conv2d/bias', 'sequential/lr_conv2d_1/kernel_4_u', 'sequential/lr_conv2d_1/kernel_4_v', 'sequential/lr_conv2d_1/bias', 'sequential/lr_dense/kernel_4_u', 'sequential/lr_dense/kernel_4_v', 'sequential/lr_dense/bias', 'sequential/dense/kernel', 'sequential/dense/bias']
mask in weights: False
after pruning set_mask: rank 2
reloaded rank 4 mask [1. 1. 1. 1.]
outputs equal after reload: False"""

from typing import Dict, Optional, Tuple, Union

import numpy as np
import tensorflow as tf
from tensorflow.keras import activations
from tensorflow.keras.initializers import GlorotUniform, Zeros
from tensorflow.keras import regularizers
from tensorflow.keras.layers import Layer


class LowRankLayer(Layer):
    def __init__(self, rank: int, activation: Optional[str] = None, **kwargs):
        super().__init__(**kwargs)
        if rank == -1:
            self._mask: Optional[tf.Variable] = None
        else:
            self._mask: Optional[tf.Variable] = tf.Variable(
                [1.0] * rank, trainable=False
            )
        self.activation = activations.get(activation)
        self.num_inputs: Optional[int] = None
        self.num_outputs: Optional[int] = None
        self.kernels: Dict[
            int, Union[tf.Variable, Tuple[tf.Variable, tf.Variable]]
        ] = {}
        self.bias: Optional[tf.Variable] = None

    @property
    def max_rank(self) -> int:
        return min(self.num_outputs, self.num_inputs)

    @property
    def rank_capacity(self) -> Optional[int]:
        if self._mask is None:
            return None
        if len(self._mask.shape) == 1:
            return self._mask.shape[0]
        else:
            return None

    @property
    def rank(self) -> int:
        if self._mask is None:
            return self.max_rank
        if len(self._mask.shape) == 1:
            return int(sum(self._mask.numpy()))
        else:
            return self.max_rank

    def set_mask(self, new_mask: tf.Variable):
        if self._mask is None:
            self._mask = tf.Variable(new_mask, trainable=False, dtype=tf.float32)
        else:
            self._mask = tf.Variable(new_mask, trainable=False, dtype=tf.float32)

    def eff_weight(self) -> tf.Variable:
        if self._mask is None:
            # we can't mask here
            return self.kernels[-1]
        elif len(self._mask.shape) == 1:
            u, v = self.kernels[self.rank_capacity]
            return u @ tf.linalg.diag(self._mask) @ v
        else:
            return self.kernels[-1] * self._mask

    @property
    def trainable_weights(self):
        if self.rank_capacity is None:
            weights = [self.kernels[-1]]
        else:
            u, v = self.kernels[self.rank_capacity]
            weights = [u, v]
        if self.bias is not None:
            weights.append(self.bias)
        return weights

    def get_config(self):
        config = super().get_config()
        config.update({"rank": self.rank, "activation": self.activation})

    def _allocate_weights(self, rank: int):
        if rank in self.kernels:
            return
        if rank == -1:
            self.kernels[rank] = self.add_weight(
                name=f"kernel_{rank}",
                shape=(self.num_inputs, self.num_outputs),
                initializer=GlorotUniform(),
                regularizer=regularizers.l2(1e-4),
            )
            return
        self.kernels[rank] = (
            self.add_weight(
                name=f"kernel_{rank}_u",
                shape=(self.num_inputs, rank),
                initializer=GlorotUniform(),
                regularizer=regularizers.l2(1e-4),
            ),
            self.add_weight(
                name=f"kernel_{rank}_v",
                shape=(rank, self.num_outputs),
                initializer=GlorotUniform(),
                regularizer=regularizers.l2(1e-4),
            ),
        )


class LRDense(LowRankLayer):
    def __init__(self, num_outputs: int, rank: int, activation: Optional[str] = None):
        super().__init__(rank, activation)
        self.num_outputs = num_outputs

    def build(self, input_shape):
        self.num_inputs = int(input_shape[-1])
        self._allocate_weights(
            self.rank_capacity if self.rank_capacity is not None else -1
        )
        self.bias = self.add_weight(
            name="bias", shape=(self.num_outputs,), initializer=Zeros()
        )

    def call(self, inputs, *args, **kwargs):
        pre_act = inputs @ self.eff_weight() + self.bias
        return self.activation(pre_act)


class LRConv2D(LowRankLayer):
    def __init__(
        self,
        filters: int,
        kernel_size: Union[int, Tuple[int, int]],
        rank: int,
        strides: int = 1,
        activation: Optional[str] = None,
        padding: str = "same",
    ):
        super().__init__(rank, activation)
        self.num_outputs = filters
        if isinstance(kernel_size, int):
            kernel_size = (kernel_size, kernel_size)
        if len(kernel_size) != 2:
            raise ValueError("Kernel size must be a list/tuple of 2 elements")
        self.kernel_size = kernel_size
        self.strides = strides
        self.padding = padding.upper()

    def build(self, input_shape):
        h, w = self.kernel_size
        num_in_channels = input_shape[-1]
        self.num_inputs = h * w * num_in_channels
        self._allocate_weights(
            self.rank_capacity if self.rank_capacity is not None else -1
        )
        self.bias = self.add_weight(
            name="bias", shape=(self.num_outputs,), initializer=Zeros()
        )

    def call(self, inputs, *args, **kwargs):
        weights = self.eff_weight()
        h, w = self.kernel_size
        num_in_channels = self.num_inputs // (h * w)
        weights = tf.reshape(weights, shape=(h, w, num_in_channels, self.num_outputs))
        pre_act = tf.nn.conv2d(inputs, weights, self.strides, self.padding) + self.bias
        return self.activation(pre_act)


def build_model():
    from tensorflow.keras import Sequential, Input
    from tensorflow.keras.layers import Dense, Flatten, MaxPool2D

    return Sequential(
        [
            Input(shape=(8, 8, 3)),
            LRConv2D(8, 3, rank=4, activation="relu", padding="same"),
            MaxPool2D(),
            LRConv2D(8, 3, rank=4, activation="relu", padding="same"),
            MaxPool2D(),
            Flatten(),
            LRDense(16, rank=4, activation="relu"),
            Dense(3, activation="softmax"),
        ]
    )
