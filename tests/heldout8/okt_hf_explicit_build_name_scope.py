"""Transformers-style TF layers with explicit build() methods that build every child under tf.name_scope, guarded by `if self.built: return`.

The transformers PR "Proper build() methods for TF" replaced implicit building (a dummy forward pass
inside from_pretrained) with explicit `build(input_shape=None)` methods: each one returns early if
already built, sets `self.built = True` itself, never calls super().build(), and builds every child
layer inside `tf.name_scope(child.name)` with a hand-written shape taken from the config. Looks like
a layer whose sublayers never get built (or a build that skips super().build()); on Keras 3 every
child is built by the explicit build and every weight is counted and trained.
"""

SOURCE = "https://github.com/huggingface/transformers/pull/27794"
CODES = ()
CORRECT = True
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout8/_measure.py okt_hf_explicit_build_name_scope.py:
as returned: Functional, count_params() = 1104, 6 weights, unbuilt: none
after call: count_params() = 1104, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'layer_._0': 1104, 'output': 560, 'intermediate': 544}
second call: 0 variables watched that the first call did not use"""

from dataclasses import dataclass

import keras
import tensorflow as tf


@dataclass
class TinyConfig:
    hidden_size: int = 16
    intermediate_size: int = 32
    layer_norm_eps: float = 1e-12
    hidden_dropout_prob: float = 0.1
    initializer_range: float = 0.02


def get_initializer(initializer_range=0.02):
    return keras.initializers.TruncatedNormal(stddev=initializer_range)


class TFIntermediate(keras.layers.Layer):
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(config.intermediate_size,
                                        kernel_initializer=get_initializer(config.initializer_range),
                                        name="dense")
        self.intermediate_act_fn = keras.activations.get("gelu")
        self.config = config

    def call(self, hidden_states):
        return self.intermediate_act_fn(self.dense(inputs=hidden_states))

    def build(self, input_shape=None):
        if self.built:
            return
        self.built = True
        if getattr(self, "dense", None) is not None:
            with tf.name_scope(self.dense.name):
                self.dense.build([None, None, self.config.hidden_size])


class TFOutput(keras.layers.Layer):
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.dense = keras.layers.Dense(config.hidden_size,
                                        kernel_initializer=get_initializer(config.initializer_range),
                                        name="dense")
        self.LayerNorm = keras.layers.LayerNormalization(epsilon=config.layer_norm_eps, name="LayerNorm")
        self.dropout = keras.layers.Dropout(rate=config.hidden_dropout_prob)
        self.config = config

    def call(self, hidden_states, input_tensor, training=False):
        hidden_states = self.dense(inputs=hidden_states)
        hidden_states = self.dropout(inputs=hidden_states, training=training)
        return self.LayerNorm(inputs=hidden_states + input_tensor)

    def build(self, input_shape=None):
        if self.built:
            return
        self.built = True
        if getattr(self, "dense", None) is not None:
            with tf.name_scope(self.dense.name):
                self.dense.build([None, None, self.config.intermediate_size])
        if getattr(self, "LayerNorm", None) is not None:
            with tf.name_scope(self.LayerNorm.name):
                self.LayerNorm.build([None, None, self.config.hidden_size])


class TFFeedForwardBlock(keras.layers.Layer):
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.intermediate = TFIntermediate(config, name="intermediate")
        self.bert_output = TFOutput(config, name="output")

    def call(self, hidden_states, training=False):
        intermediate_output = self.intermediate(hidden_states=hidden_states)
        return self.bert_output(hidden_states=intermediate_output, input_tensor=hidden_states, training=training)

    def build(self, input_shape=None):
        if self.built:
            return
        self.built = True
        if getattr(self, "intermediate", None) is not None:
            with tf.name_scope(self.intermediate.name):
                self.intermediate.build(None)
        if getattr(self, "bert_output", None) is not None:
            with tf.name_scope(self.bert_output.name):
                self.bert_output.build(None)


def build_model(config=None):
    config = config or TinyConfig()
    inputs = keras.Input(shape=(5, config.hidden_size))
    outputs = TFFeedForwardBlock(config, name="layer_._0")(inputs)
    return keras.Model(inputs, outputs)
