"""seqADAGE's `TiedWeightsEncoder`: the decoder of a denoising, tied-weight gene-expression
autoencoder keeps the encoder `Dense` layer as an attribute assigned *before* `super().__init__()`,
stores the encoder's weight list on itself in `build()` (`self.kernel = self.encoder.weights`) and in
`call()` decodes with `x - encoder.bias` times the transposed encoder kernel.

From hoganlab-dartmouth/seqADAGE (`TiedWeightsEncoder.py`, Georgia Doing 2020; same layer in
`Py/TiedWeightsEncoder.py`). Looks like several traps at once: a layer assigned before
`super().__init__()`, a weight "kernel" that is a plain list borrowed from another layer, no
`add_weight` at all, and the same variables reachable from two layers. On Keras 3 (TF backend) it
works: the encoder is tracked as a sublayer, the borrowed list holds the encoder's own variables
(no copy), the model counts the 68 shared parameters once, and both encoder variables receive
gradients through the decoder path and change in one fit step.

Porting edits: `keras.backend` `K.dot`/`K.transpose` -> `keras.ops.matmul`/`keras.ops.transpose`
(Keras 3 has no `K.dot`); the tabs of the original re-indented; the ADAGE wiring from the repository's
`run_model.py` (Input -> sigmoid `Dense(encoding_dim)`) with gene_num 5549 -> 16 and
encoding_dim 50 -> 4, the tied layer as decoder.
"""

SOURCE = "https://github.com/hoganlab-dartmouth/seqADAGE/blob/ac88ef727b9da54f906fa95c942e1e158b626db4/TiedWeightsEncoder.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout27/_measure.py tests/heldout27/okr_seqadage_tied_decoder_holds_encoder_weights_list.py:
as returned: Functional, count_params() = 68, 2 weights, unbuilt: none
after call: count_params() = 68, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tied_weights_encoder': 68}
second call: 0 variables watched that the first call did not use
Own scripts: /tmp/mine27c/p5.py (same layer, summary shows the 68 shared parameters under both layers,
total 68; decoder.weights are ['dense/kernel', 'dense/bias']); /tmp/mine27c/fitprobe.py (SGD(0.5), mse,
one fit step): fit ok, 2 of 2 trainable weights change."""

import keras
from keras.layers import Input, Dense, Activation, Layer
from keras.models import Model
from keras import activations
from keras import ops as K


class TiedWeightsEncoder(Layer):

    """
    Encoder - Decoder tied weights
    """

    def __init__(self, output_dim, encoded, activation="sigmoid", **kwargs):
        self.output_dim = output_dim
        self.encoder = encoded
        self.activation = activations.get(activation)
        super(TiedWeightsEncoder, self).__init__(**kwargs)

    def build(self, input_shape):
        self.kernel = self.encoder.weights
        super(TiedWeightsEncoder, self).build(input_shape)

    def call(self, x):
        output = K.matmul(x - self.encoder.weights[1], K.transpose(self.encoder.weights[0]))
        #print(output)
        if self.activation is not None:
            output = self.activation(output)
        return output

    def compute_output_shape(self, input_shape):
        return input_shape[0], self.output_dim


def build_model():
    gene_num = 16
    encoding_dim = 4
    input_img = Input(shape=(gene_num,))
    init_s = keras.initializers.RandomNormal(mean=0.0, stddev=0.05, seed=1)
    encoded_layer = Dense(encoding_dim, activation='sigmoid',
                          kernel_initializer=init_s, bias_initializer='zeros')
    encoded = encoded_layer(input_img)
    decoded = TiedWeightsEncoder(gene_num, encoded_layer)(encoded)
    return Model(input_img, decoded)
