"""Look-alike: an RBFLayer whose asker reports "can not learn the centers (mu)"; mu is an `add_weight` in
build(), used in call(), and on Keras 3 it is tracked and gets a gradient.

From tensorflow/tensorflow issue #50584 ("RBF Custom Layer in Tensorflow can not learn the centers (mu)
parameters", TF 2.5, a support question closed as stale). The asker's layer keeps `gamma` as a Python float
(`K.cast_to_floatx(gamma)`; a trainable gamma is commented out), creates `mu` of shape (input_dim, units) with
`self.add_weight(..., trainable=True)` in build() and calls `super().build()`; call() computes
`exp(-0.5 * gamma * sum((expand_dims(x) - mu)^2, axis=1))`. A checker might flag the thread's symptom (a weight
that "does not learn", LD009) or the Python-float hyper-parameter, but mu is a tracked Keras weight on a
differentiable path: the measurement shows it counted and with a non-None gradient, so the asker's slow learning is
an optimisation matter (saturating exp), not a tracking defect. The commented-out gamma weight is kept commented.

Porting edits: none (`tensorflow.keras.backend` still provides expand_dims/sum/pow/exp/cast_to_floatx);
`compute_output_shape` is cut off in the stored thread and completed as `(input_shape[0], self.units)`, its usual
body; `import tensorflow as tf` added for the initializer. `build_model()` wires a Sequential of
`keras.Input((2,))`, `RBFLayer(10, 0.5)` and `Dense(1)`, the usual RBF-network shape of such questions.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/50584"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/bc/okbc_tensorflow_issue50584_rbflayer_mu_add_weight_in_build_gets_gradient.py:
as returned: Sequential, count_params() = 31, 3 weights, unbuilt: none
after call: count_params() = 31, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'rbf_layer': 20}
second call: 0 variables watched that the first call did not use
probe (probe_bc.py): mu is in model.trainable_weights; its gradient is not None (norm 2.64 on a random batch)."""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.layers import Layer
from tensorflow.keras import backend as K


class RBFLayer(Layer):
    def __init__(self, units, gamma, **kwargs):
        super(RBFLayer, self).__init__(**kwargs)
        self.units = units
        self.gamma = K.cast_to_floatx(gamma)

    def build(self, input_shape):
        self.mu = self.add_weight(name='mu',
                                  shape=(int(input_shape[1]), self.units),
                                  initializer=tf.random_normal_initializer(),
                                  trainable=True)
        # self.gamma = self.add_weight(name='gamma',
        #                           shape=(int(input_shape[1]),),
        #                           initializer=tf.constant_initializer(1),
        #                           trainable=True)
        super(RBFLayer, self).build(input_shape)

    def call(self, inputs):
        diff = K.expand_dims(inputs) - self.mu
        l2 = K.sum(K.pow(diff,2), axis=1)
        res = K.exp(-0.5*self.gamma * l2)
        return res

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.units)


def build_model():
    return keras.Sequential([
        keras.Input((2,)),
        RBFLayer(10, 0.5),
        keras.layers.Dense(1),
    ])
