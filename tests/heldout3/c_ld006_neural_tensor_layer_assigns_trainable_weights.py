"""A neural tensor layer ported to Keras 3 still lists its weights by assigning `self.trainable_weights`.

The report's `NeuralTensorLayer` creates `W`, `V` and `b` as backend variables in `build()` and
then writes `self.trainable_weights = [self.W, self.b]` (the fix added the forgotten `V`). On Keras
3 `trainable_weights` is a read-only property, so the assignment itself fails when the layer is
built. Rewritten with `keras.Variable`s and `keras.ops`.
"""

SOURCE = "https://github.com/dapurv5/keras-neural-tensor-layer/pull/2"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py c_ld006_neural_tensor_layer_assigns_trainable_weights.py:
build_model() raised AttributeError: property 'trainable_weights' of 'NeuralTensorLayer' object has no setter"""

import keras
import numpy as np


class NeuralTensorLayer(keras.layers.Layer):
    def __init__(self, output_dim, input_dim, **kwargs):
        super().__init__(**kwargs)
        self.output_dim = output_dim
        self.input_dim = input_dim

    def build(self, input_shape):
        k, d = self.output_dim, self.input_dim
        rng = np.random.default_rng(0)
        self.W = keras.Variable(rng.standard_normal((k, d, d)).astype("float32"), name="W")
        self.V = keras.Variable(rng.standard_normal((2 * d, k)).astype("float32"), name="V")
        self.b = keras.Variable(np.zeros((d,), "float32"), name="b")
        self.trainable_weights = [self.W, self.V, self.b]

    def call(self, inputs):
        e1, e2 = inputs
        feed_forward = keras.ops.matmul(keras.ops.concatenate([e1, e2], axis=-1), self.V)
        bilinear = [keras.ops.sum(e2 * keras.ops.matmul(e1, self.W[i]) + self.b, axis=1)
                    for i in range(self.output_dim)]
        return keras.ops.tanh(keras.ops.stack(bilinear, axis=1)) + feed_forward


def build_model():
    e1 = keras.Input((4,))
    e2 = keras.Input((4,))
    score = NeuralTensorLayer(output_dim=3, input_dim=4)([e1, e2])
    return keras.Model([e1, e2], keras.layers.Dense(1)(score))
