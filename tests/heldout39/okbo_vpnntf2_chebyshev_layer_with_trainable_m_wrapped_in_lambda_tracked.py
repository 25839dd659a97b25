"""vpnn-tf2's `vpnn()` factory wraps its Chebyshev activation — a Layer with a trainable `M` weight when
`trainable_M=True` — in `tf.keras.layers.Lambda(Chebyshev(...))`: a Lambda around a stateful object, but on Keras 3
the Lambda tracks the layer it is given as its function, so `M` is counted and gets a gradient.

From wtaylor17/vpnn-tf2 (the TF2 rewrite of keras-vpnn, volume-preserving neural networks), `vpnn/models.py` with
`vpnn/activations.py` and `vpnn/layers.py`. `activations.get('chebyshev', trainable=..., M_init=..., ...)` returns a
`Chebyshev` layer (its `build()` adds `M`, one per pair of units, only when trainable; `call()` applies the
Chebyshev map with `self.M`), and the Sequential factory adds it as `model.add(tf.keras.layers.Lambda(...))`
between the volume-preserving blocks. What a naive checker flags: a Lambda whose function holds weights (reads as
LD012), `self.M` first a float and later rebound to a weight in `build()`, `self.trainable` set in `__init__`; also
the other layers (`Rotation`, `Diagonal`) compute cos/sin and ratios of their weights, here in `call()` (the TF2
rewrite's fix of keras-vpnn's build-time tensors).

Porting edits: none to the code; the three modules are inlined in one file (`activations.get` renamed
`activations_get`, `KernelWrapper`, unused by the factory, and the long docstring of `vpnn()` left out).
build_model() calls `vpnn(input_dim=8, n_layers=2, n_rotations=1, hidden_activation='chebyshev',
trainable_M=True)` (no `output_dim`, so no SVDDownsize; the output activation stays 'linear').
"""

SOURCE = "https://github.com/wtaylor17/vpnn-tf2/blob/f1079024d3a3d8c3b0124da4043254829fb6ad26/vpnn/models.py"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bo/okbo_vpnntf2_chebyshev_layer_with_trainable_m_wrapped_in_lambda_tracked.py:
as returned: Sequential, count_params() = 52, 9 weights, unbuilt: none
after call: count_params() = 52, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'permutation': 0, 'rotation': 4, 'diagonal': 8, 'permutation_1': 0, 'rotation_1': 4, 'bias': 8, 'chebyshev': 4, 'permutation_2': 0, 'rotation_2': 4, 'diagonal_1': 8, 'permutation_3': 0, 'rotation_3': 4, 'bias_1': 8}
second call: 0 variables watched that the first call did not use
(the Chebyshev layer given to Lambda appears as `sequential/lambda/chebyshev/M`, 4 params;
python _probe_vpnntf2_cheb_grad.py: sequential/lambda/chebyshev/M grad norm: 11.57 for sum(model(x)^2).)"""

import tensorflow as tf
import numpy as np
from typing import Callable, Union


# --- vpnn/layers.py ---
class Permutation(tf.keras.layers.Layer):
    def __init__(self, perm=None, **kwargs):
        super().__init__(**kwargs)
        self.permutation = perm

    def get_config(self):
        conf = super().get_config()
        conf.update({'perm': self.permutation})
        return conf

    def compute_output_shape(self, input_shape):
        return input_shape

    def build(self, input_shape):
        dim = input_shape[-1]
        if not self.permutation:
            self.permutation = np.random.permutation(dim)
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        return tf.gather(inputs, self.permutation, axis=-1)


class Rotation(tf.keras.layers.Layer):
    def __init__(self, theta_initializer='uniform', **kwargs):
        super().__init__(**kwargs)
        self.units = None
        self.theta = None
        self.theta_initializer = theta_initializer

    def get_config(self):
        conf = super().get_config()
        conf.update({'theta_initializer': self.theta_initializer})
        return conf

    def compute_output_shape(self, input_shape):
        return input_shape

    def build(self, input_shape):
        self.units = input_shape[-1]
        if self.units % 2 == 1:
            raise ValueError('Rotation layer only works on an even number of inputs')
        self.theta = self.add_weight(name='theta',
                                     initializer=self.theta_initializer,
                                     shape=(self.units//2,))
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        cos = tf.cos(self.theta)
        sin = tf.sin(self.theta)
        xi = inputs[..., ::2]
        xj = inputs[..., 1::2]
        yi = cos * xi - sin * xj
        yj = cos * xj + sin * xi
        return tf.reshape(tf.stack([yi, yj], axis=-1), tf.shape(inputs))


class Diagonal(tf.keras.layers.Layer):
    def __init__(self, t_initializer='uniform', function=None, **kwargs):
        super().__init__(**kwargs)
        self.units = None
        self.t = None
        self.t_initializer = t_initializer
        self.function = function or tf.nn.sigmoid

    def get_config(self):
        conf = super().get_config()
        conf.update({'t_initializer': self.t_initializer,
                     'function': self.function})
        return conf

    def compute_output_shape(self, input_shape):
        return input_shape

    def build(self, input_shape):
        self.units = input_shape[-1]
        self.t = self.add_weight(name='t',
                                 initializer=self.t_initializer,
                                 shape=(self.units,))
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        f = self.function(self.t)
        vec = f / tf.roll(f, -1, 0)
        return inputs * vec


class Bias(tf.keras.layers.Layer):
    def __init__(self, bias_initializer='uniform', **kwargs):
        super().__init__(**kwargs)
        self.bias = None
        self.units = None
        self.bias_initializer = bias_initializer

    def get_config(self):
        conf = super().get_config()
        conf.update({'bias_initializer': self.bias_initializer})
        return conf

    def compute_output_shape(self, input_shape):
        return input_shape

    def build(self, input_shape):
        self.units = input_shape[-1]
        self.bias = self.add_weight(name='bias',
                                    initializer=self.bias_initializer,
                                    shape=(self.units,))
        super().build(input_shape)

    def call(self, inputs, **kwargs):
        return inputs + self.bias


# (SVDDownsize left out at review: it is held-out 39's bo_vpnntf2_svddownsize case, not used here)


# --- vpnn/activations.py ---
def chebyshev(x, M=1.3, eps=1e-5):
    xs = x[..., ::2]
    ys = x[..., 1::2]
    r = tf.sqrt(tf.square(xs) + tf.square(ys)) + eps
    M_theta = M * tf.acos(tf.clip_by_value(xs / r, -1, 1))
    cos, sin = tf.cos(M_theta), tf.sin(M_theta)
    rm = r / tf.sqrt(M)
    evens = rm * cos
    odds = rm * sin * tf.sign(ys)
    return tf.reshape(tf.stack([evens, odds], axis=-1), tf.shape(x))


class Chebyshev(tf.keras.layers.Layer):
    def __init__(self, M_initializer='ones', M_init=1.3, trainable=False, **kwargs):
        super().__init__(**kwargs)
        self.trainable = trainable
        self.M_initializer, self.M = M_initializer, M_init

    def compute_output_shape(self, input_shape):
        return input_shape

    def build(self, input_shape):
        if input_shape[-1] % 2 != 0:
            raise ValueError('input dimension must be even')
        if self.trainable:
            self.M = self.add_weight(name='M',
                                     initializer=self.M_initializer,
                                     shape=(input_shape[-1]//2,))
        super().build(input_shape)

    def call(self, inputs, eps=1e-5, **kwargs):
        return chebyshev(inputs, M=self.M, eps=eps)


def activations_get(activation, **kwargs):
    if isinstance(activation, tf.keras.layers.Layer):
        return activation
    elif activation == 'chebyshev':
        return Chebyshev(**kwargs)
    return tf.keras.activations.get(activation)


# --- vpnn/models.py ---

def vpnn(input_dim: int = None,
         n_layers: int = 1,
         n_rotations: int = 1,
         theta_initializer: str = 'uniform',
         t_initializer: str = 'uniform',
         bias_initializer: str = 'uniform',
         output_dim: int = None,
         use_bias: bool = True,
         use_permutations: bool = True,
         use_diagonals: bool = True,
         diagonal_fn: Callable = None,
         output_activation: Union[str, Callable] = 'linear',
         hidden_activation: Union[str, Callable] = 'relu',
         M_initializer='ones',
         M_init=1.3,
         trainable_M=False):
    """builds a VPNN model (just volume preserving kernels); docstring shortened"""
    model = tf.keras.Sequential()
    if input_dim:
        model.add(tf.keras.layers.Input((input_dim,)))

    for k in range(n_layers):
        for j in range(n_rotations):
            if use_permutations:
                model.add(Permutation())
            model.add(Rotation(theta_initializer=theta_initializer))

        if use_diagonals:
            model.add(Diagonal(t_initializer=t_initializer, function=diagonal_fn))

        for j in range(n_rotations):
            if use_permutations:
                model.add(Permutation())
            model.add(Rotation(theta_initializer=theta_initializer))

        if use_bias:
            model.add(Bias(bias_initializer=bias_initializer))
        if k != n_layers - 1:
            model.add(tf.keras.layers.Lambda(activations_get(hidden_activation,
                                                             trainable=trainable_M,
                                                             M_init=M_init,
                                                             M_initializer=M_initializer)))

    if output_dim:
        raise NotImplementedError("SVDDownsize is left out of this case")
    model.add(tf.keras.layers.Lambda(activations_get(output_activation,
                                                     trainable=trainable_M,
                                                     M_init=M_init,
                                                     M_initializer=M_initializer)))
    return model


def build_model():
    return vpnn(input_dim=8, n_layers=2, n_rotations=1, hidden_activation='chebyshev', trainable_M=True)
