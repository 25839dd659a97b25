"""CAGE's `Dense_tied`: a `Dense` subclass for a tied-weight (k-competitive) autoencoder that builds
its own kernel, tries to drop it with `self.trainable_weights.remove(self.kernel)` in `build()`, and
then overwrites `self.kernel` with `K.transpose(self.tied_to.kernel)` in every `call()`.

From MIND-Lab/CAGE (`autoencoder/utils/keras_utils.py`, the KATE-derived topic autoencoder). On Keras 3
`trainable_weights` is a fresh list: `.remove()` edits a copy, so the decoder's own (never used) kernel
stays a trainable weight; and `Dense.kernel` is a read-only property, so the assignment in `call()`
raises `AttributeError` the first time the model runs on data (the functional wiring does not trace
`call()`, so the model builds and looks fine until then).

Porting edits: `keras.backend` K.transpose/K.dot -> `keras.ops.transpose`/`keras.ops.matmul`; the
author's `bias_initializer`/regularizer/constraint keyword pass-through kept as **kwargs; the
SoftmaxAutoEncoder around it reduced to a 16 -> 4 encoder and a tied 4 -> 16 decoder.
"""

SOURCE = "https://github.com/MIND-Lab/CAGE/blob/87b0ac71d8607e2665c9d7dbef4fed81577eec36/autoencoder/utils/keras_utils.py"
CODES = ("LD010", "LD006")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/r_cage_dense_tied_kernel_reassigned_in_call.py:
as returned: Functional, count_params() = 148, 4 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling Dense_tied.call().
Own probe (/tmp/mine27c/p3.py): in build() len(self.trainable_weights) is 4 before and 4 after
`.remove(self.kernel)` (a fresh list; the layer also tracks `tied_to` as a sublayer); 148 = encoder
68 + the decoder's own 4x16 kernel and bias (the unused kernel is counted); on an eager call
`self.kernel = K.transpose(...)` raises "property 'kernel' of 'Dense_tied' object has no setter"."""

import keras
from keras import ops as K
from keras.layers import Dense, Input
from keras.models import Model


class Dense_tied(Dense):
    """
    A fully connected layer with tied weights.
    """
    def __init__(self, units,
                 activation=None, use_bias=True,
                 bias_initializer='zeros',
                 kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None,
                 tied_to=None, **kwargs):
        self.tied_to = tied_to

        super(Dense_tied, self).__init__(units=units,
                 activation=activation, use_bias=use_bias,
                 bias_initializer=bias_initializer,
                 kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                 activity_regularizer=activity_regularizer,
                 kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                 **kwargs)

    def build(self, input_shape):
        super(Dense_tied, self).build(input_shape)  # be sure you call this somewhere!
        if self.kernel in self.trainable_weights:
            self.trainable_weights.remove(self.kernel)

    def call(self, x, mask=None):
        # Use tied weights
        self.kernel = K.transpose(self.tied_to.kernel)
        output = K.matmul(x, self.kernel)
        if self.use_bias:
            output += self.bias
        return self.activation(output)


def build_model():
    input_size, n_dim = 16, 4
    input_layer = Input(shape=(input_size,))
    encoded_layer = Dense(n_dim, activation='tanh', name="Encoded_Layer")
    encoded = encoded_layer(input_layer)
    decoded = Dense_tied(input_size, activation='sigmoid', tied_to=encoded_layer,
                         name='Decoded_Layer')(encoded)
    return Model(inputs=input_layer, outputs=decoded)
