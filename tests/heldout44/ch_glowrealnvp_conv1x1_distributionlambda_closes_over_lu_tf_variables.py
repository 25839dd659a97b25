"""The Glow/RealNVP tutorial's invertible 1x1 convolution builds a trainable LU factorisation as raw `tf.Variable`s
(`lower_upper`, trainable, and `permutation`) in `trainable_lu_factorization`, wraps them in a `MatvecLU` bijector,
and puts the bijector into the model through two Lambda layers (`tfp.layers.DistributionLambda(lambda x:
conv1x1(...))` and its inverse), whose functions close over the bijector from the enclosing `build_model`
(LD012). The Lambdas own nothing, so the LU variable is in no layer's weights; the author's attempt to attach it,
`fwd.vars = conv1x1.trainable_variables`, stores a plain list of `tf.Variable`s on the layer, which Keras 3 does not
track either (LD003). The model reports 0 weights (the file's own test prints 'No Trainable Variable exists' when
`example_model.weights == []`), `fit` has nothing to train and saving stores no convolution.

From MokkeMeguru/glow-realnvp-tutorial, `realworld/layers/conv1x1.py` (`trainable_lu_factorization`,
`build_model`) at 8a1d422 (the same file is copied under `examples/models/`).

Porting edits: tensorflow_probability is not installed with Keras 3 here (and `tfp.layers` needs tf-keras), so
`tfb.MatvecLU`/`tfb.Invert` are replaced by a small stand-in class of the same names holding the same two variables
and computing `matvec(lu_reconstruct(lower_upper, permutation), x)` (and its inverse by `lu_solve`), and
`tfp.layers.DistributionLambda(lambda x: conv1x1(tfd.Deterministic(x)))` becomes `tf.keras.layers.Lambda(lambda x:
conv1x1.forward(x))` (the tensor instead of a Deterministic distribution), keeping the closure over `conv1x1` and
`inv_conv1x1` and the `fwd.vars = ...` / `inv.vars = ...` assignments; the `print` is dropped. The file's own `build_model(channels=3)` is kept as
written (bound to `_build_model`); the case's build_model() calls it, sets `trainable = True` as `test_conv1x1`
does, and returns the model with a random batch of 2 28x28x3 images, the input `test_conv1x1` uses.
"""

SOURCE = "https://github.com/MokkeMeguru/glow-realnvp-tutorial/blob/8a1d422da29705a68ee1be2417f45a56fd011f7b/realworld/layers/conv1x1.py"
CODES = ("LD012", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 1 variables the model does not track: ['trainable_lu_factorization/lower_upper:0']
second call: 0 variables watched that the first call did not use
python probes/probe_conv1x1.py <this file>: fwd.vars holds the lower_upper tf.Variable but fwd.weights and model.weights are []; the forward Lambda's closure holds the MatvecLU object; a tape naming lower_upper directly gets a gradient; compile(adam, mse) + fit 2 epochs warns 'The model does not have any trainable weights.' and leaves lower_upper unchanged."""

import numpy as np
import tensorflow as tf


class MatvecLU:  # stand-in for tfb.MatvecLU (tensorflow_probability)
    def __init__(self, lower_upper, permutation, name='MatvecLU'):
        self.lower_upper = lower_upper
        self.permutation = permutation
        self.name = name

    @property
    def trainable_variables(self):
        return tuple(v for v in (self.lower_upper, self.permutation) if v.trainable)

    def forward(self, x):
        w = tf.linalg.lu_reconstruct(self.lower_upper, self.permutation)
        return tf.linalg.matvec(w, x)

    def inverse(self, y):
        return tf.linalg.lu_solve(self.lower_upper, self.permutation, y[..., tf.newaxis])[..., 0]


class Invert:  # stand-in for tfb.Invert
    def __init__(self, bijector):
        self.bijector = bijector

    @property
    def trainable_variables(self):
        return self.bijector.trainable_variables

    def forward(self, x):
        return self.bijector.inverse(x)


def trainable_lu_factorization(event_size,
                               batch_shape=(),
                               seed=None,
                               dtype=tf.float32,
                               name=None):
    with tf.name_scope('trainable_lu_factorization'):
        event_size = tf.convert_to_tensor(event_size,
                                          dtype=tf.int32,
                                          name='event_size')
        batch_shape = tf.convert_to_tensor(batch_shape,
                                           dtype=event_size.dtype,
                                           name='batch_shape')
        random_matrix = tf.Variable(tf.random.uniform(
            shape=tf.concat([batch_shape, [event_size, event_size]], axis=0),
            dtype=dtype,
            seed=seed,
        ),
                                    name='conv1x1_weights')

        def lu_p(m):
            return tf.linalg.lu(tf.linalg.qr(m).q)

        lower_upper = tf.Variable(lu_p(random_matrix)[0], name='lower_upper')
        # ref https://github.com/tensorflow/probability/issues/545
        permutation = tf.Variable(lu_p(random_matrix)[1],
                                  trainable=False,
                                  name='permutation')
        return lower_upper, permutation


def build_model(channels=3):
    # conv1x1 setup
    t_lower_upper, t_permutation = trainable_lu_factorization(channels)
    conv1x1 = MatvecLU(t_lower_upper, t_permutation, name='MatvecLU')
    inv_conv1x1 = Invert(conv1x1)

    # forward setup
    fwd = tf.keras.layers.Lambda(
        lambda x: conv1x1.forward(x))
    fwd.vars = conv1x1.trainable_variables

    # inverse setup
    inv = tf.keras.layers.Lambda(
        lambda x: inv_conv1x1.forward(x))
    inv.vars = inv_conv1x1.trainable_variables

    x: tf.Tensor = tf.keras.Input(shape=[28, 28, channels])
    fwd_x = fwd(x)
    rev_fwd_x = inv(fwd_x)
    example_model = tf.keras.Model(inputs=x, outputs=rev_fwd_x, name='conv1x1')
    return example_model


_build_model = build_model


def build_model():  # noqa: F811 - the case's entry point: the file's build_model(channels=3)
    example_model = _build_model(channels=3)
    example_model.trainable = True
    real_x = np.random.default_rng(0).random((2, 28, 28, 3)).astype("float32")
    return example_model, real_x
