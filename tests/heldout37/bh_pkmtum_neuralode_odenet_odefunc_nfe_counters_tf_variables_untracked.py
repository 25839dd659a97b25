"""A neural-ODE network's `ODEFunc(tf.keras.Model)` keeps its function-evaluation counters `nfe`/`nbe` as
`tf.Variable(0., trainable=False)` on the Model, and the `ODEBlock`/`ODENet` wrappers read and reset them through
properties: on Keras 3 these variables are not tracked (not in `variables`, not saved or restored with the
weights), although the Dense layers around them are.

From pkmtum/NeuralODE_PhysicalProblems_Tensorflow (`experiments/odenet.py`, "Experiments with NODE-Net", TF 2.2 +
tfdiffeq), after Dupont et al.'s augmented neural ODE code. `ODEFunc.call(t, x)` does `self.nfe.assign_add(1.)`
and `ODEBlock.call` resets it with `self.odefunc.nfe.assign(0.)`; the training scripts print NFE/NBE per step
(`func.nfe.numpy()`, `func.nfe.assign(0.)`). Written for tf.keras 2, which tracks `tf.Variable` attributes (catalog, not
measured here); on Keras 3 they are plain TF state outside Keras (LD003). Doubt kept as
decided: the counters are bookkeeping, not learned weights, so nothing fails to train; what vanishes is the state
Keras should own (counting, `model.variables`, saving). The `self.t_vec = tf.ones(...)` helper (a constant,
rebound in `call()` when the batch size changes) is not a weight.

Porting edits: `super().__init__(**kwargs, dynamic=dynamic)` is dropped to `super().__init__(**kwargs)` (Keras 3
raises ValueError "Unrecognized keyword arguments passed to <class>: {'dynamic': True}", measured on a
one-method stand-in Model); tfdiffeq's
`odeint` (not installed) is replaced by a fixed-step Euler stand-in with the same call signature; the
argparse/dataset/fit code is left out. `build_model()` makes `ODENet(hidden_dim=8, output_dim=2)` (the
mass-spring-damper system: 2 degrees of freedom) and calls it on a batch of 32 states (the size of `t_vec`).
"""

SOURCE = "https://github.com/pkmtum/NeuralODE_PhysicalProblems_Tensorflow/blob/314d46032cf4dcb3fdeb677da6dbc4ba693deb77/experiments/odenet.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bh/bh_pkmtum_neuralode_odenet_odefunc_nfe_counters_tf_variables_untracked.py:
as returned: ODENet, count_params() = 122, 6 weights, unbuilt: none
after call: count_params() = 122, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ode_block': 80, 'ode_func': 80}
second call: 0 variables watched that the first call did not use
probe (probe_odenet.py): after one call nfe == 1.0 (the counter works), but neither nfe nor nbe is in model.variables;
model.variables lists only the three Dense layers' 6 weights and model.non_trainable_variables is empty (tf.keras 2, which the
catalog says tracks tf.Variables, was not measured here); tape watched 0 untracked variables because the
counters are non-trainable, so the standard measurement alone does not show them."""

import numpy as np
import tensorflow as tf
from tensorflow.keras.regularizers import l2
from tensorflow.keras.layers import Dense

MAX_NUM_STEPS = 1000  # Maximum number of steps for ODE solver


def odeint(func, y0, t, rtol=None, atol=None, method=None, options=None):  # Euler stand-in for tfdiffeq.odeint
    ys = [y0]
    for i in range(1, t.shape[0]):
        ys.append(ys[-1] + (t[i] - t[i - 1]) * func(t[i - 1], ys[-1]))
    return tf.stack(ys)


class ODEFunc(tf.keras.Model):
    def __init__(self, hidden_dim, augment_dim=0, time_dependent=True, **kwargs):
        dynamic = kwargs.pop('dynamic', True)
        super(ODEFunc, self).__init__(**kwargs)  # author: (**kwargs, dynamic=dynamic)
        self.hidden_dim = hidden_dim
        self.augment_dim = augment_dim
        self.time_dependent = time_dependent
        self.dense1 = Dense(hidden_dim, activation='relu', kernel_regularizer=l2(1e-5))
        self.nfe = tf.Variable(0., trainable=False)
        self.nbe = tf.Variable(0., trainable=False)
        self.t_vec = tf.ones(dtype=tf.float32, shape=[32, 1])

    def call(self, t, x):
        self.nfe.assign_add(1.)
        if self.time_dependent:
            # Shape (batch_size, 1)
            if x.shape[0] != self.t_vec.shape[0]:
                self.t_vec = tf.ones(dtype=tf.float32, shape=[x.shape[0], 1])
            t_vec = tf.multiply(self.t_vec, t)
            # Shape (batch_size, config['dof'] + 1)
            t_and_x = tf.concat([t_vec, x], axis=-1)
            # Shape (batch_size, hidden_dim)
            out = self.dense1(t_and_x)
        else:
            out = self.dense1(x)
        return out


class ODEBlock(tf.keras.Model):

    def __init__(self, odefunc, tol=1e-3, solver='dopri5', **kwargs):
        super(ODEBlock, self).__init__()

        self.odefunc = odefunc
        self.tol = tol
        self.method = solver
        self.channel_axis = 1 if tf.keras.backend.image_data_format() == 'channels_first' else -1

        if solver == "dopri5":
            self.options = {'max_num_steps': MAX_NUM_STEPS}
        else:
            self.options = None

    def call(self, x, training=None, eval_times=None, **kwargs):
        self.odefunc.nfe.assign(0.)

        if eval_times is None:
            integration_time = tf.cast(tf.linspace(0., 1., 2), dtype=x.dtype)
        else:
            integration_time = tf.cast(eval_times, x.dtype)
        if self.odefunc.augment_dim > 0:
            aug = tf.zeros([x.shape[0], self.odefunc.augment_dim], dtype=x.dtype)
            x_aug = tf.concat([x, aug], axis=-1)
        else:
            x_aug = x
        out = odeint(self.odefunc, x_aug, integration_time,
                     rtol=self.tol, atol=self.tol, method=self.method,
                     options=self.options)
        if eval_times is None:
            return out[1]  # Return only final time
        return out

    @property
    def nbe(self):
        return self.odefunc.nbe

    @nbe.setter
    def nbe(self, value):
        self.odefunc.nbe.assign(value)

    @property
    def nfe(self):
        return self.odefunc.nfe

    @nfe.setter
    def nfe(self, value):
        self.odefunc.nfe.assign(value)

    def compute_output_shape(self, input_shape):
        if self.odefunc.augment_dim > 0:
            channels = input_shape[1]
            channels += self.odefunc.augment_dim
            output_shape = tf.TensorShape([input_shape[0], channels])
        else:
            output_shape = input_shape
        return output_shape


class ODENet(tf.keras.Model):

    def __init__(self, hidden_dim, output_dim):
        super(ODENet, self).__init__()
        self.output_dim = output_dim
        self.dense1 = Dense(hidden_dim, 'relu', kernel_regularizer=l2(1e-5))
        odefunc = ODEFunc(hidden_dim+0, augment_dim=0)
        self.odeblock = ODEBlock(odefunc, solver='dopri5')
        self.dense2 = Dense(output_dim, kernel_regularizer=l2(1e-5))

    def call(self, x):
        out = self.dense1(x)
        out = self.odeblock(out)
        out = self.dense2(out)
        return out

    def compute_output_shape(self, input_shape):
        return tf.TensorShape([input_shape[0], self.output_dim])


def build_model():
    model = ODENet(hidden_dim=8, output_dim=2)
    x = np.random.default_rng(0).standard_normal((32, 2)).astype("float32")
    model(x)
    return model, x
