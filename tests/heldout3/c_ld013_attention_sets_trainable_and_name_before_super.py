"""A multi-head attention layer stores `trainable=False` and `name='MHA'` on `self` before calling `super().__init__()`.

The report follows the TF transformer tutorial but freezes the layer by default: `__init__` sets
`self.trainable = trainable` (default `False`) and `self.name = name`, then calls
`super().__init__(**kwargs)`, and `build()` creates the four `Dense` projections with
`trainable=self.trainable`. `Layer.__init__` resets both settings, so the "frozen" layer trains
and loses its name. Rewritten with `keras.ops`.
"""

SOURCE = "https://github.com/rstudio/keras3/issues/926"
CODES = ("LD013",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py c_ld013_attention_sets_trainable_and_name_before_super.py:
as returned: Functional, count_params() = 297, 10 weights, unbuilt: none
after call: count_params() = 297, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'multi_head_attention': 288}
second call: 0 variables watched that the first call did not use"""

import keras


class MultiHeadAttention(keras.layers.Layer):
    def __init__(self, d_model, num_heads, trainable=False, name="MHA", **kwargs):
        self.num_heads = num_heads
        self.d_model = d_model
        self.trainable = trainable
        self.name = name
        self.depth = d_model // num_heads
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.wq = keras.layers.Dense(self.d_model, trainable=self.trainable)
        self.wk = keras.layers.Dense(self.d_model, trainable=self.trainable)
        self.wv = keras.layers.Dense(self.d_model, trainable=self.trainable)
        self.dense = keras.layers.Dense(self.d_model, trainable=self.trainable)

    def split_heads(self, x):
        x = keras.ops.reshape(x, (-1, x.shape[1], self.num_heads, self.depth))
        return keras.ops.transpose(x, (0, 2, 1, 3))

    def call(self, x):
        q, k, v = (self.split_heads(proj(x)) for proj in (self.wq, self.wk, self.wv))
        scores = keras.ops.matmul(q, keras.ops.transpose(k, (0, 1, 3, 2))) / self.depth ** 0.5
        attended = keras.ops.matmul(keras.ops.softmax(scores, axis=-1), v)
        attended = keras.ops.reshape(keras.ops.transpose(attended, (0, 2, 1, 3)), (-1, x.shape[1], self.d_model))
        return self.dense(attended)


def build_model():
    inputs = keras.Input((5, 8))
    x = MultiHeadAttention(d_model=8, num_heads=2)(inputs)
    x = keras.layers.GlobalAveragePooling1D()(x)
    return keras.Model(inputs, keras.layers.Dense(1)(x))
