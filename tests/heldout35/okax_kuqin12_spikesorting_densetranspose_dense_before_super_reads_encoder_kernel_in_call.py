"""Géron's tied-weights `DenseTranspose` as a spike-sorting repo uses it: the encoder Dense is assigned
before `super().__init__()` and its kernel is read, transposed, inside `call`; on Keras 3 the decoder's bias
is its own weight, the shared kernel is counted once and gets gradient from both ends.

From kuqin12/spike-sorting, `keras_dense_transpose.py` (Hands-On ML 2, ch. 17's `DenseTranspose`, imported
from standalone `keras`) and `deep_contractive_autoencoder.py`, which stacks `Dense(..., sigmoid,
name='encoder_i')` layers with `Dropout(0.05)` and mirrors them with `DenseTranspose(dense=encoder_i,
activation='sigmoid', name='decoder_i')`. `__init__` sets `self.dense` and `self.activation` and only then
calls `super().__init__(**kwargs)`; `build()` adds `biases` of the encoder's input width; `call` is
`tf.matmul(inputs, self.dense.weights[0], transpose_b=True) + self.biases` through the activation.

Why it looks buggy: a sublayer assigned before `super().__init__()` (LD013: on the torch backend and for
tf.keras 2 Models assigning a sublayer first raises), another layer's variable used in `call` (LD011/LD012's
"state from outside"), and the same Dense reached from two layers (LD007). On Keras 3 (TensorFlow backend)
the assignment before the super call is tracked, the transpose is taken in `call` on every step (no stale
copy, unlike the repository's `DenseTied`, case `ax_kuqin12_..._densetied_...`), and the Functional model
de-duplicates the kernel.

Porting edits: Keras 3 layers have no `input_shape` attribute (measured: AttributeError "'Dense' object has
no attribute 'input_shape'"), so `self.dense.input_shape[-1]` becomes `self.dense.input.shape[-1]`, the same
value for a Dense already called in a Functional graph. The script's `disable_eager_execution()` is dropped.
`build_model()` wires the repository's two-level layout (input 48, hidden [24, 8]) for the second stage,
with both encoders and both tied decoders.
"""

SOURCE = "https://github.com/kuqin12/spike-sorting/blob/a40319515759bd36fdd2c880847cc4fcc2be16c2/keras_dense_transpose.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine35/ax/okax_kuqin12_spikesorting_densetranspose_dense_before_super_reads_encoder_kernel_in_call.py:
as returned: Functional, count_params() = 1448, 6 weights, unbuilt: none
after call: count_params() = 1448, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'decoder_2': 224, 'decoder_1': 1224}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
from keras import activations
from keras.layers import Layer, Input, Dense, Dropout
from keras.models import Model


class DenseTranspose(Layer):
    def __init__(self, dense, activation=None, **kwargs):
        self.dense = dense
        self.activation = activations.get(activation)
        super().__init__(**kwargs)

    def build(self, batch_input_shape):
        # porting edit: was shape=[self.dense.input_shape[-1]]
        self.biases = self.add_weight(name='bias', shape=[self.dense.input.shape[-1]], initializer='zeros')
        super().build(batch_input_shape)

    def call(self, inputs):
        z = tf.matmul(inputs, self.dense.weights[0], transpose_b=True)
        return self.activation(z + self.biases)


def build_model(input_dim=48, hidden_layers=(24, 8)):
    i = len(hidden_layers)
    input = Input(shape=(input_dim,))
    prev_layer = input
    encoder_layers = {}
    for curr_layer in range(1, i + 1):
        encoder_layer = Dense(hidden_layers[curr_layer - 1], activation='sigmoid', name=f"encoder_{curr_layer}")
        encoder_layers[curr_layer] = encoder_layer
        prev_layer = encoder_layer(prev_layer)
        prev_layer = Dropout(0.05)(prev_layer)
    for curr_layer in range(i, 1, -1):
        decoder_layer = DenseTranspose(dense=encoder_layers[curr_layer], activation='sigmoid', name=f"decoder_{curr_layer}")
        prev_layer = decoder_layer(prev_layer)
        prev_layer = Dropout(0.05)(prev_layer)
    last_decoder_layer = DenseTranspose(dense=encoder_layers[1], activation='sigmoid', name="decoder_1")
    output = last_decoder_layer(prev_layer)
    return Model(input, output)
