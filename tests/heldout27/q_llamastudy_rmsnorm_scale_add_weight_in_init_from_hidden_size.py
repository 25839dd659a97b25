"""A from-scratch LLaMA study: `RMSNorm` makes its learnable scale with `add_weight` in `__init__`
from a `hidden_size` the caller passes, and `CasualSelfAttention` builds it with `RMSNorm(d_model)`.

From N-SriKrishna/llama-architecture-study (`src/normalization.py`). The scale vector exists before
any input is seen and its width is the hand-given `hidden_size`, not the width of the tensor the
norm is applied to; the layer works only while the two agree (a pre-norm block applied to a tensor
of another width fails with a broadcast error far from the constructor).

Porting edits: `tf.keras` -> `keras` for the base class (`tf.sqrt`/`tf.reduce_mean` kept,
`tf.ones_initializer()` kept); the file's missing `import tensorflow as tf` added; d_model 4, two heads;
`build_model()` wires `CasualSelfAttention` on a (5, 4) sequence.
"""

SOURCE = "https://github.com/N-SriKrishna/llama-architecture-study/blob/6e52c31c5799f769181136a911e80fb7c58cd095/src/normalization.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/q_llamastudy_rmsnorm_scale_add_weight_in_init_from_hidden_size.py:
as returned: Functional, count_params() = 84, 9 weights, unbuilt: none
after call: count_params() = 84, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'casual_self_attention': 84, 'rms_norm': 4}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine27b/probe_ld004.py): RMSNorm(4) owns its (4,) scale before any call; applied to a
(2, 5, 6) tensor it raises InvalidArgumentError in RMSNorm.call() (broadcast 6 vs 4)."""

import keras
import tensorflow as tf


class RMSNorm(keras.layers.Layer):
    def __init__(self,hidden_size,epsilon=1e-8,**kwargs):
        super(RMSNorm,self).__init__(**kwargs)
        self.hidden_size= hidden_size
        self.epsilon = epsilon

        # Learnable scale parameter γ (same shape as last dim of input)
        self.scale = self.add_weight(
        name="scale",
        shape=(self.hidden_size,),
        initializer=tf.ones_initializer(),
        trainable=True,
    )

    def call(self,x):
        rms = tf.sqrt(tf.reduce_mean(tf.square(x),axis=-1,keepdims=True)+self.epsilon)
        norm_x =x/rms
        return norm_x*self.scale


class CasualSelfAttention(keras.layers.Layer):
    def __init__(self, *, d_model, num_heads, dropout=0.0):
        super().__init__()

        self.mha = keras.layers.MultiHeadAttention(
            num_heads=num_heads,
            key_dim=d_model // num_heads,
            dropout=dropout
        )

        self.rmsnorm = RMSNorm(d_model)

    def call(self, x, padding_mask=None, training=None):
        norm_x = self.rmsnorm(x)

        attn = self.mha(
            query=norm_x,
            value=norm_x,
            key=norm_x,
            attention_mask=padding_mask,
            use_causal_mask=True,
            training=training
        )

        return x + attn   # residual connection


def build_model():
    inputs = keras.Input((5, 4))
    outputs = CasualSelfAttention(d_model=4, num_heads=2)(inputs)
    return keras.Model(inputs, outputs)
