"""Look-alike: a DeepMoji-style AttentionWeightedAverage that sets `self.init`, `self.supports_masking = True`
and `self.return_attention` before `super().__init__()`; on Keras 3 nothing is lost: the layer overrides
compute_mask, so supports_masking comes back True, and its weight is an `add_weight` that trains.

From tensorflow/tensorflow issue #39455 ("Custom layer return AttributeError during model saving", TF 2.1): the
asker pastes the attention layer used in their text model. Unlike DeepMoji's original (which assigns
`self.trainable_weights = [self.W]`, LD006, in other collections), this copy creates `self.w = self.add_weight(...,
trainable=True)` in build() and does not touch the weight lists. Two things look like catalog bugs: settings assigned
before `super().__init__()` (LD013 pattern: Keras 3's base constructor recomputes `supports_masking`), and
`self.input_spec = [InputSpec(ndim=3)]` set inside build(). Measured: supports_masking is True after construction
(the class defines compute_mask, so the base constructor's recomputation gives True; a probe without compute_mask
shows it reset to False), the weight is counted and gets a gradient, and a masked Embedding -> LSTM -> attention
model builds.

Porting edits: the issue shows `__init__` and `build`; call(), compute_output_shape and compute_mask are DeepMoji's
attlayer.py bodies that the asker's layer is a copy of (doubt kept: the thread's own rest of the class is not in the
stored copy). `get_output_shape_for` (Keras 1 API) kept. `initializers`, `InputSpec`, `Layer` and `K` come from
`tensorflow.keras`. `build_model()` wires Input(int, 20) -> Embedding(100, 16, mask_zero=True) -> LSTM(8,
return_sequences=True) -> AttentionWeightedAverage() -> Dense(1, sigmoid), as in the thread's text classifier.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/39455"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/bc/okbc_tensorflow_issue39455_attentionweightedaverage_settings_before_super_keeps_masking.py:
as returned: Functional, count_params() = 2417, 7 weights, unbuilt: none
after call: count_params() = 2417, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'attention_weighted_average': 8}
second call: 0 variables watched that the first call did not use
probe (probe_bc.py): AttentionWeightedAverage().supports_masking == True, init RandomUniform; the same
settings-before-super pattern in a layer without compute_mask gives supports_masking == False; the attention
weight's gradient is not None (norm 3.0e-05) through the masked Embedding -> LSTM model."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import initializers
from tensorflow.keras.layers import Layer, InputSpec
from tensorflow.keras import backend as K


class AttentionWeightedAverage(Layer):

    def __init__(self, return_attention=False, **kwargs):
        self.init = initializers.get('uniform')
        self.supports_masking = True
        self.return_attention = return_attention
        super(AttentionWeightedAverage, self).__init__(** kwargs)

    def build(self, input_shape):
        self.input_spec = [InputSpec(ndim=3)]
        assert len(input_shape) == 3

        self.w = self.add_weight(shape=(input_shape[2], 1),
                                 name='{}_w'.format(self.name),
                                 initializer=self.init, trainable=True)
        super(AttentionWeightedAverage, self).build(input_shape)

    def call(self, x, mask=None):
        logits = K.dot(x, self.w)
        x_shape = K.shape(x)
        logits = K.reshape(logits, (x_shape[0], x_shape[1]))
        ai = K.exp(logits - K.max(logits, axis=-1, keepdims=True))

        if mask is not None:
            mask = K.cast(mask, K.floatx())
            ai = ai * mask
        att_weights = ai / (K.sum(ai, axis=1, keepdims=True) + K.epsilon())
        weighted_input = x * K.expand_dims(att_weights)
        result = K.sum(weighted_input, axis=1)
        if self.return_attention:
            return [result, att_weights]
        return result

    def get_output_shape_for(self, input_shape):
        return self.compute_output_shape(input_shape)

    def compute_output_shape(self, input_shape):
        output_len = input_shape[2]
        if self.return_attention:
            return [(input_shape[0], output_len), (input_shape[0], input_shape[1])]
        return (input_shape[0], output_len)

    def compute_mask(self, input, input_mask=None):
        if isinstance(input_mask, list):
            return [None] * len(input_mask)
        else:
            return None


def build_model():
    inputs = keras.Input((20,), dtype="int32")
    x = keras.layers.Embedding(100, 16, mask_zero=True)(inputs)
    x = keras.layers.LSTM(8, return_sequences=True)(x)
    x = AttentionWeightedAverage()(x)
    outputs = keras.layers.Dense(1, activation="sigmoid")(x)
    model = keras.Model(inputs, outputs)
    return model, np.random.default_rng(0).integers(1, 100, size=(2, 20)).astype("int32")
