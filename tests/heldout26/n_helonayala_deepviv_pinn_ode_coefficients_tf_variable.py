"""A DeepVIV physics-informed network (vortex-induced vibration) whose `tToXandF` layer keeps the two
unknown ODE coefficients `b` (damping) and `k` (stiffness) as `tf.Variable`s made in `__init__`.

From helonayala/pinn (`01_DeepVIV_sec21_subclass.py`, "DeepVIV translated to Keras layer subclassing
and tf 2.0"). The layer maps time t -> displacement x through a list of Dense layers, takes dx/dt and
d2x/dt2 with a persistent `GradientTape` inside `call()`, and returns the equation-of-motion force
`f = 2*xpp + b*xp + k*x`. The point of the script is to identify `b` and `k` (it prints
`mdl.weights[0]` and `mdl.weights[1]` expecting them). On Keras 3 the two `tf.Variable`s are not
tracked: the model's weights are only the Dense kernels/biases, `b` and `k` are never trained,
counted or saved, and `mdl.weights[0]` is the first Dense kernel.

Porting edits: `tensorflow_addons` TQDM callback, `.mat` data loading, training loop and plots
dropped; `layerWidth=2 * [8]` (the script uses `4 * [16]`), `actFcn="sigmoid"` as in the script;
`build_model()` returns the model and a 16x1 time grid in place of the measured `t_structure`.
"""

SOURCE = "https://github.com/helonayala/pinn/blob/5c3a7a5c4e499047d27c6938b8dba6c067591aab/01_DeepVIV_sec21_subclass.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout26/_measure.py tests/heldout26/n_helonayala_deepviv_pinn_ode_coefficients_tf_variable.py:
as returned: PINN, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['tToXandF:tToX', 'Dense:dense_2', 'Dense:dense_1', 'Dense:dense']
after call: count_params() = 97, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 2 variables the model does not track: ['b:0', 'k:0']
params of the case's own layers: {'tToX': 97}
second call: 0 variables watched that the first call did not use
also printed by TF: the persistent-tape efficiency warning (twice). Own probe: model.weights has 6 entries
(3 Dense kernels + biases), so the script's print(mdl.weights[0]) shows a Dense kernel, not b."""

import numpy as np
import tensorflow as tf


# Implements the first block: mapping time (the independent variable) to x (the state)
class tToXandF(tf.keras.layers.Layer):
    def __init__(self, layerWidth, actFcn, name="tToX", **kwargs):
        super(tToXandF, self).__init__(name=name, **kwargs)

        self.layerWidth = layerWidth
        self.actFcn = actFcn

        # instantiates all layers recursively
        self.denseList = []
        for nNeurons in self.layerWidth:
            self.denseList.append(
                tf.keras.layers.Dense(nNeurons, activation=self.actFcn)
            )  # hidden layers

        self.denseList.append(tf.keras.layers.Dense(1))  # output layer

        self.b = tf.Variable(0.05, name="b", trainable=True, dtype=tf.float32)
        self.k = tf.Variable(2.0, name="k", trainable=True, dtype=tf.float32)

    def call(self, t):

        with tf.GradientTape(
            persistent=True  # persistent for 2nd order derivative
        ) as tape:

            tape.watch(t)
            # part 1: calculate  t->x
            for nLayers in range(self.denseList.__len__()):
                if nLayers == 0:
                    x = self.denseList[nLayers](t)
                else:
                    x = self.denseList[nLayers](x)

            # part 2a: calculate the gradients of x wrt t
            xp = tape.gradient(x, t)
            xpp = tape.gradient(xp, t)

            # part 2b: calculate the EOM
            f = 2.0 * xpp + self.b * xp + self.k * x

        return x, f


# Combines the 2 blocks for PINN end-to-end training
class PINN(tf.keras.Model):
    def __init__(self, layerWidth=10 * [32], actFcn=tf.sin, name="PINN", **kwargs):
        super(PINN, self).__init__(name=name, **kwargs)

        self.tToXandF = tToXandF(layerWidth=layerWidth, actFcn=actFcn)

    def call(self, t):
        return self.tToXandF(t)


def build_model():
    mdl = PINN(layerWidth=2 * [8], actFcn="sigmoid")
    t = tf.constant(np.linspace(0.0, 1.0, 16, dtype="float32").reshape(-1, 1))
    return mdl, t
