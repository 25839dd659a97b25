"""A LoRA layer that makes its own frozen base matrix `W` (`add_weight(..., trainable=False)`) next to
the trainable low-rank factors `A` and `B`, all in `build()`, and adds `x @ A @ B * alpha / r` to
`x @ W`.

From ZeroSum0x00/Classification (`models/layers/lora.py`). Looks like weights that are never trained
(a `trainable=False` kernel that the output depends on) and like a LoRA branch that gets no
gradient (`B` starts at zeros, so the low-rank product is 0 at the start). On Keras 3 it is the
intended design: `W` is a non-trainable weight (counted, saved, not updated), `A` and `B` are
trainable and both get a gradient (B's gradient is `(x A)^T dy`, nonzero; A's is zero at step 0
only because B is zero, not a missing gradient).

Porting edits: `tf.keras` -> `keras` (the ops stay `tf.*`); the layer is placed in a small functional
classifier head (Input 12 -> LoRALayer(8, r=2) -> ReLU -> Dense(3)), since the repository only
defines the layer.
"""

SOURCE = "https://github.com/ZeroSum0x00/Classification/blob/5ff97805f42f5b5a9baad6739030afe76ba4ec70/models/layers/lora.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/okj_zerosum_lora_layer_frozen_base_weight.py:
as returned: Functional, count_params() = 163, 5 weights, unbuilt: none
after call: count_params() = 163, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'lora': 136}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine24a/p3.py, SGD(0.1), mse, two fit steps): weights lora/A, lora/B (trainable),
lora/W (non-trainable), dense kernel/bias; after fit lora/A, lora/B and the Dense changed, lora/W did
not (it is frozen by design)."""

import tensorflow as tf
import keras


class LoRALayer(keras.layers.Layer):
    def __init__(self, units, r=4, alpha=1.0, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.r = r
        self.alpha = alpha

    def build(self, input_shape):
        input_dim = input_shape[-1]

        self.W = self.add_weight(
            name="W",
            shape=[input_dim, self.units],
            initializer="glorot_uniform",
            trainable=False,
        )

        self.A = self.add_weight(
            name="A",
            shape=[input_dim, self.r],
            initializer="random_normal",
            trainable=True,
        )

        self.B = self.add_weight(
            name="B",
            shape=[self.r, self.units],
            initializer="zeros",
            trainable=True,
        )

    def call(self, inputs):
        lora_out = tf.matmul(inputs, self.A)
        lora_out = tf.matmul(lora_out, self.B) * (self.alpha / self.r)
        return tf.matmul(inputs, self.W) + lora_out


def build_model():
    inputs = keras.Input(shape=(12,))
    x = LoRALayer(8, r=2, name="lora")(inputs)
    x = keras.layers.ReLU()(x)
    outputs = keras.layers.Dense(3)(x)
    return keras.Model(inputs, outputs)
