"""Glow in Keras (bojone/flow): the invertible 1x1 conv composes its LU kernel from its weights once, in build(), so L and U never train.

bojone/flow implements NICE / Glow / f-VAE with Keras layers that carry an `inverse()`. Its
`InvDense` (the invertible 1x1 convolution, LU-parametrised) creates `kernel_l`, `kernel_u` and
`kernel_u_diag_abs_log` with add_weight in build() and then, still in build(), rebinds
`self.kernel_l = self.kernel_l * l_mask + eye`, `self.kernel_u = self.kernel_u * u_mask + diag(...)`
and `self.kernel = P @ L @ U`. Written for Keras 2.2 on TF 1.x graph mode, where those were graph
tensors re-evaluated on every session run. On Keras 3 (eager) they are computed once: call()
multiplies by a frozen EagerTensor, the L/U variables stay in the weights (counted, saved) but get
no gradient from the flow output; `kernel_u_diag_abs_log` is only reached through the log-det term
the layer stores on itself. The model is one Glow step per level (actnorm -> InvDense -> affine
coupling) in the author's style (CoupleWrapper, Split/Concat/Squeeze with inverse()).
Ported: keras.backend tensor ops -> keras.ops/tf, `tf.diag`/`tf.matrix_inverse` -> tf.linalg,
initializers `lambda _: p` -> `lambda shape, dtype=None: p` (Keras 3 passes dtype), and scipy's
`lu` -> a small NumPy helper (scipy is not installed).
"""

SOURCE = "https://github.com/bojone/flow/blob/360def8bec6ee24cbbd6df36cf9c9fcb2e6b3dc9/flow_layers.py"
CODES = ("LD010", "LD009")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py h_glow_invdense_lu_kernel_built_once.py:
as returned: Functional, count_params() = 8130, 28 weights, unbuilt: none
after call: count_params() = 8130, 24 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 6 of 24 trainable weights: ['inv_dense/kernel_l', 'inv_dense/kernel_u', 'inv_dense/kernel_u_diag_abs_log', 'inv_dense_1/kernel_l', 'inv_dense_1/kernel_u', 'inv_dense_1/kernel_u_diag_abs_log']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'squeeze': 0, 'actnorm': 24, 'inv_dense': 456, 'split': 0, 'affine_couple': 0, 'concat': 0, 'split_1': 0, 'actnorm_1': 48, 'inv_dense_1': 1776, 'split_2': 0, 'affine_couple_1': 0, 'concat_1': 0, 'actnorm_2': 48, 'concat_2': 0}
second call: 0 variables watched that the first call did not use
(the flow output's gradient never reaches L, U or log|diag U|: the kernel used in call() is an EagerTensor made in build();
the log-det stored as `layer.logdet` is not part of this loss, as in the author's model before `add_loss`.)"""

import numpy as np
import tensorflow as tf
import keras
from keras import ops
from keras.layers import Layer, Input, Conv2D, Activation
from keras.models import Model


def _lu(a):
    """P, L, U with a = P @ L @ U (partial pivoting), like scipy.linalg.lu."""
    n = a.shape[0]
    u = a.astype(np.float64).copy()
    l = np.eye(n)
    perm = np.eye(n)
    for k in range(n - 1):
        i = k + int(np.argmax(np.abs(u[k:, k])))
        if i != k:
            u[[k, i], k:] = u[[i, k], k:]
            perm[[k, i]] = perm[[i, k]]
            l[[k, i], :k] = l[[i, k], :k]
        for j in range(k + 1, n):
            l[j, k] = u[j, k] / u[k, k]
            u[j, k:] -= l[j, k] * u[k, k:]
    return perm.T, l, u


# ---------------------------------------------------------------- flow_layers.py
class InvDense(Layer):
    """Invertible dense layer of final axis (= invertible 1x1 Conv2D on images)."""

    def __init__(self, isinverse=False, **kwargs):
        super(InvDense, self).__init__(**kwargs)
        self.kernel = None
        self.isinverse = isinverse

    def initializer(self, shape):
        random_matrix = np.random.randn(shape[-1], shape[-1])
        random_orthogonal = np.linalg.qr(random_matrix)[0]
        p, l, u = _lu(random_orthogonal)
        u_diag_sign = np.sign(np.diag(u))
        u_diag_abs_log = np.log(abs(np.diag(u)))
        l_mask = 1 - np.tri(shape[-1]).T
        u_mask = 1 - np.tri(shape[-1])
        return p, l, u, u_diag_sign, u_diag_abs_log, l_mask, u_mask

    def build(self, input_shape):
        super(InvDense, self).build(input_shape)
        if self.kernel is None:
            (p, l, u, u_diag_sign, u_diag_abs_log, l_mask, u_mask) = self.initializer(input_shape)
            self.kernel_p = self.add_weight(name='kernel_p', shape=p.shape,
                                            initializer=lambda shape, dtype=None: p, trainable=False)
            self.kernel_l = self.add_weight(name='kernel_l', shape=l.shape,
                                            initializer=lambda shape, dtype=None: l, trainable=True)
            self.kernel_u = self.add_weight(name='kernel_u', shape=u.shape,
                                            initializer=lambda shape, dtype=None: u, trainable=True)
            self.kernel_u_diag_sign = self.add_weight(name='kernel_u_diag_sign', shape=u_diag_sign.shape,
                                                      initializer=lambda shape, dtype=None: u_diag_sign,
                                                      trainable=False)
            self.kernel_u_diag_abs_log = self.add_weight(name='kernel_u_diag_abs_log', shape=u_diag_abs_log.shape,
                                                         initializer=lambda shape, dtype=None: u_diag_abs_log,
                                                         trainable=True)
            self.kernel_l = self.kernel_l * l_mask.astype('float32') + ops.eye(input_shape[-1])
            self.kernel_u = self.kernel_u * u_mask.astype('float32') + tf.linalg.diag(
                self.kernel_u_diag_sign * ops.exp(self.kernel_u_diag_abs_log))
            self.kernel = ops.dot(ops.dot(self.kernel_p, self.kernel_l), self.kernel_u)

    def call(self, inputs):
        if self.isinverse:
            logdet = ops.sum(self.kernel_u_diag_abs_log)
            x_outs = ops.dot(inputs, tf.linalg.inv(self.kernel))
        else:
            logdet = -ops.sum(self.kernel_u_diag_abs_log)
            x_outs = ops.dot(inputs, self.kernel)
        if len(inputs.shape) > 2:
            logdet *= ops.prod(ops.cast(ops.shape(inputs)[1:-1], 'float32'))
        self.logdet = logdet
        return x_outs

    def inverse(self):
        layer = InvDense(not self.isinverse)
        layer.kernel = self.kernel
        layer.kernel_u_diag_abs_log = self.kernel_u_diag_abs_log
        return layer


class Split(Layer):
    def __init__(self, pattern=None, **kwargs):
        super(Split, self).__init__(**kwargs)
        self.pattern = pattern

    def call(self, inputs):
        if self.pattern is None:
            in_dim = inputs.shape[-1]
            self.pattern = [in_dim // 2, in_dim - in_dim // 2]
        partion = [0] + list(np.cumsum(self.pattern))
        return [inputs[..., i:j] for i, j in zip(partion, partion[1:])]

    def inverse(self):
        return Concat()


class Concat(Layer):
    def __init__(self, **kwargs):
        super(Concat, self).__init__(**kwargs)

    def call(self, inputs):
        self.pattern = [i.shape[-1] for i in inputs]
        return ops.concatenate(inputs, -1)

    def inverse(self):
        return Split(self.pattern)


class AffineCouple(Layer):
    def __init__(self, isinverse=False, **kwargs):
        super(AffineCouple, self).__init__(**kwargs)
        self.isinverse = isinverse

    def call(self, inputs):
        if len(inputs) == 3:
            x1, x2, shift = inputs
            log_scale = ops.zeros((1,))
        elif len(inputs) == 4:
            x1, x2, shift, log_scale = inputs
        if self.isinverse:
            logdet = ops.sum(ops.mean(log_scale, 0))
            x_outs = [x1, ops.exp(-log_scale) * (x2 - shift)]
        else:
            logdet = -ops.sum(ops.mean(log_scale, 0))
            x_outs = [x1, ops.exp(log_scale) * x2 + shift]
        self.logdet = logdet
        return x_outs

    def inverse(self):
        return AffineCouple(not self.isinverse)


class CoupleWrapper:
    """just a wrapper of AffineCouple for simpler use."""

    def __init__(self, shift_model, log_scale_model=None, isinverse=False):
        self.shift_model = shift_model
        self.log_scale_model = log_scale_model
        self.layer = AffineCouple(isinverse)

    def __call__(self, inputs, whocare=0):
        x1, x2 = inputs
        shift = self.shift_model(x1)
        layer = self.layer if whocare == 0 else self.layer.inverse()
        if self.log_scale_model is None:
            return layer([x1, x2, shift])
        log_scale = self.log_scale_model(x1)
        return layer([x1, x2, shift, log_scale])

    def inverse(self):
        return lambda inputs: self(inputs, 1)


class Actnorm(Layer):
    def __init__(self, isinverse=False, use_shift=True, **kwargs):
        super(Actnorm, self).__init__(**kwargs)
        self.log_scale = None
        self.shift = None
        self.isinverse = isinverse
        self.use_shift = use_shift

    def build(self, input_shape):
        super(Actnorm, self).build(input_shape)
        kernel_shape = (1,) * (len(input_shape) - 1) + (input_shape[-1],)
        if self.log_scale is None:
            self.log_scale = self.add_weight(name='log_scale', shape=kernel_shape, initializer='zeros', trainable=True)
        if self.use_shift and self.shift is None:
            self.shift = self.add_weight(name='shift', shape=kernel_shape, initializer='zeros', trainable=True)
        if not self.use_shift:
            self.shift = 0.

    def call(self, inputs):
        if self.isinverse:
            logdet = ops.sum(self.log_scale)
            x_outs = ops.exp(-self.log_scale) * (inputs - self.shift)
        else:
            logdet = -ops.sum(self.log_scale)
            x_outs = ops.exp(self.log_scale) * inputs + self.shift
        self.logdet = logdet
        return x_outs


class Squeeze(Layer):
    """shape=[h, w, c] ==> shape=[h/n, w/n, n*n*c]"""

    def __init__(self, factor=2, **kwargs):
        super(Squeeze, self).__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        height, width, channel = inputs.shape[1:]
        inputs = ops.reshape(inputs, (-1, height // self.factor, self.factor, width // self.factor, self.factor, channel))
        inputs = ops.transpose(inputs, (0, 1, 3, 2, 4, 5))
        return ops.reshape(inputs, (-1, height // self.factor, width // self.factor, channel * self.factor ** 2))


# ---------------------------------------------------------------- glow.py (one step per level, InvDense as the 1x1 conv)
img_size = 8
depth = 1
level = 2


def build_basic_model(in_channel, hidden_dim=16):
    _in = Input(shape=(None, None, in_channel))
    _ = Conv2D(hidden_dim, (3, 3), padding='same')(_in)
    _ = Activation('relu')(_)
    _ = Conv2D(hidden_dim, (1, 1), padding='same')(_)
    _ = Activation('relu')(_)
    _ = Conv2D(in_channel, (3, 3), kernel_initializer='zeros', padding='same')(_)
    return Model(_in, _)


def build_encoder():
    squeeze = Squeeze()
    x_in = Input(shape=(img_size, img_size, 3))
    x = x_in
    x_outs = []
    for i in range(level):
        x = squeeze(x)
        for j in range(depth):
            actnorm = Actnorm()
            permute = InvDense()
            split = Split()
            couple = CoupleWrapper(build_basic_model(3 * 2 ** (i + 1)))
            concat = Concat()
            x = actnorm(x)
            x = permute(x)
            x1, x2 = split(x)
            x1, x2 = couple([x1, x2])
            x = concat([x1, x2])
        if i < level - 1:
            split = Split()
            x1, x2 = split(x)
            x_outs.append(keras.layers.Flatten()(x2))  # author: CondActnorm + Reshape on x2
            x = x1
    final_actnorm = Actnorm()
    x = final_actnorm(x)
    x = keras.layers.Flatten()(x)
    x = Concat()(x_outs + [x])
    return Model(x_in, x)


def build_model():
    np.random.seed(0)
    return build_encoder()
