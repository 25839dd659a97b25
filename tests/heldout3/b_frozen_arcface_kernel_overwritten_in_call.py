"""An ArcFace head normalises its weight in place: `self.w = tf.nn.l2_normalize(self.w, axis=0)` inside `call()`.

yinguobing/arcface's first `ArcLayer` (network.py, January 2021) creates `self.w` with `add_weight` in
`build` and, in `call`, overwrites the attribute with the normalised tensor before
`tf.matmul(inputs, self.w, name="cos_t")`. Later commits wrapped `call` in `tf.function`, then replaced
it with a local `weights = l2_normalize(self.kernel)`. After the functional model is wired, the
layer's attribute is the symbolic tensor of that trace instead of the variable.
"""

SOURCE = "https://github.com/yinguobing/arcface/blob/f93ea344519bd91dbb3e030895a231e8251129a1/network.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py b_frozen_arcface_kernel_overwritten_in_call.py:
as returned: Functional, count_params() = 864, 7 weights, unbuilt: none
call 1 raised TypeError: Exception encountered when calling ArcLayer.call().
extra check (python: build_model(), then the last layer's `w` and one eager call on ones((2, 16))): `w` is a
SymbolicTensor (the l2_normalize output of the functional trace); the call fails with "<tf.Tensor
'l2_normalize:0' shape=(8, 5) dtype=float32> is out of scope and cannot be used here"."""

import keras
import tensorflow as tf


class ArcLayer(keras.layers.Layer):
    """Custom layer for ArcFace."""

    def __init__(self, embedding_size, num_ids, **kwargs):
        super().__init__(**kwargs)
        self.embedding_size = embedding_size
        self.num_ids = num_ids

    def build(self, input_shape):
        self.w = self.add_weight(shape=[self.embedding_size, self.num_ids],
                                 dtype=tf.float32,
                                 initializer=keras.initializers.HeNormal(),
                                 trainable=True)

    def call(self, inputs):
        self.w = tf.nn.l2_normalize(self.w, axis=0)
        return tf.matmul(inputs, self.w, name="cos_t")


def build_model():
    images = keras.Input((16,))
    embeddings = keras.layers.Dense(8)(keras.layers.Dense(32, activation="relu")(images))
    embeddings = keras.layers.LayerNormalization()(embeddings)
    return keras.Model(images, ArcLayer(8, 5)(embeddings))
