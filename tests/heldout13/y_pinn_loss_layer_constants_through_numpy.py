"""Physics-informed 'loss layer' whose two learnable PDE constants are pulled out as NumPy values in call().

The reporter wrote a `WbceLoss` layer that takes the network outputs and the collocation
coordinates, creates two trainable scalars `constant1`/`constant2` with add_weight in build(),
prints them, and converts them with `tf.convert_to_tensor(...numpy())` before building the PDE
residual.  Training failed with "Variable ... constant1 has None for gradient.  Please make sure
that all of your ops have a gradient defined ... K.argmax, K.round, K.eval."
"""

SOURCE = "https://github.com/keras-team/keras/issues/15676"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py y_pinn_loss_layer_constants_through_numpy.py:
<Variable path=eqn1_1/constant1, shape=(1,), dtype=float32>
<Variable path=eqn1_1/constant2, shape=(1,), dtype=float32>
build_model() raised NotImplementedError: Exception encountered when calling WbceLoss.call().
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
warning: __array__ implementation doesn't accept a copy keyword, so passing copy=False failed. __array__ must implement 'dtype' and 'copy' keyword arguments. To learn more, see the migration guide https://nump
In the functional model the variable is symbolic during tracing, so .numpy() raises when the model is wired; called eagerly on its own the layer runs and the tape gives None for both constants (the NumPy round trip cuts the gradient)."""

import tensorflow as tf
import keras
from keras import layers as KL


class WbceLoss(KL.Layer):

    def __init__(self, **kwargs):
        super(WbceLoss, self).__init__(**kwargs)

    def build(self, input_shape):
        self.constant1 = self.add_weight(name="constant1", shape=[1], initializer='random_normal', trainable=True)
        self.constant2 = self.add_weight(name="constant2", shape=[1], initializer='random_normal', trainable=True)

    def call(self, inputs, **kwargs):
        out1, out2, out3, cur_time, cur_x_input, cur_y_input, cur_z_input, perm_input = inputs

        x_input = cur_x_input
        y_input = cur_y_input
        z_input = cur_z_input
        perm_input = perm_input

        constant1 = self.constant1
        constant2 = self.constant2
        print(constant1)
        print(constant2)

        # the author's conversion: keep the constants as plain tensors for the residual
        constant1 = tf.convert_to_tensor(constant1.numpy(), dtype=tf.float32)
        constant2 = tf.convert_to_tensor(constant2.numpy(), dtype=tf.float32)

        gradient_proxy = out1 * cur_time
        residual = gradient_proxy - constant1 * perm_input * (x_input + y_input + z_input) - constant2 * out2
        residual = residual + 0.0 * out3
        return tf.reduce_mean(tf.square(residual), axis=-1, keepdims=True)


def make_pinn(width=16):
    coords = [keras.Input(shape=(1,), name=n) for n in ("t", "x", "y", "z", "perm")]
    t, x, y, z, perm = coords
    h = KL.Concatenate()([t, x, y, z])
    h = KL.Dense(width, activation="tanh")(h)
    h = KL.Dense(width, activation="tanh")(h)
    out1 = KL.Dense(1, name="pressure")(h)
    out2 = KL.Dense(1, name="saturation")(h)
    out3 = KL.Dense(1, name="aux")(h)
    loss_out = WbceLoss(name="eqn1_1")([out1, out2, out3, t, x, y, z, perm])
    return keras.Model(coords, loss_out)


def build_model():
    return make_pinn()
