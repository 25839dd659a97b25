"""SciANN builds PDE residual terms as `Lambda(lambda y: _gradients(y, xs, order))`: the Lambda's function closes over `xs`, the network's input tensor defined outside it, and differentiates through `tf.gradients`; on Keras 3 building the derivative layer raises.

From sciann/sciann, `sciann/utils/math.py` (HEAD e3615412, 2023; `import keras`, `from keras import backend as K`,
`from tensorflow import gradients as tf_gradients`). `diff(u, x)` calls `_lambda_gradient(ys, xs, ...)`, which wraps
`_gradients(y, xs, order)` in a `Lambda` applied to the network output `y` only, while `xs` (the symbolic input the
derivative is taken with respect to) is captured from the enclosing scope: the graph-mode trick of Keras 2 on TF 1,
where both were nodes of one static graph. This is the core of every SciANN physics-informed loss (u_x, u_xx, ...).
On Keras 3 the captured `xs` is a KerasTensor, not a node of the graph the Lambda traces, and wiring the layer fails
while the functional model is still being built.

Porting edits: SciANN's `Variable`/`Functional`/`SciModel` wrappers replaced by the plain Keras layers they generate
(an `Input` of width 1 and a tanh `Dense` stack of 10 and 10 units with a linear output), `unpack_singleton` inlined,
`K.reshape`/`K.concatenate` taken from `tensorflow.keras.backend` (Keras 3's `keras.backend` no longer has them).
`_gradients` and `_lambda_gradient` (the 'Grad' branch) are the repository's. build_model() wires u(x) and
u_x = diff(u, x) and raises as the user sees it.
"""

SOURCE = "https://github.com/sciann/sciann/blob/e3615412c149dbf3152433c09cdd741be2b04f62/sciann/utils/math.py"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/by/by_sciann_lambda_gradient_closes_over_input_keras_tensor_pinn_derivative.py:
build_model() raised NotImplementedError: Exception encountered when calling Lambda.call().
probe_sciann.py (full message): "We could not automatically infer the shape of the Lambda's output. Please specify the
`output_shape` argument for this Lambda layer." (args: the KerasTensor u of shape (None, 1)).
probe_sciann_os.py (the same code with output_shape=(1,) added, the fix the message suggests): the model builds
(count_params() = 141, the three Dense layers), and the first call on a (4, 1) batch raises RuntimeError in Lambda.call():
"tf.gradients is not supported when eager execution is enabled. Use tf.GradientTape instead." The derivative term of
the PDE residual cannot be computed either way; the captured input `xs` is the root."""

import keras
import tensorflow as tf
from keras.layers import Dense, Input, Lambda
from tensorflow import gradients as tf_gradients
from tensorflow.keras import backend as K


def unpack_singleton(x):
    if isinstance(x, list) and len(x) == 1:
        return x[0]
    return x


def to_list(x):
    return x if isinstance(x, list) else [x]


def _gradients(ys, xs, order=1):
    if ys.shape[-1] == 1:
        ds = ys
        for i in range(order):
            ds = unpack_singleton(
                tf_gradients(
                    ds, xs,
                    unconnected_gradients='zero',
                )
            )
    else:
        splitted_ys = tf.split(ys, num_or_size_splits=ys.shape[-1], axis=-1)
        ds = []
        for j, y in enumerate(splitted_ys):
            ds.append(y)
            for i in range(order):
                ds[-1] = unpack_singleton(
                    tf_gradients(
                        ds[-1], xs,
                        unconnected_gradients='zero',
                    )
                )
            new_shape = [x if x is not None else -1 for x in ds[-1].shape + (1,)]
            ds[-1] = K.reshape(ds[-1], new_shape)
        ds = K.concatenate(ds, -1)
    return ds


def _lambda_gradient(ys, xs, order=1, name=''):
    grads, layers = [], []
    for y in to_list(ys):
        name_prefix = 'Grad_' if order == 1 else 'Grad{:d}_'.format(order) + name + '/'
        lay = Lambda(lambda y: _gradients(y, xs, order))
        layers += to_list(lay)
        grads += to_list(lay(y))
    return (unpack_singleton(layers), unpack_singleton(grads))


def build_model():
    x = Input(shape=(1,), name="x")
    h = Dense(10, activation="tanh")(x)
    h = Dense(10, activation="tanh")(h)
    u = Dense(1, name="u")(h)
    _, u_x = _lambda_gradient(u, x, order=1)
    return keras.Model(x, [u, u_x])
