"""A neural-ODE convolutional block (`ODEBlock`) that stores `filters`/`kernel_size` on `self` BEFORE
calling `super().__init__()` and creates its two conv kernels and biases with `add_weight` in
`build()`, then uses them inside an ODE right-hand side `ode_func` integrated from t=0 to t=1.

From xAlpharax/NeuralODE-Notes-Projects (`odeblocktensorflow.py`, used by the DCODNN image
classifiers of the repository). Looks like the "super().__init__() called late" trap (two attributes
assigned first) and the "weights used only through a helper called by an ODE solver" trap. On Keras 3
both are fine: plain Python settings set before `super().__init__()` survive (only layer settings
such as `trainable`/`name` and sublayers are affected), and the four `add_weight` variables are
tracked, counted and get gradients through the integration steps.

Porting edits: `tensorflow.keras.backend` ops -> `keras.ops` (`K.conv2d` -> `ops.conv`, `K.bias_add`
-> `+`, `K.relu` -> `ops.relu`, `K.constant` -> `ops.convert_to_tensor`); the
`tensorflow_scientific` adaptive `odeint` (not installable here) is replaced by a fixed 4-step RK4
integrator with the same call shape `odeint(func, x, t)[1]` returning the state at t=1; the
repository's model is cut down to Conv2D(4) -> ODEBlock(4, (3, 3)) -> pooling -> Dense(3) on 8x8x1
images.
"""

SOURCE = "https://github.com/xAlpharax/NeuralODE-Notes-Projects/blob/1783655b30b452077c534e85934d71dd88aa2bda/odeblocktensorflow.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/okn_xalpharax_neural_ode_block_settings_before_super_weights_in_build.py:
as returned: Functional, count_params() = 423, 8 weights, unbuilt: none
after call: count_params() = 423, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ode_block': 368}
second call: 0 variables watched that the first call did not use"""

import keras
import tensorflow as tf
from keras import ops


def odeint(func, y0, t, n_steps=4):
    # fixed-step RK4 stand-in for tfs.integrate.odeint; returns [y(t0), y(t1)]
    h = (t[1] - t[0]) / n_steps
    y, tt = y0, t[0]
    for _ in range(n_steps):
        k1 = func(y, tt)
        k2 = func(y + h * k1 / 2, tt + h / 2)
        k3 = func(y + h * k2 / 2, tt + h / 2)
        k4 = func(y + h * k3, tt + h)
        y = y + h * (k1 + 2 * k2 + 2 * k3 + k4) / 6
        tt = tt + h
    return [y0, y]


class ODEBlock(keras.layers.Layer):

    def __init__(self, filters, kernel_size, **kwargs):
        self.filters = filters
        self.kernel_size = kernel_size
        super(ODEBlock, self).__init__(**kwargs)

    def build(self, input_shape):
        self.conv2d_w1 = self.add_weight(name="conv2d_w1", shape=self.kernel_size + (self.filters + 1, self.filters), initializer='glorot_uniform')
        self.conv2d_w2 = self.add_weight(name="conv2d_w2", shape=self.kernel_size + (self.filters + 1, self.filters), initializer='glorot_uniform')

        self.conv2d_b1 = self.add_weight(name="conv2d_b1", shape=(self.filters,), initializer='zero')
        self.conv2d_b2 = self.add_weight(name="conv2d_b2", shape=(self.filters,), initializer='zero')
        super(ODEBlock, self).build(input_shape)

    def call(self, x):
        t = ops.convert_to_tensor([0, 1], dtype="float32")
        return odeint(self.ode_func, x, t)[1]

    def compute_output_shape(self, input_shape):
        return input_shape

    def ode_func(self, x, t):
        y = self.concat_t(x, t)
        y = ops.conv(y, self.conv2d_w1, padding="same")
        y = y + self.conv2d_b1
        y = ops.relu(y)

        y = self.concat_t(y, t)
        y = ops.conv(y, self.conv2d_w2, padding="same")
        y = y + self.conv2d_b2
        y = ops.relu(y)

        return y

    def concat_t(self, x, t):
        new_shape = tf.concat([tf.shape(x)[:-1], tf.constant([1], dtype="int32", shape=(1,))], axis=0)
        t = tf.ones(shape=new_shape) * tf.reshape(t, (1, 1, 1, 1))

        return tf.concat([x, t], axis=-1)


def build_model():
    inp = keras.Input((8, 8, 1))
    x = keras.layers.Conv2D(4, 3, padding="same", activation="relu")(inp)
    x = ODEBlock(4, (3, 3))(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    out = keras.layers.Dense(3, activation="softmax")(x)
    return keras.Model(inp, out)
