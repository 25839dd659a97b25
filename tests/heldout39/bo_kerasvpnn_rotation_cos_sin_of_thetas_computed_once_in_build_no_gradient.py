"""keras-vpnn's `Rotation` layer computes `self.c = K.cos(self.thetas)` and `self.s = K.sin(self.thetas)` once in
`build()` and rotates with those stored tensors in `call()`: on Keras 3 build runs eagerly, so `c`/`s` are frozen
constants and the rotation angles `theta` are counted but get no gradient (LD009).

From wtaylor17/keras-vpnn (volume-preserving neural networks: each layer is a product of learnable Givens-style
rotations, a diagonal and a bias), `vpnn/layers/rotation.py`. `__init__` draws a random permutation and keeps it in
a non-trainable int32 `tf.Variable` (before `super().__init__`), `build()` adds `theta` (one angle per pair of
units) with `add_weight` and stores `K.cos`/`K.sin` of it on `self`, `call()` permutes the input with `tf.gather`,
splits it in halves and returns `[c*xi - s*xj, c*xj + s*xi]`. The repository pins keras 2.3.1 on TensorFlow
1.15, where `build()` runs in the graph and `c`/`s` stay symbolic functions of `theta`; on Keras 3 they are
computed once, outside any tape.

Porting edits: `keras.backend` has no `cos`/`sin`/`concatenate` in Keras 3; they are spelled `tf.cos`, `tf.sin`
and `tf.concat` (what the TF backend of keras 2.3 ran). The pass-through `__call__` override is kept. build_model()
calls the repository's `VPNNLayer` factory (kept as written, without the diagonal, bias and activation branches,
whose layers are not part of this case) with `dim=8, n_rotations=2, use_diag=False, use_bias=False`: four
Rotation layers in a functional Model. The int32 permutation `tf.Variable` is untracked on Keras 3 too (LD003
by itself, not the defect measured here, and harmless: `get_config` carries `perm`); doubt kept: a checker may also
name LD001 for the derived tensors stored on `self` in `build()`.
"""

SOURCE = "https://github.com/wtaylor17/keras-vpnn/blob/2cbcb244929f38afe2a5b2f2b2fffe71c453a95c/vpnn/layers/rotation.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bo/bo_kerasvpnn_rotation_cos_sin_of_thetas_computed_once_in_build_no_gradient.py:
as returned: Functional, count_params() = 16, 4 weights, unbuilt: none
after call: count_params() = 16, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 4 trainable weights: ['rotation/theta', 'rotation_1/theta', 'rotation_2/theta', 'rotation_3/theta']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'rotation': 4, 'rotation_1': 4, 'rotation_2': 4, 'rotation_3': 4}
second call: 0 variables watched that the first call did not use
(16 = 4 Rotation layers x 4 angles; the int32 permutation tf.Variable of each layer is not among the 4 weights.)"""

import keras
from keras.layers import Layer, Input
from keras.models import Model
import tensorflow as tf
import numpy as np


class Rotation(Layer):
    def __init__(self, n_outputs, perm=None, **kwargs):
        self.output_dim = n_outputs
        assert self.output_dim % 2 == 0
        self.thetas, self.c, self.s = None, None, None
        self.perm = perm or np.random.permutation(self.output_dim).tolist()
        self.inp_inds = tf.Variable(
            self.perm,
            trainable=False,
            dtype=tf.int32
        )
        super(Rotation, self).__init__(**kwargs)

    def build(self, input_shape):
        self.thetas = self.add_weight(name='theta',
                                      initializer='uniform',
                                      shape=(self.output_dim//2,))
        self.c = tf.cos(self.thetas)
        self.s = tf.sin(self.thetas)
        super(Rotation, self).build(input_shape)

    def __call__(self, *args, **kwargs):
        return super(Rotation, self).__call__(*args, **kwargs)

    def call(self, x, **kwargs):
        permuted = tf.gather(x, self.inp_inds, axis=-1)
        xi = permuted[:, :self.output_dim // 2]
        xj = permuted[:, self.output_dim // 2:]
        yi = self.c * xi - self.s * xj
        yj = self.c * xj + self.s * xi
        return tf.concat([yi, yj], axis=-1)

    def get_config(self):
        config = super(Rotation, self).get_config()
        config.update({'n_outputs': self.output_dim,
                       'perm': self.perm})
        return config


def VPNNLayer(dim,
              n_rotations=2,
              use_diag=True,
              use_bias=True,
              **kwargs):
    _hidden_layers = []
    for _ in range(n_rotations):
        _hidden_layers.append(Rotation(dim))
    for _ in range(n_rotations):
        _hidden_layers.append(Rotation(dim))

    input_layer = Input((dim,))
    outp = input_layer
    for layer in _hidden_layers:
        outp = layer(outp)
    output_layer = outp
    return Model(input_layer, output_layer, **kwargs)


def build_model():
    return VPNNLayer(8, n_rotations=2, use_diag=False, use_bias=False)
