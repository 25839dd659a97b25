"""ScrabbleGAN's self-attention `NonLocalBlock`: only the `sigma` gate is made in `build()`; the four
1x1 convolutions (theta, phi, g and the output projection) and the two max-pools are instantiated
inside `call()` on every forward pass.

From Nikolai10/scrabble-gan (`src/bigacgan/arch_ops.py`, a TF2 port of compare_gan's
`non_local_block`). The Conv2D layers made in `call()` are never assigned to `self`, so the block
tracks one scalar weight: the summary counts 1 parameter for the attention block, the convolutions are
fresh random kernels on every call (never trained, never saved), and `fit` cannot even trace the train
step ("tf.function only supports singleton tf.Variables created on the first call"). The repository's
issue #2 reports the sibling symptom when saving ("tf.function-decorated function tried to create
variables on non-first call").

Porting edits: `tensorflow.keras.layers` -> `keras.layers`; `tf.initializers.orthogonal()` ->
`keras.initializers.Orthogonal()` (the `tf.*` ops of the block stay); `build_model()` wires the block
between two convolutions on an 8x8x16 feature map in a small functional model (not the repository's
BigGAN generator); `k_reg=None` as the regulariser.
"""

SOURCE = "https://github.com/Nikolai10/scrabble-gan/blob/00b234a2987b24bde72aa9fbf3a16afa1079efd3/src/bigacgan/arch_ops.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/e_scrabblegan_nonlocal_block_convs_made_in_call.py:
as returned: Functional, count_params() = 2338, 5 weights, unbuilt: none
after call: count_params() = 2338, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 4 variables the model does not track: ['functional/NonLocalBlock_gen/conv2d_theta/kernel:0', 'functional/NonLocalBlock_gen/conv2d_phi/kernel:0', 'functional/NonLocalBlock_gen/conv2d_g/kernel:0', 'functional/NonLocalBlock_gen/conv2d_attn_g/kernel:0']
params of the case's own layers: {'NonLocalBlock_gen': 1}
second call: 4 variables watched that the first call did not use
Own script /tmp/mine21b/fitprobe.py (compile SGD(0.1)/mse, fit one epoch): fit raised ValueError: Exception encountered when calling NonLocalBlock.call(). tf.function only supports singleton tf.Variables created on the first call. Make sure the tf.Variable is only created once or created outside tf.function. See https://www.tensorflow.org/guide/functio"""

import tensorflow as tf
import keras
from keras import layers


class NonLocalBlock(layers.Layer):
    """Self-attention (non-local) block.

    based on non_local_block
    - https://github.com/google/compare_gan/blob/master/compare_gan/architectures/arch_ops.py
    """

    def __init__(self, name, k_reg):
        super(NonLocalBlock, self).__init__(name='NonLocalBlock' + '_' + name)
        self.k_reg = k_reg

    def build(self, input_shape):
        self.sigma = self.add_weight(name="sigma",
                                     shape=[],
                                     initializer='zeros',
                                     trainable=True)

    def _spatial_flatten(self, inputs):
        shape = inputs.shape
        return tf.reshape(inputs, (tf.shape(inputs)[0], -1, shape[3]))

    def call(self, input):
        h, w, num_channels = input.get_shape().as_list()[1:]
        num_channels_attn = num_channels // 8
        num_channels_g = num_channels // 2

        # Theta path
        theta = layers.Conv2D(filters=num_channels_attn, kernel_size=(1, 1), use_bias=False, strides=(1, 1),
                              padding='same', kernel_initializer=keras.initializers.Orthogonal(),
                              kernel_regularizer=self.k_reg, name="conv2d_theta")(input)
        theta = self._spatial_flatten(theta)

        # Phi path
        phi = layers.Conv2D(filters=num_channels_attn, kernel_size=(1, 1), use_bias=False, strides=(1, 1),
                            padding='same', kernel_initializer=keras.initializers.Orthogonal(),
                            kernel_regularizer=self.k_reg, name="conv2d_phi")(input)
        phi = layers.MaxPool2D(pool_size=[2, 2], strides=2)(phi)
        phi = self._spatial_flatten(phi)

        # attention map
        attn = tf.matmul(theta, phi, transpose_b=True)
        attn = tf.nn.softmax(attn)

        # G path
        g = layers.Conv2D(filters=num_channels_g, kernel_size=(1, 1), use_bias=False, strides=(1, 1),
                          padding='same', kernel_initializer=keras.initializers.Orthogonal(),
                          kernel_regularizer=self.k_reg, name="conv2d_g")(input)
        g = layers.MaxPool2D(pool_size=[2, 2], strides=2)(g)
        g = self._spatial_flatten(g)

        attn_g = tf.matmul(attn, g)
        attn_g = tf.reshape(attn_g, [tf.shape(attn_g)[0], h, -1, num_channels_g])
        attn_g = layers.Conv2D(filters=num_channels, kernel_size=(1, 1), use_bias=False, strides=(1, 1),
                               padding='same', kernel_initializer=keras.initializers.Orthogonal(),
                               kernel_regularizer=self.k_reg, name="conv2d_attn_g")(attn_g)

        return self.sigma * attn_g + input

    def get_config(self):
        config = super(NonLocalBlock, self).get_config()
        config.update({'k_reg': self.k_reg})
        return config


def build_model():
    inputs = keras.Input((8, 8, 16))
    x = layers.Conv2D(16, 3, padding='same')(inputs)
    x = NonLocalBlock('gen', None)(x)
    outputs = layers.Conv2D(1, 1)(x)
    return keras.Model(inputs, outputs)
