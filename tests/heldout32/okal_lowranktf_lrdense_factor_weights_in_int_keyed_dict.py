"""The first `LRDense` of a low-rank layer package keeps its weights in a plain dict keyed by rank
(`self.kernels = {}` in `__init__`, `self.kernels[-1] = add_weight(...)` or `self.kernels[r] = (u, v)`, a
tuple of two `add_weight`s, in `build()`): looks like variables hidden in an untracked container, but every
entry is an `add_weight`, so Keras 3 tracks, counts and trains U, V and the bias.

From yliu1021/torch-low-rank (then "tensorflow-low-rank"; `src/lowrank/dense.py` at commit ccc1975, "low
rank weights are kept in a dictionary indexed by rank for efficiency"). The dict is annotated as holding
`tf.Variable`s and assigned before any weight exists, and the effective kernel is rebuilt as `u @ v` in
`call()`, two things a checker of LD011/LD010 might flag. On Keras 3 the dict becomes a tracked dict, and
the variables are owned by the layer through `add_weight` anyway.

Porting edits: none (written against `tensorflow.keras`, Keras 3 under TF 2.21). `build_model()`: a
Sequential Input(12) -> LRDense(8, rank=3, relu) -> LRDense(4, rank=-1) (full-rank branch) -> Dense(2).
Not exercised here: `set_rank()` after training, which adds the new rank's weights next to the old ones
(the old factors stay in the weights list, unused); the case is about the container, built as the
repository's models build it.
"""

SOURCE = "https://github.com/yliu1021/torch-low-rank/blob/ccc1975bf5fbff04799fabadccacc0b8c8e1dcf5/src/lowrank/dense.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/al/okal_lowranktf_lrdense_factor_weights_in_int_keyed_dict.py:
as returned: Sequential, count_params() = 114, 7 weights, unbuilt: none
after call: count_params() = 114, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'lr_dense': 68, 'lr_dense_1': 36}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine32/al/p_fitsave.py:
fit: changed 7 of 7 trainable weights; unchanged: []
save_weights/load_weights round trip: outputs equal = True"""

from typing import Optional, Union

import numpy as np
import tensorflow as tf
from tensorflow.keras import activations
from tensorflow.keras.initializers import Constant, GlorotUniform, Zeros
from tensorflow.keras.layers import Layer


class LRDense(Layer):
    def __init__(self, num_outputs: int, rank: int, activation: Optional[str] = None):
        super().__init__()
        self.num_inputs: Optional[int] = None
        self.num_outputs = num_outputs
        self._rank = rank
        self.activation = activations.get(activation)

        self.kernels: dict[int, Union[tf.Variable, tuple[tf.Variable, tf.Variable]]] = {}
        # self.kernel: Optional[tf.Variable] = None
        # self.kernel_svd: Optional[tuple[tf.Variable, tf.Variable]] = None
        self.bias: Optional[tf.Variable] = None

    @property
    def rank(self) -> int:
        return self._rank

    def set_rank(self, new_rank: int):
        assert self.num_inputs is not None, "Layer needs to be built first"
        eff_weights = self.eff_weight()
        self._rank = new_rank
        if self._rank <= 0 and self._rank != -1:
            raise ValueError(f"Rank must be -1 or positive. Got {self._rank} instead.")
        if self._rank > min(self.num_inputs, self.num_outputs):
            raise ValueError("Rank must be less than min(num inputs, num outputs)")
        self._create_weights(self._rank)
        if self._rank == -1:
            self.kernels[self._rank].assign(eff_weights)
        else:
            u, s, v = np.linalg.svd(eff_weights, full_matrices=False)
            u = u[:, : self.rank]
            s = s[: self.rank] ** 0.5
            v = v[: self.rank, :]
            kernel_u, kernel_v = self.kernels[self._rank]
            kernel_u.assign(u * s)
            kernel_v.assign(s[:, None] * v)

    def eff_weight(self):
        if self._rank not in self.kernels:
            return None
        if self._rank == -1:
            return self.kernels[self._rank]
        else:
            u, v = self.kernels[self._rank]
            return u @ v

    def build(self, input_shape):
        self.num_inputs = int(input_shape[-1])
        self._create_weights(self._rank)
        self.bias = self.add_weight(
            name="bias", shape=(self.num_outputs,), initializer=Zeros()
        )

    def call(self, inputs, *args, **kwargs):
        pre_act = inputs @ self.eff_weight() + self.bias
        return self.activation(pre_act)

    def _create_weights(self, rank: int):
        if rank in self.kernels:
            return
        if rank == -1:
            self.kernels[rank] = self.add_weight(
                name=f"kernel_{rank}",
                shape=(self.num_inputs, self.num_outputs),
                initializer=GlorotUniform(),
            )
        else:
            self.kernels[rank] = (
                self.add_weight(
                    name=f"kernel_{rank}_u",
                    shape=(self.num_inputs, rank),
                    initializer=GlorotUniform()),
                self.add_weight(
                    name=f"kernel_{rank}_v",
                    shape=(rank, self.num_outputs),
                    initializer=GlorotUniform()),
            )


def build_model():
    return tf.keras.Sequential([
        tf.keras.Input((12,)),
        LRDense(8, rank=3, activation="relu"),
        LRDense(4, rank=-1),
        tf.keras.layers.Dense(2),
    ])
