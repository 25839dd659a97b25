"""Continuous normalizing flow (tfdiffeq example): the HyperNetwork's Dense layers are first built inside its `@tf.function` call().

titu1994/tfdiffeq's `examples/cnf.py` (a TF2 port of the FFJORD/torchdiffeq CNF demo) defines
`CNF(tf.keras.Model)`, the ODE function handed to `odeint`, whose `@tf.function call(t, states)` asks
`HyperNetwork(tf.keras.Model)` for the time-dependent parameters W, B, U; `HyperNetwork.__init__` makes
three Dense layers and its `call` is decorated with `@tf.function` as well; neither model has a
`build()`. On Keras 3 the Dense layers are created and built while the decorated `call()` is being
traced: the six variables are counted in `func.trainable_variables`, but gradients taken through later
calls are None for all of them, so the training loop's `tape.gradient(loss, func.trainable_variables)`
cannot train the flow.
Ported to Keras 3: float32 instead of the example's `tf.keras.backend.set_floatx('float64')` at import
(kept import side-effect free); `odeint`/`make_circles` and the training loop are left out; sizes are
small. `build_model()` returns the CNF's HyperNetwork with a time value (the CNF itself is called as
`func(t, states)` by the solver, see MEASURED for the whole-function check).
"""

SOURCE = "https://github.com/titu1994/tfdiffeq/blob/ef646f85cbd0821749a03e7ab51e03e16798fab1/examples/cnf.py"
CODES = ("LD002", "LD005", "LD009")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py g_tfdiffeq_cnf_hypernetwork_dense_built_in_tf_function.py:
as returned: HyperNetwork, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense', 'Dense:dense_1', 'Dense:dense_2']
after call: count_params() = 1256, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 6 of 6 trainable weights: ['hyper_network/dense/kernel', 'hyper_network/dense/bias', 'hyper_network/dense_1/kernel', 'hyper_network/dense_1/bias', 'hyper_network/dense_2/kernel', 'hyper_network/dense_2/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine14c/cnf_check.py), the whole ODE function as the solver calls it, func(t, (z, logp_z)):
func.trainable_variables holds the 6 weights (1256 params); on the 2nd and 3rd calls the gradient of a loss on
(dz_dt, dlogp_z_dt) is None for 6 of 6, and Adam.apply_gradients raises "No gradients provided for any variable"."""

import tensorflow as tf

float_dtype = tf.float32


class CNF(tf.keras.Model):
    """Adapted from the NumPy implementation at:
    https://gist.github.com/rtqichen/91924063aa4cc95e7ef30b3a5491cc52
    """

    def __init__(self, in_out_dim, hidden_dim, width, **kwargs):
        super().__init__(**kwargs, dtype=float_dtype.base_dtype.name)
        self.in_out_dim = in_out_dim
        self.hidden_dim = hidden_dim
        self.width = width
        self.hyper_net = HyperNetwork(in_out_dim, hidden_dim, width, dtype=float_dtype.base_dtype.name)

    @tf.function
    def call(self, t, states):
        logp_z = states[1]

        with tf.GradientTape(persistent=True) as inner_tape:
            z = states[0]
            inner_tape.watch(z)

            batchsize = z.shape[0]
            W, B, U = self.hyper_net(t)

            z = tf.cast(z, W.dtype)
            Z = tf.tile(tf.expand_dims(z, axis=0), (self.width, 1, 1))

            h = tf.tanh(tf.matmul(Z, W) + B)
            dz_dt = tf.reduce_mean(tf.matmul(h, U), axis=0)
            dz_dt_sum = tf.reduce_sum(dz_dt, axis=0)

            outputs = [dz_dt_sum[i] for i in range(dz_dt_sum.shape[0])]

        sum_diag = 0.
        for i in range(z.shape[1]):
            sum_diag += inner_tape.gradient(outputs[i], z)[:, i]

        dlogp_z_dt = -tf.reshape(sum_diag, (batchsize, 1))
        return (dz_dt, dlogp_z_dt)


class HyperNetwork(tf.keras.Model):
    """Hyper-network allowing f(z(t), t) to change with time.
    Adapted from the NumPy implementation at:
    https://gist.github.com/rtqichen/91924063aa4cc95e7ef30b3a5491cc52
    """

    def __init__(self, in_out_dim, hidden_dim, width, **kwargs):
        super().__init__(**kwargs)

        blocksize = width * in_out_dim

        self.fc1 = tf.keras.layers.Dense(hidden_dim, bias_initializer='he_uniform', **kwargs)
        self.fc2 = tf.keras.layers.Dense(hidden_dim, bias_initializer='he_uniform', **kwargs)
        self.fc3 = tf.keras.layers.Dense(3 * blocksize + width, bias_initializer='he_uniform', **kwargs)

        self.in_out_dim = in_out_dim
        self.hidden_dim = hidden_dim
        self.width = width
        self.blocksize = blocksize

    @tf.function
    def call(self, t):
        # predict params
        params = tf.reshape(t, (1, 1))
        params = tf.tanh(self.fc1(params))
        params = tf.tanh(self.fc2(params))
        params = self.fc3(params)

        # restructure
        params = tf.reshape(params, [-1])
        W = tf.reshape(params[:self.blocksize], (self.width, self.in_out_dim, 1))

        U = tf.reshape(params[self.blocksize:2 * self.blocksize], (self.width, 1, self.in_out_dim))

        G = tf.reshape(params[2 * self.blocksize:3 * self.blocksize], (self.width, 1, self.in_out_dim))
        U = U * tf.sigmoid(G)

        B = tf.reshape(params[3 * self.blocksize:], (self.width, 1, 1))
        return [W, B, U]


def build_model():
    func = CNF(in_out_dim=2, hidden_dim=16, width=8)
    return func.hyper_net, tf.constant(0.5, dtype=float_dtype)
