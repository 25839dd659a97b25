"""A spectral-normalization `Wrapper` for a GAN (the widely copied Medium/TF2 version): `build()` keeps
`self.w = self.layer.kernel`, and every call overwrites the wrapped layer's kernel attribute with a tensor,
`self.layer.kernel = self.w / sigma`, inside a `@tf.function` `call`.

From purelyvivid/ET082_15_MoveImg (`tf2/spectral_norm.py`, "ref: medium.com/@FloydHsiu0618 ... spectral
normalization implementation of tensorflow 2.0 keras api"). The wrapped Conv2D's `kernel` variable is
replaced on the layer by a tensor derived from it (the LD010 shape, across two layers). In tf.keras 2
the assignment went through and the Conv2D attribute held a graph tensor made in the wrapper's
`tf.function` trace; on Keras 3, `Conv2D.kernel` is a read-only property (over `_kernel`, for LoRA and
quantization), so the model wires fine (the wrapper's `compute_output_shape` avoids a symbolic call) and
the first real call raises inside `_compute_weights`.

Porting edits: `tensorflow.keras.layers.Wrapper` -> `keras.layers.Wrapper` (ops stay `tf.*`); the
author's `compute_output_shape` (`tf.TensorShape(self.layer.compute_output_shape(input_shape).as_list())`)
-> `self.layer.compute_output_shape(input_shape)`, since Keras 3 layers return tuples that have no
`.as_list()`; a small discriminator (Input 8x8x3 -> SN(Conv2D 4, 3x3) -> Flatten -> Dense 1) stands in
for the repository's GAN.
"""

SOURCE = "https://github.com/purelyvivid/ET082_15_MoveImg/blob/5c92e0ba17abdb9ad505a533e510f1364ce1f601/tf2/spectral_norm.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout31/_measure.py tests/heldout31/ag_moveimg_spectral_norm_kernel_replaced_by_tensor.py:
as returned: Functional, count_params() = 373, 5 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling SpectralNormalization.call().
Own script (/tmp/mine31a/probe_c.py): before the call the Conv2D's kernel attribute is a Variable and the
weights are conv2d/kernel, sn_u, conv2d/bias, dense/kernel, dense/bias; the call's error ends with
`self.layer.kernel = self.w / sigma` -> "AttributeError: property 'kernel' of 'Conv2D' object has no
setter" (keras/src/layers/layer.py __setattr__)."""

import keras
import tensorflow as tf
from keras.layers import Wrapper


class SpectralNormalization(Wrapper):
    """
    Attributes:
       layer: tensorflow keras layers (with kernel attribute)
    """

    def __init__(self, layer, **kwargs):
        super(SpectralNormalization, self).__init__(layer, **kwargs)

    def build(self, input_shape):
        """Build `Layer`"""

        if not self.layer.built:
            self.layer.build(input_shape)

            if not hasattr(self.layer, 'kernel'):
                raise ValueError(
                    '`SpectralNormalization` must wrap a layer that'
                    ' contains a `kernel` for weights')

            self.w = self.layer.kernel
            self.w_shape = self.w.shape.as_list()
            self.u = self.add_weight(
                shape=tuple([1, self.w_shape[-1]]),
                initializer=tf.initializers.TruncatedNormal(stddev=0.02),
                name='sn_u',
                trainable=False,
                dtype=tf.float32)

        super(SpectralNormalization, self).build()

    @tf.function
    def call(self, inputs):
        """Call `Layer`"""
        # Recompute weights for each forward pass
        self._compute_weights()
        output = self.layer(inputs)
        return output

    def _compute_weights(self):
        """Generate normalized weights.
        This method will update the value of self.layer.kernel with the
        normalized value, so that the layer is ready for call().
        """
        w_reshaped = tf.reshape(self.w, [-1, self.w_shape[-1]])
        eps = 1e-12
        _u = tf.identity(self.u)
        _v = tf.matmul(_u, tf.transpose(w_reshaped))
        _v = _v / tf.maximum(tf.reduce_sum(_v**2)**0.5, eps)
        _u = tf.matmul(_v, w_reshaped)
        _u = _u / tf.maximum(tf.reduce_sum(_u**2)**0.5, eps)

        self.u.assign(_u)
        sigma = tf.matmul(tf.matmul(_v, w_reshaped), tf.transpose(_u))

        self.layer.kernel = self.w / sigma

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)


def build_model():
    inputs = keras.Input((8, 8, 3))
    x = SpectralNormalization(keras.layers.Conv2D(4, 3, padding="same"))(inputs)
    x = keras.layers.Flatten()(x)
    outputs = keras.layers.Dense(1)(x)
    return keras.Model(inputs, outputs)
