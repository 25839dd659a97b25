"""ADAGE's tied-weights decoder in tybalt: `TiedWeightsDecoder` owns no weight of its own; it keeps
the encoder Dense layer (assigned to `self.encoder` before `super().__init__()` is called), stores the
encoder's weight list as `self.kernel` in `build()`, and decodes with
`K.dot(x - encoder.bias, K.transpose(encoder.kernel))`.

From greenelab/tybalt (`tybalt/utils/adage_utils.py`, added by PR #123 "Adding option to tie ADAGE
weights together"). Looks like several traps at once: a sublayer and settings assigned before the
base constructor runs, another layer's variables stored on `self` (double counting?), and a weight
read through a transpose. On Keras 3 (TensorFlow backend) the encoder is tracked as a sublayer of the
decoder, `self.kernel` is a tracked list of the encoder's two variables, the model counts each of them
once (33 = 30 + 3, not 66), and the decoder's loss sends gradients into the shared encoder kernel and
bias.

Porting edits: `keras.backend.dot/transpose` -> `keras.ops.dot/transpose` (gone from Keras 3's
backend module); `build_model()` is ADAGE's one-hidden-layer autoencoder shrunk to 10 genes and 3
features (`Dense(3, sigmoid)` encoder, tied sigmoid decoder), as in `tybalt/models.py`.
"""

SOURCE = "https://github.com/greenelab/tybalt/blob/0bdc5ad0defc32378c5cc36b9f3440751ab95400/tybalt/utils/adage_utils.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/oke_tybalt_tied_weights_decoder_reads_encoder_kernel.py:
as returned: Functional, count_params() = 33, 2 weights, unbuilt: none
after call: count_params() = 33, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'tied_weights_decoder': 33}
second call: 0 variables watched that the first call did not use
Own scripts /tmp/mine21b/p2.py (the decoder's only sublayer is the encoder Dense, self.kernel is a TrackedList of the encoder's 2 variables) and fitprobe.py (compile SGD(0.1)/mse, fit one epoch): fit ok; 2 of 2 trainable weights changed"""

from keras import activations
from keras import ops
from keras.layers import Layer, Input, Dense
from keras.models import Model


class TiedWeightsDecoder(Layer):
    """
    Transpose the encoder weights to apply decoding of compressed latent space
    """
    def __init__(self, output_dim, encoder, activation=None, **kwargs):
        self.output_dim = output_dim
        self.encoder = encoder
        self.activation = activations.get(activation)
        super(TiedWeightsDecoder, self).__init__(**kwargs)

    def build(self, input_shape):
        self.kernel = self.encoder.weights
        super(TiedWeightsDecoder, self).build(input_shape)

    def call(self, x):
        # Encoder weights: [weight_matrix, bias_term]
        output = ops.dot(x - self.encoder.weights[1],
                         ops.transpose(self.encoder.weights[0]))
        if self.activation is not None:
            output = self.activation(output)
        return output

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)


def build_model():
    num_genes, num_components = 10, 3
    rnaseq_input = Input(shape=(num_genes,))
    encoded_layer = Dense(num_components, activation='sigmoid')
    encoded_rnaseq = encoded_layer(rnaseq_input)
    decoded_rnaseq = TiedWeightsDecoder(output_dim=num_genes, encoder=encoded_layer,
                                        activation='sigmoid')(encoded_rnaseq)
    return Model(rnaseq_input, decoded_rnaseq)
