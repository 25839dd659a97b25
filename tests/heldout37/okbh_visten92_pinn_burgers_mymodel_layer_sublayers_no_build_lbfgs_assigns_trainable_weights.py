"""A Burgers-equation PINN written as a `layers.Layer` (`myModel`) holding nine hand-made `Linear` sublayers
assigned in `__init__` with no `build()`, called with two inputs `(t, x)`, and trained by L-BFGS through a
factory that writes `model.trainable_weights[i].assign(...)`: it looks like unbuilt sublayers and a write to
Keras's weight list, but on Keras 3 every weight is tracked, gets a gradient and is updated.

From visten92/PINN (`PINN_burgers_equation.py` + `PINN_keras_helper.py`, "A Physics Informed Neural Network
implementation in Tensorflow 2 - Keras", TF 2.1 + TFP 0.9). `Linear` makes `w`/`b` with `add_weight` in
`build(input_shape)`; `myModel(layers.Layer)` keeps `linear_1..linear_9` as attributes (the "outer layer with no
build()" of RULES.md's myths) and its `call(t, x)` concatenates the two coordinate columns. The helper
`optimizer_function_factory` first calls `model(x_u, t_u)` (this is what builds the sublayers), then reads
`tf.shape_n(model.trainable_weights)` and, inside a `tf.function`, does
`model.trainable_weights[i].assign(tf.reshape(param, shape))`: an in-place `assign` on the tracked variables,
not a mutation of the list (so not LD006).

Porting edits: the data loading (`burgers_equation.mat`, pyDOE) and `tfp.optimizer.lbfgs_minimize` are left
out; `build_model()` makes `myModel()` and calls it on 8 random `(x, t)` points as the factory does, returning
it without inputs (its call takes two positional tensors). The probe reproduces the factory's flatten/assign
round trip and the PDE residual gradient (`differential_equation_loss` with nested tapes).
"""

SOURCE = "https://github.com/visten92/PINN/blob/5a28726746b3c5b88a7c71b6597cd88b86967d69/PINN_burgers_equation.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bh/okbh_visten92_pinn_burgers_mymodel_layer_sublayers_no_build_lbfgs_assigns_trainable_weights.py:
as returned: myModel, count_params() = 3021, 18 weights, unbuilt: none
no inputs known: not called
probe (probe_visten92.py): after the factory-style first call the layer has 18 trainable weights, 3021 parameters
(2*20+20 + 7*(20*20+20) + 20+1); data + PDE-residual loss (nested tapes) gives a gradient for all 18 (0 None); the
factory's in-place round trip (flatten, +1, model.trainable_weights[i].assign(...) inside tf.function) moves every
weight and leaves 18 tracked weights."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers


# create a custom layer class
class Linear(layers.Layer):
    def __init__(self, units=20):
        super(Linear, self).__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units),
                                 initializer=tf.keras.initializers.GlorotNormal(),
                                 trainable=True)
        self.b = self.add_weight(shape=(self.units,),
                                 initializer=tf.keras.initializers.GlorotNormal(),
                                 trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b

# create a custom model class
class myModel(layers.Layer):
    def __init__(self):
        super(myModel, self).__init__()
        self.linear_1 = Linear(20)
        self.linear_2 = Linear(20)
        self.linear_3 = Linear(20)
        self.linear_4 = Linear(20)
        self.linear_5 = Linear(20)
        self.linear_6 = Linear(20)
        self.linear_7 = Linear(20)
        self.linear_8 = Linear(20)
        self.linear_9 = Linear(1)

    def call(self, t, x):
        y = self.linear_1(tf.concat([t, x], 1))
        y = tf.nn.tanh(y)
        y = self.linear_2(y)
        y = tf.nn.tanh(y)
        y = self.linear_3(y)
        y = tf.nn.tanh(y)
        y = self.linear_4(y)
        y = tf.nn.tanh(y)
        y = self.linear_5(y)
        y = tf.nn.tanh(y)
        y = self.linear_6(y)
        y = tf.nn.tanh(y)
        y = self.linear_7(y)
        y = tf.nn.tanh(y)
        y = self.linear_8(y)
        y = tf.nn.tanh(y)
        return self.linear_9(y)


def differential_equation_loss(model_u, x, t):
    with tf.GradientTape() as tape1:
        tape1.watch(x)
        with tf.GradientTape(persistent=True) as tape2:
            tape2.watch(x)
            tape2.watch(t)
            u = model_u(x, t)
        du_dt = tape2.gradient(u, t)
        du_dx = tape2.gradient(u, x)
    du2_dx2 = tape1.gradient(du_dx, x)
    coefficient = 0.01 / np.pi
    f = du_dt + u * du_dx - coefficient * du2_dx2   # burgers equation
    del tape2
    return f


def build_model():
    model = myModel()
    pts = np.random.default_rng(0).uniform(-1.0, 1.0, (8, 2)).astype("float32")
    x_u, t_u = tf.constant(pts[:, 0:1]), tf.constant(pts[:, 1:2])
    model(x_u, t_u)
    return model
