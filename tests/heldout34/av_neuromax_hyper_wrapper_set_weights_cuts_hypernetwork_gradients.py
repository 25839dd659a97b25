"""bionicles/neuromax's `Hyper` wrapper is a hypernetwork: per sample, Dense "hyper" layers predict the
wrapped layer's kernel and bias, which are pushed in with `self.layer.set_weights(weights)` before the
wrapped layer is called. `set_weights` assigns values to the variables, so no gradient flows from the
loss back to the hypernetwork: every hyper Dense weight gets a `None` gradient and is never trained.

From bionicles/neuromax (`nature/bricks/experiments/hyper/wrapper.py`, a `tf.keras.layers.Wrapper`).
`build()` makes, for each weight of the wrapped layer, a `Dense(get_size(shape))` and a `Reshape(shape)`,
registers them with `super().__setattr__("hyper_{k}", hyper)` (a string without the `f` prefix, so every
iteration rebinds the same attribute) and keeps `pipe(hyper, reshape)` closures in `self.hypers`; `call`
(a `tf.function`) loops over the batch, computes the weights, `set_weights` them and calls the layer.
Measured, not assumed: on Keras 3 the missing `f` loses nothing, because the tracker keeps the first
Dense when the attribute is rebound, so all hyper Dense layers are counted; the defect that remains is
that they are counted and never trained (LD009: their output reaches the loss only through a variable
assignment, a non-differentiable op).

Porting edits: `from tools import log` (the author's terminal logger built on `blessings`) replaced by a
no-op `log`, and `len(shape) is 1` written `== 1` (same meaning here, without Python 3.8+'s
SyntaxWarning). `build_model()` wraps `Dense(3)` in `Hyper(None, ...)` (the `AI` argument is
unused) and returns the layer with a batch of 2 samples x 4 features (the call needs a static batch size
for `tf.split`).
"""

SOURCE = "https://github.com/bionicles/neuromax/blob/a53a17a1c033c11ac607a9e28f43b1f906e58aad/nature/bricks/experiments/hyper/wrapper.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/av/av_neuromax_hyper_wrapper_set_weights_cuts_hypernetwork_gradients.py:
as returned: Hyper, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Dense:dense']
after call: count_params() = 90, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 4 of 6 trainable weights: ['hyper/dense_1/kernel', 'hyper/dense_1/bias', 'hyper/dense_2/kernel', 'hyper/dense_2/bias']
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
Own probe (probe_hyper.py): the only attributes set are 'hyper_{k}', 'reshape_{k}' (rebound each iteration) and 'hypers'; the closures hold dense_1 and dense_2; tracked sublayers are nevertheless ['dense', 'dense_1', 'reshape', 'dense_2', 'reshape_1', 'flatten'] (the first binding stays tracked), so nothing is lost from the count; the 4 None gradients are the two hyper Dense layers (75 of the 90 parameters)."""

from functools import reduce
from operator import mul
import tensorflow as tf
B = tf.keras.backend
L = tf.keras.layers


def log(*args, **kwargs):  # port: stands in for `from tools import log`
    pass


def get_size(shape):
    return shape[0] if len(shape) == 1 else reduce(mul, shape)  # author: `len(shape) is 1` (a SyntaxWarning on Python 3.8+)


def pipe(*args, repeats=1):

    def call(x):
        for i in range(repeats):
            for arg in args:
                x = arg(x)
        return x
    return call


class Hyper(L.Wrapper):

    def __init__(self, AI, layer):
        super().__init__(layer)

    def build(self, shape):
        super().build(shape)
        shapes = [w.shape for w in self.layer.get_weights()]
        self.hypers = []
        for k, shape in enumerate(shapes):
            log("shape", k, shape)
            hyper = L.Dense(get_size(shape))
            super().__setattr__("hyper_{k}", hyper)
            reshape = L.Reshape(shape)
            super().__setattr__("reshape_{k}", reshape)
            self.hypers.append(pipe(hyper, reshape))
        self.flatten = L.Flatten()

    @tf.function
    def call(self, inputs):
        batch = B.int_shape(inputs)[0]
        Y = []
        for x in tf.split(inputs, batch):
            x = self.flatten(x)
            weights = []
            for hyper in self.hypers:
                w = hyper(x)
                w = tf.squeeze(w, 0)
                weights.append(w)
            self.layer.set_weights(weights)
            y = self.layer(x)
            Y.append(y)
        return tf.concat(Y, 0)


def build_model():
    layer = Hyper(None, L.Dense(3))
    x = tf.random.stateless_normal((2, 4), seed=(1, 2))
    return layer, x
