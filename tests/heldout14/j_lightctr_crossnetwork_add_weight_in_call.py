"""LightCTR's `CrossNetwork` (the cross part of Deep & Cross) creates every cross kernel and bias with
`self.add_weight(...)` inside `call()`, one pair per cross layer, plus the logit kernel.

A user asked in Chinese in the project's issue #4 ("关于Gradients do not exist for variables告警"):
"源代码中，很多模型的参数矩阵定义写在了call方法下面，比如autoint,fibinet" - many models define their
parameter matrices under `call()`. `core/blocks.py` does this for `CrossNetwork` (and `OuterProduct`):
the blocks are `tf.keras.Model` subclasses without `build()`, and `call(inputs, layers_num=3,
require_logit=True)` adds fresh weights on every call. On tf.keras 2 that gave new untrained
variables per call (the warning); on Keras 3 the layer is already built when `call()` runs, so the
first `add_weight` raises "You cannot add new elements of state ... to a layer that is already built".

Porting edits: `from collections import Iterable` and the feature-meta plumbing removed; the DCN is
reduced to three 4-dim field embeddings (Inputs), the repository's `DNN` deep part replaced by two
Dense layers; `tf.keras` -> `keras` for regularizers; the final `tf.keras.activations.sigmoid` as an
`Activation` layer.
"""

SOURCE = "https://github.com/Hirosora/LightCTR/issues/4"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py j_lightctr_crossnetwork_add_weight_in_call.py:
build_model() raised ValueError: Exception encountered when calling CrossNetwork.call().
Own script (/tmp/mine14b/p5.py): eagerly, the first CrossNetwork()(fields) raises ValueError "You cannot add
new elements of state (variables or sub-layers) to a layer that is already built"; wired on keras.Input the
same error surfaces as "Could not automatically infer the output shape / dtype of 'cross_network'"."""

import tensorflow as tf
import keras


class CrossNetwork(keras.Model):

    def __init__(self,
                 kernel_initializer='glorot_uniform',
                 kernel_regularizer=keras.regularizers.l2(1e-5),
                 **kwargs):

        super(CrossNetwork, self).__init__(**kwargs)

        self.kernel_initializer = kernel_initializer
        self.kernel_regularizer = kernel_regularizer

    def call(self, inputs, layers_num=3, require_logit=True, **kwargs):

        x0 = tf.expand_dims(tf.concat(inputs, axis=1), axis=-1)
        x = tf.transpose(x0, [0, 2, 1])

        for i in range(layers_num):
            kernel = self.add_weight(shape=(x0.shape[1], 1),
                                     initializer=self.kernel_initializer,
                                     regularizer=self.kernel_regularizer,
                                     trainable=True)
            bias = self.add_weight(shape=(x0.shape[1], 1),
                                   initializer=self.kernel_initializer,
                                   regularizer=self.kernel_regularizer,
                                   trainable=True)
            x = tf.matmul(tf.matmul(x0, x), kernel) + bias + tf.transpose(x, [0, 2, 1])
            x = tf.transpose(x, [0, 2, 1])

        x = tf.squeeze(x, axis=1)
        if require_logit:
            kernel = self.add_weight(shape=(x0.shape[1], 1),
                                     initializer=self.kernel_initializer,
                                     regularizer=self.kernel_regularizer,
                                     trainable=True)
            x = tf.matmul(x, kernel)

        return x


def build_model():
    fields = [keras.Input((4,), name=f"field_{i}") for i in range(3)]
    deep_inputs = keras.layers.Concatenate()(fields)
    deep_output = keras.layers.Dense(1)(keras.layers.Dense(8, activation="relu")(deep_inputs))
    cross_output = CrossNetwork()(fields, layers_num=3, require_logit=True)
    output = keras.layers.Activation("sigmoid")(deep_output + cross_output)
    return keras.Model(inputs=fields, outputs=output)
