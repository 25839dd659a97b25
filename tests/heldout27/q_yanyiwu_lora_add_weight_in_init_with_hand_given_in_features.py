"""A LoRA residual layer whose low-rank matrices A and B are made with `add_weight` in `__init__`
from an `in_features` the caller passes by hand.

From yanyiwu/practice (`lora-debug.py`): `LoRALayer(in_features, out_features, rank)` creates
`lora_A` (in_features x rank) and `lora_B` (rank x out_features) in the constructor, and the
subclassed `SimpleModelWithLoRA` applies it as a residual on the output of `dense1`. The weights
exist before any input is seen; their input width is whatever number the author typed
(`hidden_dim`), not the width of the tensor the layer is called on, so the layer only works on that
one width and breaks (shape error in `matmul`) when reused on anything else.

Porting edits: `tensorflow.keras` -> `keras`, `tf.matmul` kept; the MNIST load/fit/evaluate dropped;
input_dim 784 -> 12, hidden_dim 256 -> 8, output_dim 10 -> 3, rank 4 -> 2.
"""

SOURCE = "https://github.com/yanyiwu/practice/blob/6c05ae35782cf2a48ab0dc202827b346e4f59356/lora-debug.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/q_yanyiwu_lora_add_weight_in_init_with_hand_given_in_features.py:
as returned: SimpleModelWithLoRA, count_params() = 163, 6 weights, unbuilt: none
after call: count_params() = 163, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'lo_ra_layer': 32}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine27b/probe_ld004.py): LoRALayer(8, 8, rank=2) owns weights (8, 2) and (2, 8) before any
call (built=False); calling it on a width-6 input raises InvalidArgumentError in LoRALayer.call() (matmul
shape mismatch): the input width is the hand-given in_features, not the input's."""

import keras
import numpy as np
import tensorflow as tf
from keras import layers


class LoRALayer(layers.Layer):
    def __init__(self, in_features, out_features, rank=4, alpha=1):
        super(LoRALayer, self).__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.rank = rank
        self.alpha = alpha

        self.A = self.add_weight(shape=(in_features, rank),
                                 initializer='random_normal',
                                 trainable=True, name='lora_A')
        self.B = self.add_weight(shape=(rank, out_features),
                                 initializer='zeros',
                                 trainable=True, name='lora_B')
        self.scaling = self.alpha / self.rank

    def call(self, inputs):
        return tf.matmul(inputs, self.A) @ self.B * self.scaling


class SimpleModelWithLoRA(keras.Model):
    def __init__(self, input_dim, hidden_dim, output_dim, lora_rank=4):
        super(SimpleModelWithLoRA, self).__init__()
        self.dense1 = layers.Dense(hidden_dim)
        self.lora = LoRALayer(hidden_dim, hidden_dim, rank=lora_rank)
        self.dense2 = layers.Dense(output_dim)

    def call(self, inputs):
        x = self.dense1(inputs)
        x = x + self.lora(x)  # LoRA as residual
        return self.dense2(x)


def build_model():
    input_dim, hidden_dim, output_dim = 12, 8, 3
    model = SimpleModelWithLoRA(input_dim, hidden_dim, output_dim, lora_rank=2)
    x = np.random.default_rng(0).random((2, input_dim)).astype("float32")
    model(x)
    return model, x
