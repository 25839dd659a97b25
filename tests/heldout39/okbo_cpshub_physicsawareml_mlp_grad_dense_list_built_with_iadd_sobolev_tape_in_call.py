"""A physics-aware ML lecture's `MLP_con` collects its Dense layers with `self.ls += [layers.Dense(...)]` into a list
attribute, and `MLP_grad` wraps it, calling it under a `tf.GradientTape` inside `call()` to also return dy/dx
(Sobolev training): on Keras 3 the list is tracked, every Dense is counted and trained, and the input-gradient output
is differentiable with respect to the weights.

From CPShub/LecturePhysicsAwareML (course "Physics-aware Machine Learning", task 1 feed-forward networks),
`FFNN_introduction/models.py`. `MLP_con.__init__` calls `super().__init__()` first, sets `self.ls = []` and grows it
with `+=` in a loop, each Dense optionally with a `non_neg()` kernel constraint (for convex, monotone models);
`MLP_grad` holds one `MLP_con` and returns `(y, dy)` where `dy = tape.gradient(y, x)`; `main_con_grad()` wires
`Input([1])` -> `MLP_grad` -> two outputs and compiles with two MSE losses. What a naive checker flags: layers held
in a Python list extended with `+=` (reads as LD011), a GradientTape and a gradient computed inside `call()`
(reads as state or ops created per call), a sublayer never built by an explicit `build()`.

Porting edits: none (the code is TF2-Keras and runs on Keras 3 as is). build_model() calls the file's own
`main_con_grad(units=[16, 16, 1], activation=['softplus', 'softplus', 'linear'], non_neg=[False, True, True])`,
which compiles the model (no training).
"""

SOURCE = "https://github.com/CPShub/LecturePhysicsAwareML/blob/eb87cee7001c55719e0859bb4f35460576ed60be/FFNN_introduction/models.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bo/okbo_cpshub_physicsawareml_mlp_grad_dense_list_built_with_iadd_sobolev_tape_in_call.py:
/work/main/.venv-runtime/lib/python3.11/site-packages/keras/src/models/functional.py:259: UserWarning: The structure of `inputs` doesn't match the expected structure.
as returned: Functional, count_params() = 321, 6 weights, unbuilt: none
after call: count_params() = 321, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mlp_grad': 321, 'mlp_con': 321}
second call: 0 variables watched that the first call did not use
(the UserWarning comes from the measurement calling the model with a bare array where `inputs=[xs]` is a list;
321 = 1x16+16 + 16x16+16 + 16x1+1, all three Dense of the `+=`-built list; both outputs y and dy/dx returned.)"""

import tensorflow as tf
from tensorflow.keras import layers
import datetime
now = datetime.datetime.now


class MLP_con(layers.Layer):
    def __init__(self, units, activation, non_neg):
        super().__init__()

        self.ls = []

        for (u, a, n) in zip(units, activation, non_neg):

            if n:
                kernel_constraint = tf.keras.constraints.non_neg()

            else:
                kernel_constraint = None

            self.ls += [layers.Dense(u, a, \
                                     kernel_constraint=kernel_constraint)]

    def call(self, x):

        for l in self.ls:
            x = l(x)
        return x


class MLP_grad(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__()
        self.MLP = MLP_con(**kwargs)

    def call(self, x):

        with tf.GradientTape() as tape:
            tape.watch(x)
            y = self.MLP(x)

        dy = tape.gradient(y, x)

        return y, dy


def main_con_grad(loss_weights=[1, 1], **kwargs):
    # define input shape
    xs = tf.keras.Input(shape=[1])
    # define which (custom) layers the model uses
    ys, dys = MLP_grad(**kwargs)(xs)
    # connect input and output
    model = tf.keras.Model(inputs = [xs], outputs = [ys, dys])
    # define optimizer and loss function
    model.compile('adam', 'mse', loss_weights=loss_weights)
    return model


def build_model():
    return main_con_grad(units=[16, 16, 1], activation=['softplus', 'softplus', 'linear'],
                         non_neg=[False, True, True])
