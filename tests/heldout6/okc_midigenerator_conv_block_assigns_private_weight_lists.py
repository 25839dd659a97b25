"""midiGenerator's ConvBlock3D builds its sublayers by hand and assigns `self._trainable_weights` in build().

ValentinVignal/midiGenerator (a tf.keras 2 music VAE) wraps Conv3D + BatchNormalization +
LeakyReLU + Dropout in a `ConvBlock3D` layer. The sublayers are created before
`super().__init__()`, and `build()` builds each one with a computed shape and then overwrites the
private weight lists: `self._trainable_weights = conv.trainable_weights + bn.trainable_weights`
and `self._non_trainable_weights = bn.non_trainable_weights` (a TODO wonders whether
`_trainable_variables` also needs it). On tf.keras 2 this was the private-API hack that worked by
accident. On Keras 3 the private names are not Keras's own lists: the assignment is just another
tracked attribute holding variables the block already reaches through its sublayers, the same as
aliasing `self.kernel = self.conv.kernel`. Counts, gradients and freezing stay right (Keras
de-duplicates); the block's own variable list and its checkpoint carry the sublayer variables a
second time, as with any alias. Measured: correct on Keras 3, a look-alike of LD006.
"""

SOURCE = "https://github.com/ValentinVignal/midiGenerator/blob/master/src/NN/layers/conv_block.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py okc_midigenerator_conv_block_assigns_private_weight_lists.py:
as returned: Functional, count_params() = 7820, 14 weights, unbuilt: none
after call: count_params() = 7820, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv_block3d': 440, 'conv_block3d_1': 3280}
second call: 0 variables watched that the first call did not use
extra check (python: block = model.layers[1]; len(block._trainable_variables), len(block._non_trainable_variables)): (4, 2), the sublayers' variables held again by the block; with block.conv.trainable = False, block.trainable_weights == [batch_normalization gamma, beta] (the freeze holds). model.save_weights() writes the 6 arrays under 'layers/conv_block3d/vars/0..5' next to 'conv/vars' and 'batch_norm/vars' (as an alias would); the same model reloads them. No AttributeError, no warning."""

import keras
import tensorflow as tf

K = tf.keras.backend
layers = tf.keras.layers

dropout_rate = 0.1  # src.global_variables.dropout in the project


class ConvBlock3D(layers.Layer):
    def __init__(self, filters, strides=(1, 1, 1), dropout=dropout_rate):
        self.strides = strides
        self.conv = layers.Conv3D(filters=filters, kernel_size=(1, 5, 5), strides=strides, padding="same")
        self.batch_norm = layers.BatchNormalization()
        self.leaky_relu = layers.LeakyReLU()
        self.dropout = layers.Dropout(dropout)
        super(ConvBlock3D, self).__init__()

    def build(self, input_shape):
        self.conv.build(input_shape)
        new_shape = self.conv.compute_output_shape(input_shape)
        self.batch_norm.build(new_shape)
        self.leaky_relu.build(new_shape)
        self.dropout.build(new_shape)
        self._trainable_weights = self.conv.trainable_weights + self.batch_norm.trainable_weights
        self._non_trainable_weights = self.batch_norm.non_trainable_weights
        # TODO Verify there is no need to consider non_trainable_variable and trainable_variable
        super(ConvBlock3D, self).build(input_shape)

    def call(self, inputs):
        x = self.conv(inputs)
        x = self.batch_norm(x)
        x = self.leaky_relu(x)
        return self.dropout(x)

    def compute_output_shape(self, input_shape):
        return self.conv.compute_output_shape(input_shape)


def build_model():
    inputs = keras.Input(shape=(4, 8, 8, 2))  # (tracks, steps, notes, channels) in the project
    x = ConvBlock3D(filters=8)(inputs)
    x = ConvBlock3D(filters=16, strides=(1, 2, 2))(x)
    x = layers.Flatten()(x)
    outputs = layers.Dense(4)(x)
    return keras.Model(inputs, outputs)
