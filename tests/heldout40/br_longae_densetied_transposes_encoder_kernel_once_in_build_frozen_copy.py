"""LoNGAE's `DenseTied` decoder layer stores `self.kernel = K.transpose(self.tie_to.kernel)` in `build()`: written for
graph-mode Keras 2, where that is a live op on the encoder's variable; on Keras 3 build runs eagerly, so each decoder
keeps a frozen copy of the encoder kernel taken at wiring time, and training the encoder never reaches it (LD010).

From vuptran/graph-representation-learning (LoNGAE, the NeurIPS 2018 "local neighborhood graph autoencoder"),
`longae/layers/custom.py` (the layer) and `longae/models/ae.py` (the model). `autoencoder(dataset, adj)` builds a
two-layer Dense encoder (256, 128) over adjacency rows, with per-row mean-variance normalisation Lambdas and
dropout on sparse networks, then two `DenseTied` decoders tied (transposed) to `encoded2` and `encoded1`; only the
decoders' biases are their own weights. The weight tying is the point of the model (the README cites it), and on
Keras 3 it silently becomes "decode with the initial encoder weights".

Porting edits: Keras 3 has no `keras.legacy.interfaces` (the `legacy_dense_support` decorator is dropped) nor
`keras.engine.InputSpec` (`keras.layers.InputSpec`); `K.transpose`, `K.dot`, `K.mean`, `K.std` are spelled
`keras.ops.transpose`, `keras.ops.dot`, `keras.ops.mean`, `keras.ops.std`, and `K.bias_add(output, self.bias)` is
`output + self.bias`; the `self.trainable = trainable` assignment is kept. The losses and the
`compile(optimizers.Adam(lr=..., decay=...))` call (arguments Keras 3 rejects) are left out: build_model() must not
train. build_model() calls the author's `autoencoder('conflict', adj)` with a 64-node adjacency matrix and returns
the autoencoder; the probe applies one SGD step and compares the decoders' kernels with the encoders'.
Doubts kept: the overwritten attribute is not a variable of this layer but a tensor derived from another layer's
variable, stored at wiring time, so a checker may name LD001 (raw tensor stored on self in `build`) or LD009 (the
decoder path gives the encoder kernel no gradient of its own); LD010's "frozen copy" is the closest meaning.
"""

SOURCE = "https://github.com/vuptran/graph-representation-learning/blob/3cfe56b0a7921a3013fdd3392c807f78cb9d9c05/longae/layers/custom.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/br/br_longae_densetied_transposes_encoder_kernel_once_in_build_frozen_copy.py:
as returned: Functional, count_params() = 49856, 6 weights, unbuilt: none
after call: count_params() = 49856, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'decoded2': 33152, 'decoded1': 16704}
second call: 0 variables watched that the first call did not use
(Keras also printed its UserWarning about the structure of `inputs`. The encoder kernels still get gradients through the
encoder path, so no None shows; the per-layer counts include the tied encoder Dense, which Keras 3 tracks as a sublayer
through `self.tie_to`.) probe_longae.py:
decoded2.kernel type: EagerTensor ; decoded1.kernel type: EagerTensor
decoder weights: ['decoded2/bias', 'encoded2/kernel', 'encoded2/bias', 'decoded1/bias', 'encoded1/kernel', 'encoded1/bias']
after one step: decoded2.kernel == transpose(encoded2.kernel)? False; max |diff| = 0.2373
after one step: decoded1.kernel == transpose(encoded1.kernel)? False; max |diff| = 0.4388"""

import numpy as np
import keras
from keras import ops
from keras.layers import Input, Dense, Dropout, Lambda, add
from keras.layers import Layer, InputSpec
from keras.models import Model
from keras import activations, initializers, regularizers, constraints


class DenseTied(Layer):

    def __init__(self, units,
                 tie_to=None, # input layer name for weight-tying
                 transpose=False, # transpose weights from tie_to layer
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 trainable=True,
                 **kwargs):
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super(DenseTied, self).__init__(**kwargs)
        self.units = units
        # We add these two properties to save the tied weights
        self.tie_to = tie_to
        self.transpose = transpose
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.trainable = trainable
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        assert len(input_shape) >= 2
        input_dim = input_shape[-1]

        if self.transpose:
            self.kernel = ops.transpose(self.tie_to.kernel)
        else:
            self.kernel = self.tie_to.kernel

        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint,
                                        trainable=self.trainable)
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def call(self, inputs):
        output = ops.dot(inputs, self.kernel)
        if self.use_bias:
            output = output + self.bias
        if self.activation is not None:
            output = self.activation(output)
        return output

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) >= 2
        assert input_shape[-1]
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)


def mvn(tensor):
    """Per row mean-variance normalization."""
    epsilon = 1e-6
    mean = ops.mean(tensor, axis=1, keepdims=True)
    std = ops.std(tensor, axis=1, keepdims=True)
    mvn = (tensor - mean) / (std + epsilon)
    return mvn


def autoencoder(dataset, adj, weights=None):
    h, w = adj.shape
    sparse_net = dataset in ['conflict', 'metabolic', 'protein']

    kwargs = dict(
        use_bias=True,
        kernel_initializer='glorot_normal',
        kernel_regularizer=None,
        bias_initializer='zeros',
        bias_regularizer=None,
        trainable=True,
    )

    data = Input(shape=(w,), dtype=np.float32, name='data')
    if sparse_net:
        # for conflict, metabolic, protein networks
        noisy_data = Dropout(rate=0.2, name='drop0')(data)
    else:
        # for citation and powergrid networks
        noisy_data = Dropout(rate=0.5, name='drop0')(data)

    ### First set of encoding transformation ###
    encoded = Dense(256, activation='relu',
            name='encoded1', **kwargs)(noisy_data)
    if sparse_net:
        encoded = Lambda(mvn, name='mvn1')(encoded)
        encoded = Dropout(rate=0.5, name='drop1')(encoded)

    ### Second set of encoding transformation ###
    encoded = Dense(128, activation='relu',
            name='encoded2', **kwargs)(encoded)
    if sparse_net:
        encoded = Lambda(mvn, name='mvn2')(encoded)
    encoded = Dropout(rate=0.5, name='drop2')(encoded)

    # the encoder model maps an input to its encoded representation
    encoder = Model([data], encoded)
    encoded1 = encoder.get_layer('encoded1')
    encoded2 = encoder.get_layer('encoded2')

    ### First set of decoding transformation ###
    decoded = DenseTied(256, tie_to=encoded2, transpose=True,
            activation='relu', name='decoded2')(encoded)
    if sparse_net:
        decoded = Lambda(mvn, name='mvn3')(decoded)
        decoded = Dropout(rate=0.5, name='drop3')(decoded)

    ### Second set of decoding transformation - reconstruction ###
    decoded = DenseTied(w, tie_to=encoded1, transpose=True,
            activation='linear', name='decoded1')(decoded)

    autoencoder = Model(inputs=[data], outputs=[decoded])

    if weights is not None:
        autoencoder.load_weights(weights)

    return encoder, autoencoder


def build_model():
    adj = (np.random.default_rng(0).random((64, 64)) < 0.1).astype(np.float32)
    encoder, model = autoencoder('conflict', adj)
    return model
