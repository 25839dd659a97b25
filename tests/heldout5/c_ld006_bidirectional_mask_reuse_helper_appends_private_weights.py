"""A base layer's `reuse()` helper runs inner RNNs by hand and copies their weights into `_trainable_weights`.

The repository's masked bidirectional LSTM (taken from a blog post) subclasses an `OurLayer` base
class whose `reuse(layer, x)` builds an inner layer, calls its `call()` directly and then appends
the inner layer's weights to the outer layer's private `_trainable_weights` /
`_non_trainable_weights` lists, so that Keras 2 would train them. Ported to Keras 3 (`keras.ops`
in place of the backend module), the private lists no longer exist: wiring the layer into a
functional model fails with an AttributeError, although the two inner LSTMs, being attributes of
the layer, would have been tracked without any copying.
"""

SOURCE = "https://github.com/mianfei71/RNAPar/blob/528856435ef9e93d82e028184bd0beda6ee44309/BiLSTM_mask.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py c_ld006_bidirectional_mask_reuse_helper_appends_private_weights.py:
warning: Layer 'bidirectional_mask' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
warning: `build()` was called on layer 'bidirectional_mask', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as bui
as returned: Functional, count_params() = 498, 5 weights, unbuilt: ['LSTM:backward_lstm', 'LSTMCell:lstm_cell']
call 1 raised AttributeError: Exception encountered when calling Bidirectional_mask.call()."""

import keras
import tensorflow as tf
from keras import ops


class OurLayer(keras.layers.Layer):
    """A Layer with a reuse() method, to call ready-made layers inside a new layer."""

    def reuse(self, layer, *args, **kwargs):
        if not layer.built:
            if len(args) > 0:
                inputs = args[0]
            else:
                inputs = kwargs["inputs"]
            if isinstance(inputs, list):
                input_shape = [tuple(x.shape) for x in inputs]
            else:
                input_shape = tuple(inputs.shape)
            layer.build(input_shape)
        outputs = layer.call(*args, **kwargs)
        for w in layer.trainable_weights:
            if w not in self._trainable_weights:
                self._trainable_weights.append(w)
        for w in layer.non_trainable_weights:
            if w not in self._non_trainable_weights:
                self._non_trainable_weights.append(w)
        return outputs


class Bidirectional_mask(OurLayer):
    """Bidirectional RNN that takes a mask, so that the reversed sequences stay aligned."""

    def __init__(self, layer, **args):
        super(Bidirectional_mask, self).__init__(**args)
        self.forward_layer = layer.__class__.from_config(layer.get_config())
        self.backward_layer = layer.__class__.from_config(layer.get_config())
        self.forward_layer.name = "forward_" + self.forward_layer.name
        self.backward_layer.name = "backward_" + self.backward_layer.name

    def reverse_sequence(self, x, mask):
        """mask.shape is [batch_size, seq_len, 1]"""
        seq_len = ops.round(ops.sum(mask, 1)[:, 0])
        seq_len = ops.cast(seq_len, "int32")
        return tf.reverse_sequence(x, seq_len, seq_axis=1)

    def call(self, inputs):
        x, mask = inputs
        x_forward = self.reuse(self.forward_layer, x)
        x_backward = self.reverse_sequence(x, mask)
        x_backward = self.reuse(self.backward_layer, x_backward)
        x_backward = self.reverse_sequence(x_backward, mask)
        x = x_forward + x_backward
        if len(x.shape) == 3:
            return x * mask
        return x

    def compute_output_shape(self, input_shape):
        return input_shape[0][:-1] + (self.forward_layer.units,)


def build_model():
    tokens = keras.Input((12, 6))
    x_mask = keras.Input((12, 1))
    x = Bidirectional_mask(keras.layers.LSTM(8, return_sequences=True))([tokens, x_mask])
    x = keras.layers.GlobalAveragePooling1D()(x)
    return keras.Model([tokens, x_mask], keras.layers.Dense(2, activation="softmax")(x))
