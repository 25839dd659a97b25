"""A Keras 3 layer computes a `keras.ops.roll` index tensor in build() and stores it via add_variable(Constant(...)).

In keras-team/keras#19767 a user (writing coupling layers for normalizing flows, Keras 3, any
backend) needs a fixed permutation of the feature axis. In `build()` they compute
`keras.ops.roll(keras.ops.arange(d), shift=d // 2)` - a backend tensor made from `keras.ops` in
build, the shape a linter reads as "raw tensor stored on self" - but they hand it to
`self.add_variable(..., initializer=keras.initializers.Constant(indices), trainable=False)`, so what
lands on `self` is a tracked, non-trainable Keras variable that is saved with the model. The
question was only whether this is idiomatic (the answer: write an Initializer subclass); the code
is correct. The permutation is used with `ops.take` around a small affine coupling MLP.
"""

SOURCE = "https://github.com/keras-team/keras/issues/19767"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py okc_roll_indices_keras_ops_tensor_as_constant_initializer.py:
as returned: Functional, count_params() = 664, 10 weights, unbuilt: none
after call: count_params() = 664, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'affine_coupling': 326, 'roll_permutation': 6, 'affine_coupling_1': 326, 'roll_permutation_1': 6}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


class RollPermutation(keras.Layer):
    def build(self, input_shape):
        indices = keras.ops.roll(keras.ops.arange(input_shape[-1]), shift=input_shape[-1] // 2)
        self.indices = self.add_variable(
            shape=input_shape[-1:],
            initializer=keras.initializers.Constant(indices),
            trainable=False,
            dtype="int32",
        )

    def call(self, x):
        return ops.take(x, self.indices, axis=-1)


class AffineCoupling(keras.Layer):
    def __init__(self, hidden=32, **kwargs):
        super().__init__(**kwargs)
        self.hidden = hidden

    def build(self, input_shape):
        d = input_shape[-1]
        self.half = d // 2
        self.net = keras.Sequential(
            [layers.Dense(self.hidden, activation="relu"), layers.Dense(2 * (d - self.half))]
        )
        self.net.build((None, self.half))

    def call(self, x):
        x1, x2 = x[..., : self.half], x[..., self.half :]
        log_scale, shift = ops.split(self.net(x1), 2, axis=-1)
        y2 = x2 * ops.exp(ops.tanh(log_scale)) + shift
        return ops.concatenate([x1, y2], axis=-1)


def build_model():
    inputs = keras.Input(shape=(6,))
    x = inputs
    for _ in range(2):
        x = AffineCoupling()(x)
        x = RollPermutation()(x)
    return keras.Model(inputs, x)
