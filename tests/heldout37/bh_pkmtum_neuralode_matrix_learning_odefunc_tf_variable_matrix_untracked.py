"""A neural-ODE experiment learns a linear system's matrix as `self.A = tf.Variable(...)` on a
`tf.keras.Model` (`ODEFunc`) and trains it with a hand-written loop over `func.trainable_variables`: on Keras 3
the variable is not tracked, the list is empty, and the matrix is never learned.

From pkmtum/NeuralODE_PhysicalProblems_Tensorflow (`experiments/matrix_learning.py`, a bachelor's thesis "Neural
ODE for physical problems", TF 2.2 + tfdiffeq). "NODE-e2e where the model is a simple 8x8 matrix. Direct learning
of the matrix entries": `ODEFunc(tf.keras.Model)` creates `self.A` in `__init__` as a `tf.Variable` (trainable)
and `call(t, y)` (under `@tf.function`) returns `A @ y`. The training loop integrates it with `odeint`,
computes an L2 term over `[v for v in func.trainable_variables if 'bias' not in v.name]`, and applies
`tape.gradient(loss, func.trainable_variables)`. On tf.keras 2 the Model tracked the tf.Variable; on Keras 3
(tf.keras with TF 2.16+) `func.trainable_variables` is `[]` (LD003): the `tf.add_n([])` of the L2 term fails and,
without it, the optimizer receives no variables at all.

Porting edits: the argparse/dataset/plot code and the GPU setup are left out; `config['dof']` is 2 (the
mass-spring-damper system of the default `--system`). The loop also reads `func.nfe`, which this ODEFunc never
defines (unrelated AttributeError); the probe leaves those lines out. `build_model()` makes `ODEFunc()` and calls
it once as the solver does, `func(t, y)` with a scalar time and a (4, 2) state batch, and returns it without
inputs (its call takes two positional arguments), so the training-loop facts come from the probe.
"""

SOURCE = "https://github.com/pkmtum/NeuralODE_PhysicalProblems_Tensorflow/blob/314d46032cf4dcb3fdeb677da6dbc4ba693deb77/experiments/matrix_learning.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bh/bh_pkmtum_neuralode_matrix_learning_odefunc_tf_variable_matrix_untracked.py:
as returned: ODEFunc, count_params() = 0, 0 weights, unbuilt: none
no inputs known: not called
probe (probe_pkmtum.py, the author's loop with a fixed-step Euler odeint stand-in for tfdiffeq):
func.trainable_variables == [] and count_params() == 0 after the call; the L2 term tf.add_n([]) raises ValueError
'Inputs must be an iterable of at least one Tensor/IndexedSlices ...'; without it tape.gradient(loss, []) == [] and
optimizer.apply_gradients(zip([], [])) raises ValueError 'not enough values to unpack (expected 2, got 0)'; A is unchanged.
Asked by hand, tape.gradient(loss, func.A) is not None: the variable is differentiable, only untracked."""

import numpy as np
import tensorflow as tf

config = {"name": "mass_spring_damper", "dof": 2}


class ODEFunc(tf.keras.Model):

    def __init__(self, **kwargs):
        super(ODEFunc, self).__init__(**kwargs)
        self.A = tf.Variable(tf.random.normal((config['dof'], config['dof']), stddev=0.1), trainable=True)

    @tf.function
    def call(self, t, y):
        return tf.matmul(tf.cast(self.A, y.dtype), tf.expand_dims(y, -1))[..., 0]


def build_model():
    func = ODEFunc()
    y0 = tf.constant(np.random.default_rng(0).standard_normal((4, config['dof'])).astype("float32"))
    func(tf.constant(0.0), y0)
    return func
