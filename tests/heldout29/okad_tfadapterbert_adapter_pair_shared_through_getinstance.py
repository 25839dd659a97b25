"""Houlsby-style adapters spliced into a pretrained TF BERT: each self-output and output block deep-copies
the pretrained Dense/LayerNorm and gets its adapter from `AdapterModule.getInstance()`, a class-level
counter that builds a new adapter on every even call and hands the same one back on the odd call.

From hmohebbi/TF-Adapter-BERT (`modeling_tf_adapter_bert.py`). Looks like several traps at once: one
adapter `keras.Model` held by two different layers (shared state through a class attribute), pretrained
sublayers copied with `copy.deepcopy`, every adapter named "AdapterModule", and the activation taken
from a module-level `ACT2FN` table. On Keras 3 it works as written: the adapter returned twice is one
tracked sublayer of both blocks, counted once and trained from both call sites; the deep copies are
independent built layers whose weights are tracked (and differ from the originals' variables); the
activation table holds weightless activations.

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); `transformers.modeling_tf_bert.ACT2FN` ->
a small module-level dict of activation functions (the transformers table holds weightless
activations); the pretrained BERT replaced by one encoder block of hidden size 8 (the attention
sub-block left out: `TinyBertLayer` runs self-output, intermediate and output, as `TFBertLayer` does
after attention) whose "pretrained" Dense/LayerNormalization layers are built before being copied;
bottleneck 64 -> 4; the config object is a `SimpleNamespace`; `AdapterBertModel` pools by taking
token 0 (BERT's pooled output is a Dense on it). `build_model()` resets the class counter, builds two
encoder blocks and returns the model with a batch of hidden states.
"""

SOURCE = "https://github.com/hmohebbi/TF-Adapter-BERT/blob/e38e00d339bfa13994f62f5e72514000524dbccb/modeling_tf_adapter_bert.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/okad_tfadapterbert_adapter_pair_shared_through_getinstance.py:
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. [...] (x20: NumPy's
deprecation notice while `copy.deepcopy` copies the built variables; the copies are made)
as returned: AdapterBertModel, count_params() = count_params() raised ValueError, 20 weights, unbuilt: ['TinyBert:bert', ..., 'AdapterModule:AdapterModule', ..., 'Dense:classifier'] (subclassed, not called yet; the 20 weights are the deep copies)
after call: count_params() = 947, 30 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 30 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'bert': 920, 'layer_1': 460, 'output': 228, 'AdapterModule': 76, 'self_output': 164, 'layer_0': 460}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine29b/probe2.py): in each block self_output.adapter is bert_output.adapter (True), the two
blocks have different adapters; a block's 460 = 164 + 228 + 144 counts the shared 76-param adapter once;
30 weights, 30 distinct variables; deepcopy of a built Dense gives a new kernel variable with equal values;
fit (SGD 0.1, one step) runs and changes 30/30 trainable weights."""

import copy
import types

import numpy as np
import tensorflow as tf
import keras

ACT2FN = {"gelu": keras.activations.gelu, "relu": keras.activations.relu, "swish": keras.activations.swish}


class AdapterModule(keras.Model):
  __instance_number = 0
  __instance = None
  @staticmethod
  def getInstance(input_size, bottleneck_size, non_linearity):
    if AdapterModule.__instance_number % 2 == 0:
        AdapterModule(input_size, bottleneck_size, non_linearity)
    AdapterModule.__instance_number += 1
    return AdapterModule.__instance

  def __init__(self, input_size, bottleneck_size, non_linearity, *inputs, **kwargs):
    super(AdapterModule, self).__init__(name="AdapterModule")

    self.non_linearity = ACT2FN[non_linearity]

    self.down_project = keras.layers.Dense(
                        bottleneck_size,
                        kernel_initializer=keras.initializers.TruncatedNormal(stddev=0.02),
                        bias_initializer="zeros",
                        name="feedforward_downproject")

    self.up_project = keras.layers.Dense(
                        input_size,
                        kernel_initializer=keras.initializers.TruncatedNormal(stddev=0.02),
                        bias_initializer="zeros",
                        name="feedforward_upproject")

    AdapterModule.__instance = self

  def call(self, inputs, **kwargs):

    output = self.down_project(inputs)
    output = self.non_linearity(output)
    output = self.up_project(output)
    output = output + inputs
    return output


class TFBertSelfOutput(keras.layers.Layer):
    def __init__(self, pretrained_self_dense, pretrained_self_ln, config, **kwargs):
        super().__init__(**kwargs)
        self.dense = copy.deepcopy(pretrained_self_dense)
        self.dropout = keras.layers.Dropout(config.hidden_dropout_prob)
        self.adapter = AdapterModule.getInstance(input_size=config.hidden_size, bottleneck_size=config.bottleneck_size, non_linearity=config.non_linearity)
        self.LayerNorm = copy.deepcopy(pretrained_self_ln)

    def call(self, inputs, training=False):
        hidden_states, input_tensor = inputs

        hidden_states = self.dense(hidden_states)
        hidden_states = self.dropout(hidden_states, training=training)
        hidden_states = self.adapter(hidden_states)
        hidden_states = self.LayerNorm(hidden_states + input_tensor)
        return hidden_states


class TFBertOutput(keras.layers.Layer):
    def __init__(self, pretrained_out_dense, pretrained_out_ln, config, **kwargs):
        super().__init__(**kwargs)
        self.dense = copy.deepcopy(pretrained_out_dense)
        self.dropout = keras.layers.Dropout(config.hidden_dropout_prob)
        self.adapter = AdapterModule.getInstance(input_size=config.hidden_size, bottleneck_size=config.bottleneck_size, non_linearity=config.non_linearity)
        self.LayerNorm = copy.deepcopy(pretrained_out_ln)

    def call(self, inputs, training=False):
        hidden_states, input_tensor = inputs

        hidden_states = self.dense(hidden_states)
        hidden_states = self.dropout(hidden_states, training=training)
        hidden_states = self.adapter(hidden_states)
        hidden_states = self.LayerNorm(hidden_states + input_tensor)
        return hidden_states


class TinyBertLayer(keras.layers.Layer):
    """Stands in for the pretrained encoder block: self-output, intermediate, output (no attention)."""

    def __init__(self, pretrained, config, **kwargs):
        super().__init__(**kwargs)
        self.self_output = TFBertSelfOutput(pretrained["self_dense"], pretrained["self_ln"], config, name="self_output")
        self.intermediate = copy.deepcopy(pretrained["intermediate"])
        self.bert_output = TFBertOutput(pretrained["out_dense"], pretrained["out_ln"], config, name="output")

    def call(self, hidden_states, training=False):
        attention_output = self.self_output([hidden_states, hidden_states], training=training)
        intermediate_output = self.intermediate(attention_output)
        return self.bert_output([intermediate_output, attention_output], training=training)


class TinyBert(keras.layers.Layer):
    def __init__(self, pretrained_blocks, config, **kwargs):
        super().__init__(**kwargs)
        self.encoder_layers = [TinyBertLayer(p, config, name=f"layer_{i}") for i, p in enumerate(pretrained_blocks)]

    def call(self, inputs, training=False):
        x = inputs
        for layer in self.encoder_layers:
            x = layer(x, training=training)
        return x, x[:, 0]


class AdapterBertModel(keras.Model):
  def __init__(self, bert_model, num_labels, *inputs, **kwargs):
    super(AdapterBertModel, self).__init__(name="AdapterBertModel")
    self.bert = bert_model
    self.dropout = keras.layers.Dropout(0.1)
    self.classifier = keras.layers.Dense(
                      num_labels,
                      kernel_initializer=keras.initializers.TruncatedNormal(stddev=0.02),
                      name="classifier")

  def call(self, inputs, **kwargs):

    outputs = self.bert(inputs, **kwargs)
    pooled_out = outputs[1]

    droped_out = self.dropout(pooled_out, training=kwargs.get("training", False))
    output = self.classifier(droped_out)
    return output


def _pretrained_block(hidden=8, intermediate=16):
    """Built layers standing in for one pretrained BERT block's weights."""
    self_dense = keras.layers.Dense(hidden)
    self_dense.build((None, None, hidden))
    self_ln = keras.layers.LayerNormalization(epsilon=1e-12)
    self_ln.build((None, None, hidden))
    inter = keras.layers.Dense(intermediate, activation="gelu")
    inter.build((None, None, hidden))
    out_dense = keras.layers.Dense(hidden)
    out_dense.build((None, None, intermediate))
    out_ln = keras.layers.LayerNormalization(epsilon=1e-12)
    out_ln.build((None, None, hidden))
    return {"self_dense": self_dense, "self_ln": self_ln, "intermediate": inter,
            "out_dense": out_dense, "out_ln": out_ln}


def build_model():
    AdapterModule._AdapterModule__instance_number = 0
    config = types.SimpleNamespace(hidden_size=8, bottleneck_size=4, non_linearity="gelu",
                                   hidden_dropout_prob=0.1)
    bert = TinyBert([_pretrained_block(), _pretrained_block()], config, name="bert")
    model = AdapterBertModel(bert, num_labels=3)
    hidden = np.random.default_rng(0).random((2, 5, 8)).astype("float32")
    return model, hidden
