"""A spike-sorting repo's tied-weights decoder `DenseTied` stores `K.transpose(self.tied_to.kernel)` as its
kernel in `build()` and appends it to `self._non_trainable_weights`; on Keras 3 that private list does not
exist and building the layer raises AttributeError.

From kuqin12/spike-sorting, `keras_dense_tied.py` (the widely copied "DenseTied" layer from the blog post on
tied-weight autoencoders that also circulates next to Géron's `DenseTranspose`), used by the repository's
`deep_contractive_autoencoder.py` to build stacked contractive autoencoders for spike waveforms. `__init__`
sets `self.tied_to = tied_to` before `super().__init__()`; `build()` does, when tied,
`self.kernel = K.transpose(self.tied_to.kernel)` followed by `self._non_trainable_weights.append(self.kernel)`
(otherwise an `add_weight` kernel), adds a bias with `add_weight` and sets `self.built = True`; `call` is
`K.dot(inputs, self.kernel)` plus `K.bias_add` and the activation. Appending to `_non_trainable_weights` is the
private-list mutation of LD006 (AttributeError on Keras 3). The same statement also freezes a transposed
copy of the encoder kernel computed once in `build()` (in tf.keras 2 eager this is a constant that never
follows the encoder's training): LD010's stale-copy defect, kept second (doubt: the copy is of another
layer's variable, as in the janggu case of heldout34, which was labelled LD010).

Porting edits: Keras 3's `keras.backend` has no `transpose`, `dot` or `bias_add` (measured: `hasattr` False for
all three), so the file stops at `K.transpose` before reaching the bug; they are replaced by
`keras.ops.transpose`, `keras.ops.matmul` and `keras.ops.add`. `build_model()` wires the repository's
two-level layout: `Input(input_dim)` -> `Dense(hidden, sigmoid, name='encoder_1')` -> `Dropout(0.05)` ->
`DenseTied(input_dim, sigmoid, tied_to=encoder, name='decoder_1')`, which raises while building the decoder.
"""

SOURCE = "https://github.com/kuqin12/spike-sorting/blob/1a03866c556978e6e025aa4d9de3c76dcefaeeb3/keras_dense_tied.py"
CODES = ("LD006", "LD010")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ax/ax_kuqin12_spikesorting_densetied_transposed_kernel_appended_to_non_trainable_weights.py:
build_model() raised AttributeError: 'DenseTied' object has no attribute '_non_trainable_weights'
probe (probe_ax.py):
without the append line: decoder kernel type EagerTensor | model weights ['dense/kernel', 'dense/bias', 'no_append/bias']
encoder kernel moved from decoder copy: True max |enc.T - dec.kernel| = 0.0011356770992279053"""

import keras
from keras import ops
from keras.layers import Layer, InputSpec, Input, Dense, Dropout
from keras.models import Model
from keras import constraints, initializers, regularizers, activations


class DenseTied(Layer):
    def __init__(self, units,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 tied_to=None,
                 **kwargs):
        self.tied_to = tied_to
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super().__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[-1]

        if self.tied_to is not None:
            self.kernel = ops.transpose(self.tied_to.kernel)  # was K.transpose
            self._non_trainable_weights.append(self.kernel)
        else:
            self.kernel = self.add_weight(shape=(input_dim, self.units),
                                          initializer=self.kernel_initializer,
                                          name='kernel',
                                          regularizer=self.kernel_regularizer,
                                          constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) >= 2
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)

    def call(self, inputs):
        output = ops.matmul(inputs, self.kernel)  # was K.dot
        if self.use_bias:
            output = ops.add(output, self.bias)  # was K.bias_add(..., 'channels_last')
        if self.activation is not None:
            output = self.activation(output)
        return output


def build_model(input_dim=48, hidden=16):
    inputs = Input(shape=(input_dim,))
    encoder = Dense(hidden, activation='sigmoid', name='encoder_1')
    x = encoder(inputs)
    x = Dropout(0.05)(x)
    outputs = DenseTied(input_dim, activation='sigmoid', name='decoder_1', tied_to=encoder)(x)
    return Model(inputs, outputs)
