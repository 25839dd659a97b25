"""Correct: a Keras 3 port of "Inside Deep Learning" ties a PCA autoencoder's weights with a `TransposeLinear` layer that keeps the encoder's `Dense` as an attribute and multiplies by `ops.transpose(self.dense_layer.kernel)` in `call()`; the shared kernel is tracked once and gets gradients from both paths.

From quangtiencs/keras3-inside-deep-learning, `Chapter_07.ipynb`, cell 5 (PyTorch original: `TransposeLinear(nn.Module)`
holding `self.weight = linear_layer.weight`). One `Dense(n, use_bias=False)` object is placed in the encoder Pipeline
and handed to `TransposeLinear`, which sits in the decoder Pipeline; `build()` calls `super().build()` first, builds
the foreign Dense itself if needed, and only adds a bias when asked. The notebook's own `summary()` shows 1,568
params under both `pca_encoder` and `pca_decoder`. A naive checker sees a layer stored on another layer and used by
two containers (LD007/LD008), a transposed kernel computed from a variable (LD010 if it were stored back on self),
`self.bias = None` in `__init__`. On Keras 3 the model counts the kernel once (1,568 = 784 x 2) and it gets a
gradient; the transpose is taken per call, so nothing goes stale.

Porting edits: `inputs = inputs.to(device)` in `call()` is removed (the notebook runs on the torch backend, where it
moves the batch to CUDA; on TensorFlow it raises AttributeError). The orthogonality loss and training loop are left
out. build_model() builds the notebook's `pca_model` with D = 784 and n = 2, channels-first (1, 28, 28) inputs.
"""

SOURCE = "https://github.com/quangtiencs/keras3-inside-deep-learning/blob/72d6792dfd2755e6e1cbf59c10395eca5400d45f/Chapter_07.ipynb"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bt/okbt_keras3insidedl_pca_transposelinear_reuses_encoder_dense_kernel_across_pipelines.py:
as returned: Sequential, count_params() = 1568, 1 weights, unbuilt: none
after call: count_params() = 1568, 1 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 1 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'transpose_linear': 1568}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, models, ops

n = 2


class TransposeLinear(layers.Layer):
    """
    A layer that computes the transpose of another Dense layer's weights.
    This enables weight sharing between an original Dense layer and its transpose.
    """

    def __init__(self, dense_layer, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.dense_layer = dense_layer
        self.use_bias = use_bias
        self.bias = None

    def build(self, input_shape):
        super().build(input_shape)

        if not self.dense_layer.built:
            self.dense_layer.build((None, input_shape[-1]))

        if self.use_bias:
            output_dim = self.dense_layer.kernel.shape[0]
            self.bias = self.add_weight(
                name='bias',
                shape=(output_dim,),
                initializer='zeros',
                trainable=True
            )

    def call(self, inputs):
        transposed_weights = ops.transpose(self.dense_layer.kernel)
        output = ops.matmul(inputs, transposed_weights)

        if self.use_bias:
            output = ops.add(output, self.bias)

        return output

    def get_config(self):
        config = super().get_config()
        config.update({
            'use_bias': self.use_bias,
        })
        return config


def build_model():
    linear_layer = layers.Dense(n, use_bias=False, name='shared_linear')

    pca_encoder = layers.Pipeline([
        layers.Flatten(name='flatten'),
        linear_layer
    ], name='pca_encoder')

    pca_decoder = layers.Pipeline([
        TransposeLinear(linear_layer, use_bias=False, name='transpose_linear'),
        layers.Reshape(target_shape=(1, 28, 28)),
    ], name='pca_decoder')

    pca_model = models.Sequential([
        layers.Input(shape=(1, 28, 28)),
        layers.Flatten(),
        pca_encoder,
        pca_decoder
    ], name='pca_model')
    return pca_model
