"""innat/Multi-Attention's `AttentionWeightedAverage2D` (DeepMoji's attention pooling, made 2D) creates its weight with `add_weight` and then overwrites the private list `self._trainable_weights = [self.W]`: a private weight-list mutation (LD006) copied from Keras 1 era code.

From innat/Multi-Attention, `AttentionLayer/deep_moji2d.py` (used by its `train.py` Classifier after an Xception base;
the layer is adapted from bfelbo/DeepMoji's `attlayer.py` via a Kaggle discussion). Under tf.keras 2 the assignment
replaced the layer's private list by a list holding the same variable (works by accident); Keras 3 has no
`_trainable_weights` list: see MEASURED for what the assignment does there.

Porting edits: the file uses `K` without importing it (train.py imports `tensorflow.keras.backend as K`); Keras 3's
backend has no `dot`/`max`/`sum`/`exp`, so `K.*` tensor calls become the same-named `keras.ops` functions (`K.epsilon`
kept as `keras.backend.epsilon`); `self.input_spec = [InputSpec(ndim=4)]` kept. build_model() replaces the Xception
base by an Input of its 7x7x64 feature-map shape (the layer pools it to 64 features) followed by the train.py tail
`Dense(10, softmax)`.
"""

SOURCE = "https://github.com/innat/Multi-Attention/blob/3faa583461cdc1aaf3e2808aa757504fe4f992dd/AttentionLayer/deep_moji2d.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bn/bn_multiattention_deepmoji2d_reassigns_private_trainable_weights_list.py:
as returned: Functional, count_params() = 714, 3 weights, unbuilt: none
after call: count_params() = 714, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention_weighted_average2d': 64}
second call: 0 variables watched that the first call did not use
probe (inline): no AttributeError: on Keras 3 `self._trainable_weights = [self.W]` only creates a new, unused
attribute (a TrackedList in layer.__dict__); the variable stays tracked once through `_trainable_variables`,
layer.trainable_weights has 1 entry, fit (2 epochs) changes W, .keras save + load_model reloads 3 weights.
Doubt kept as decided: labelled LD006 by the catalog's meaning (a write to the private weight list, which tf.keras 2
honoured by accident); on Keras 3 the measured effect is a dead attribute, not the AttributeError an append raises."""

import keras
import tensorflow as tf
from keras import ops


class _K:
    """Keras 3 stand-in for `tensorflow.keras.backend as K` (porting edit)."""
    dot = staticmethod(ops.dot)
    shape = staticmethod(ops.shape)
    reshape = staticmethod(ops.reshape)
    exp = staticmethod(ops.exp)
    max = staticmethod(ops.max)
    sum = staticmethod(ops.sum)
    expand_dims = staticmethod(lambda x, axis=-1: ops.expand_dims(x, axis))  # old K default axis=-1
    epsilon = staticmethod(keras.backend.epsilon)


K = _K


# Original Src: https://github.com/bfelbo/DeepMoji/blob/master/deepmoji/attlayer.py
# Adopted and Modified: https://www.kaggle.com/c/human-protein-atlas-image-classification/discussion/77269#454482
class AttentionWeightedAverage2D(tf.keras.layers.Layer):
    def __init__(self, **kwargs):
        self.init = tf.keras.initializers.get('uniform')
        super(AttentionWeightedAverage2D, self).__init__(** kwargs)

    def build(self, input_shape):
        self.input_spec = [tf.keras.layers.InputSpec(ndim=4)]
        assert len(input_shape) == 4
        self.W = self.add_weight(shape=(input_shape[3], 1),
                                 name='{}_W'.format(self.name),
                                 initializer=self.init)
        self._trainable_weights = [self.W]
        super(AttentionWeightedAverage2D, self).build(input_shape)

    def call(self, x):
        logits  = K.dot(x, self.W)
        x_shape = K.shape(x)
        logits  = K.reshape(logits, (x_shape[0], x_shape[1], x_shape[2]))
        ai      = K.exp(logits - K.max(logits, axis=[1,2], keepdims=True))

        att_weights    = ai / (K.sum(ai, axis=[1,2], keepdims=True) + K.epsilon())
        weighted_input = x * K.expand_dims(att_weights)
        result         = K.sum(weighted_input, axis=[1,2])
        return result

    def get_output_shape_for(self, input_shape):
        return self.compute_output_shape(input_shape)

    def compute_output_shape(self, input_shape):
        output_len = input_shape[3]
        return (input_shape[0], output_len)


def build_model():
    features = keras.Input((7, 7, 64))
    pooled = AttentionWeightedAverage2D()(features)
    outputs = tf.keras.layers.Dense(10, activation='softmax', dtype=tf.float32)(pooled)
    return keras.Model(features, outputs)
