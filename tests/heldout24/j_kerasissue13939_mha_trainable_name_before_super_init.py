"""A hand-written multi-head attention layer (after the TensorFlow transformer tutorial) that stores
`num_heads`, `d_model`, `trainable=False` and `name='MHA'` on `self` before calling
`super().__init__(**kwargs)`, and creates its four `Dense` projections in `build()` with
`trainable=self.trainable`.

From keras-team/keras issue #13939 ("Custom layer created with no parameter"). The report shows the
layer's `__init__`/`build`; the rest of the class (`split_heads`, `_scaled_dot_product_attention`,
`call`) is the tutorial's, as the reporter says. On Keras 3 the late `super().__init__()` resets what
was set before it: the layer's name becomes the automatic `multi_head_attention`, and `trainable`
goes back to True, so the projections built from `self.trainable` are trainable too: the frozen
attention block the author asked for (`trainable=False` is the default of the signature) is trained.

Porting edits: `keras.layers.Dense`/`Dense` from `keras`; the tutorial's ops stay `tf.*`; the layer is
used in a small functional encoder (Input (5, 8) -> MHA(d_model=8, num_heads=2) -> pooling -> Dense(2)),
the issue shows no model.
"""

SOURCE = "https://github.com/keras-team/keras/issues/13939"
CODES = ("LD013",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout24/_measure.py tests/heldout24/j_kerasissue13939_mha_trainable_name_before_super_init.py:
as returned: Functional, count_params() = 306, 10 weights, unbuilt: none
after call: count_params() = 306, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'multi_head_attention': 288}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine24a/p5.py): the layer is named 'multi_head_attention' (not 'MHA') and has
trainable=True although it was constructed with the default trainable=False; its four Dense
projections were built with trainable=True; all 306 parameters of the model are trainable (the
author wanted the 288 attention parameters frozen). No warning or error is printed."""

import tensorflow as tf
import keras
from keras.layers import Dense


class MultiHeadAttention(keras.layers.Layer):
    def __init__(self, d_model, num_heads, trainable = False, name = 'MHA', **kwargs):
        self.num_heads = num_heads
        self.d_model = d_model
        self.trainable = trainable
        self.name = name

        assert d_model % self.num_heads == 0
        self.depth = self.d_model // self.num_heads
        super(MultiHeadAttention, self).__init__(**kwargs)

    def build(self, input_shape):

        self.wq = Dense(self.d_model, activation = 'relu', trainable = self.trainable)
        self.wk = Dense(self.d_model, activation = 'relu', trainable = self.trainable)
        self.wv = Dense(self.d_model, activation = 'relu', trainable = self.trainable)

        self.dense = keras.layers.Dense(self.d_model, trainable = self.trainable)

        super(MultiHeadAttention, self).build(input_shape)

    def _scaled_dot_product_attention(self, q, k, v, mask = None):
        matmul_qk = tf.matmul(q, k, transpose_b=True)
        dk = tf.cast(tf.shape(k)[-1], tf.float32)
        scaled_attention_logits = matmul_qk / tf.math.sqrt(dk)
        if mask is not None:
            scaled_attention_logits += (mask * -1e9)
        attention_weights = tf.nn.softmax(scaled_attention_logits, axis=-1)
        output = tf.matmul(attention_weights, v)
        return output, attention_weights

    def split_heads(self, x, batch_size):
        x = tf.reshape(x, (batch_size, -1, self.num_heads, self.depth))
        return tf.transpose(x, perm=[0, 2, 1, 3])

    def call(self, inputs, mask = None):
        batch_size = tf.shape(inputs)[0]

        q = self.wq(inputs)
        k = self.wk(inputs)
        v = self.wv(inputs)

        q = self.split_heads(q, batch_size)
        k = self.split_heads(k, batch_size)
        v = self.split_heads(v, batch_size)

        scaled_attention, attention_weights = self._scaled_dot_product_attention(q, k, v, mask)
        scaled_attention = tf.transpose(scaled_attention, perm=[0, 2, 1, 3])
        concat_attention = tf.reshape(scaled_attention, (batch_size, -1, self.d_model))
        return self.dense(concat_attention)


def build_model():
    inputs = keras.Input(shape=(5, 8))
    x = MultiHeadAttention(d_model=8, num_heads=2)(inputs)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(2)(x)
    return keras.Model(inputs, outputs)
