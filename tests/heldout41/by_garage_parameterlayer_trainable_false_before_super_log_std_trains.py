"""garage's Keras `ParameterLayer` (the broadcast log-std parameter of its Gaussian policies) assigns `self.trainable = trainable` before `super().__init__(**kwargs)` and reads `self.trainable` in `build()`: on Keras 3 `Layer.__init__` resets the flag to True, so `ParameterLayer(..., trainable=False)` (a fixed, `learn_std=False` std) creates a trainable kernel that gets a gradient and moves.

From rlworkgroup/garage, `garage/tf/core/parameter_layer.py` (670a8eb, 2019, `tensorflow.keras`), written while garage
moved its TF policies onto Keras layers. `__init__(length, scope, initializer, trainable, **kwargs)` stores length,
initializer, `self.trainable` and scope, then calls `super().__init__(**kwargs)` without passing `trainable` on;
`build()` makes `kernel` with `add_weight(..., trainable=self.trainable)`; `call(x)` broadcasts it to the batch. The
layer exists for the state-independent log-std of `GaussianMLPModel` (`learn_std=False` means a constant std; the
functional version of the same model passes `trainable=self._learn_std`). With `trainable=False` the user expects a
frozen std; on Keras 3 it is a trainable weight.

Porting edits: `broadcast_to` taken from `tf` instead of `tensorflow.python.ops.gen_array_ops`; otherwise as written.
The model is ours, the policy head it serves: a 4-d observation, a tanh Dense(8) and a Dense(2) mean, and
`ParameterLayer(length=2, initializer=Constant(0.0), trainable=False)` on the observation for the log-std; the two
outputs are concatenated. build_model() returns the model.
"""

SOURCE = "https://github.com/rlworkgroup/garage/blob/670a8ebc65f5abfc23cd62520084f75b00a7da06/garage/tf/core/parameter_layer.py"
CODES = ("LD013",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/by/by_garage_parameterlayer_trainable_false_before_super_log_std_trains.py:
as returned: Functional, count_params() = 60, 5 weights, unbuilt: none
after call: count_params() = 60, 5 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 5 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'log_std': 2}
second call: 0 variables watched that the first call did not use
(5 trainable weights: the log_std kernel built with trainable=False is among them.)
probe_garage.py: ParameterLayer(length=2, trainable=False).trainable -> True right after __init__; in the model the
log_std layer's trainable is True, kernel.trainable is True and the kernel is in model.trainable_weights; after
compile(SGD(0.5), "mse") and 3 epochs of fit on 8 samples the "fixed" log-std kernel moved from [0. 0.] to
[0.578125 0.578125]. No warning printed."""

import keras
import tensorflow as tf
from tensorflow.keras.layers import Layer as KerasLayer


class ParameterLayer(KerasLayer):
    """
    Parameter layer based on tf.keras.layers.Layer.

    Used as layer that could be broadcast to a certain shape to
    match with input variable during training.
    """

    def __init__(self,
                 length,
                 scope="ParameterLayer",
                 initializer="ones",
                 trainable=True,
                 **kwargs):
        self.length = length
        self.initializer = initializer
        self.trainable = trainable
        self.scope = scope
        super().__init__(**kwargs)

    def build(self, input_shape):
        """tf.keras.layers.Layer build."""
        with tf.name_scope(self.scope):
            self.kernel = self.add_weight(
                name='kernel',
                shape=(self.length, ),
                initializer=self.initializer,
                trainable=self.trainable)
            super().build(input_shape)

    def call(self, x):
        """tf.keras.layers.Layer call."""
        broadcast_shape = tf.concat(
            axis=0, values=[tf.shape(x)[:-1], [self.length]])
        return tf.broadcast_to(self.kernel, shape=broadcast_shape)

    def get_config(self):
        """Cusomterized configuration for serialization."""
        config = {
            'length': self.length,
            'scope': self.scope,
            'initializer': self.initializer,
            'trainable': self.trainable
        }

        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    obs = keras.Input(shape=(4,), name="obs")
    h = keras.layers.Dense(8, activation="tanh")(obs)
    mean = keras.layers.Dense(2, name="mean")(h)
    log_std = ParameterLayer(length=2, initializer=keras.initializers.Constant(0.0),
                             trainable=False, name="log_std")(obs)
    out = keras.layers.Concatenate()([mean, log_std])
    return keras.Model(obs, out)
