"""A PINN-style `tf.keras.Model` that receives its Dense layers as a Python list argument, keeps them in `self.model_layers`, loops over them in `call()` and normalises the input with a `self.bounds` dict of tensors: correct on Keras 3.

keras-team/keras#19874 (Keras 3.3): the reporter's stress/strain PINN model takes `layers` (a list
of `Dense` layers built outside), the optimizer, and epoch counts in `__init__`, stores the list as
`self.model_layers`, and `r_val()` scales the input with `self.bounds["lb"]`/`["ub"]` before running
the layers in a loop. The error in the issue came from handing `KerasVariable`s to
`tfp.optimizer.lbfgs_minimize`, not from tracking: Keras wraps the list assigned to the model, so
every Dense is a tracked sublayer, counted and trained; the bounds are input statistics, not
weights. (The report sets floatx to float64 globally; reproduced in float32 to keep import side-effect free.)
"""

SOURCE = "https://github.com/keras-team/keras/issues/19874"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okq_pinn_model_layers_list_passed_to_constructor.py:
as returned: model, count_params() = 8513, 8 weights, unbuilt: none
after call: count_params() = 8513, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense


class model(tf.keras.Model):
    def __init__(self, layers, train_op, num_epoch, print_epoch):
        super(model, self).__init__()
        self.model_layers = layers
        self.train_op = train_op
        self.num_epoch = num_epoch
        self.print_epoch = print_epoch
        self.adam_loss_hist = []

    def call(self, r):
        return self.r_val(r)

    # Running the model
    def r_val(self, r):
        r = 2.0 * (r - self.bounds["lb"]) / (self.bounds["ub"] - self.bounds["lb"]) - 1.0
        for l in self.model_layers:
            r = l(r)
        return r

    def Stress(self, r):
        stress = 448.4 * tf.exp(0.1231 * (self.r_val(r))) - 0.409 * tf.exp(-6.933 * (self.r_val(r)))
        return stress

    def set_bounds(self, r):
        # the report's training routine records the input range before the first Adam step
        self.bounds = {"lb": tf.math.reduce_min(r), "ub": tf.math.reduce_max(r)}


def build_model():
    layers = [Dense(64, activation="tanh") for _ in range(3)]
    layers.append(Dense(1))
    pinn = model(layers, tf.keras.optimizers.Adam(learning_rate=1e-3), num_epoch=1000, print_epoch=100)
    r = np.linspace(0.0, 1.0, 8, dtype="float32").reshape(-1, 1)
    pinn.set_bounds(r)
    pinn(r)
    return pinn, r
