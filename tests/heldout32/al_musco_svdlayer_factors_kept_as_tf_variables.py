"""MUSCO's TensorFlow `SVDLayer` (the truncated-SVD replacement for a compressed Dense) stores its three
factors U, S, V and the copied bias as raw `tf.Variable`s in `__init__`, trusting a comment that says they
"will automatically be added to self.weights": on Keras 3 they are not (0 params, not trained, not saved).

From JupiterEthan/musco-pytorch (`tensor_compression/compress/tf_decompose/svd_layer.py`), the TF side of the
MUSCO low-rank compression toolkit: `compress_model.py` takes a trained Dense's kernel and bias, runs
`tf.linalg.svd`, truncates to `rank` and builds this layer in its place. The comment cites the TF 2.0 beta
custom-layer guide, where a `tf.Variable` attribute was tracked by tf.keras 2; Keras 3 only tracks
`keras.Variable`s/`add_weight`.

Porting edits: none to the layer (kept as written, `from tensorflow.keras import layers`, which is Keras 3
under TF 2.21). `build_model()` does what the compressor does: a functional model Input(12) -> Dense(8) ->
SVDLayer made from a (8, 6) kernel (a fresh Dense's, standing in for the trained one) truncated to rank 3,
-> Dense(2) head.
"""

SOURCE = "https://github.com/JupiterEthan/musco-pytorch/blob/388bb1b46ee91fb0ca2a600a2c984356336397be/tensor_compression/compress/tf_decompose/svd_layer.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/al/al_musco_svdlayer_factors_kept_as_tf_variables.py:
as returned: Functional, count_params() = 118, 4 weights, unbuilt: none
after call: count_params() = 118, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 4 variables the model does not track: ['U:0', 'S:0', 'V:0', 'bias:0']
params of the case's own layers: {'svd': 0}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf

from tensorflow.keras import layers


class SVDLayer(layers.Layer):
    """
        This class compute the result using U, S, V -- the result of TruncatedSVD(src_matrix).
        It adds an original bias vector after x*U*S*V.T computation to the result.
    """

    def __init__(self, src_matrix, bias, rank=None, **kwargs):
        super(SVDLayer, self).__init__(**kwargs)
        s, u, v = tf.linalg.svd(src_matrix, full_matrices=False, compute_uv=True)

        # Truncate decomposition if we need that
        if rank is not None:
            u = u[..., :rank]
            s = s[..., :rank]
            v = v[..., :rank]

        s = tf.linalg.diag(s)

        # This variables will automatically be added to self.weights
        # in the order they are added below.
        self.u = tf.Variable(initial_value=u, name='U')
        self.s = tf.Variable(initial_value=s, name='S')
        self.v = tf.Variable(initial_value=v, name='V')

        # Bias vector from the source fully-connected layer.
        self.bias = tf.Variable(initial_value=bias, name="bias")

    def call(self, inputs, **kwargs):
        x = tf.matmul(inputs, self.u)
        x = tf.matmul(x, self.s)
        x = tf.matmul(x, self.v, adjoint_b=True)
        x = x + self.bias
        return x

    def compute_output_shape(self, input_shape):
        assert input_shape and len(input_shape) >= 2
        assert input_shape[-1]
        output_shape = list(input_shape)
        output_shape[-1] = self.v.get_shape()[0]
        return tuple(output_shape)


def build_model():
    source = layers.Dense(6)
    source.build((None, 8))
    kernel, bias = source.get_weights()
    inputs = tf.keras.Input((12,))
    x = layers.Dense(8, activation="relu")(inputs)
    x = SVDLayer(kernel, bias, rank=3, name="svd")(x)
    outputs = layers.Dense(2)(x)
    return tf.keras.Model(inputs, outputs)
