"""BayesFlow's `Time2Vec` calls `add_weight` four times in `__init__` and has no `build()`: looks like LD004, but
every shape comes from `num_periodic_features` or is `(1,)`, never from the input, so the layer fits any input.

From BayesFlow (Keras 3, multi-backend amortized Bayesian inference; here the copy at vpratz/BayesFlow, a
contributor's fork of bayesflow-org/bayesflow), `bayesflow/networks/embeddings/time2vec.py`. `Time2Vec.__init__`
creates `trend_weight` and `trend_bias` of shape `(1,)` and `periodic_weights` and `periodic_biases` of shape
`(num_periodic_features,)`; `call(x, t=None)` builds a time grid when no times are given (`linspace` over the
sequence length, tiled over the batch), computes `t * w + b` and `sin(t * w_p + b_p)`, and concatenates those
`num_periodic_features + 1` features to `x`. The time input is a scalar per step, so no input dimension is needed to
size the weights: the "weights in `__init__`" are legal on Keras 3 (tracked, trained, counted), and the layer works
on any feature width or sequence length.

Porting edits: `bayesflow.types.Tensor` (a type alias) is dropped from the annotations and `bayesflow.utils.
expand_tile(t, n, axis=0)` is inlined as `keras.ops.repeat(keras.ops.expand_dims(t, 0), n, axis=0)` (what it does);
the `@serializable(package="bayesflow.networks")` decorator is kept. build_model() puts it at the front of a
sequence model, where an embedding of time belongs (BayesFlow's own summary networks were not read): `keras.Input((16, 3))` -> `Time2Vec()` (12
features per step) -> `LSTM(8)`.
"""

SOURCE = "https://github.com/vpratz/BayesFlow/blob/45768fee4a2d1a87b95b5f1c9e344ef80da3423f/bayesflow/networks/embeddings/time2vec.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bv/okbv_bayesflow_time2vec_add_weight_in_init_shapes_from_settings_only.py:
as returned: Functional, count_params() = 690, 7 weights, unbuilt: none
after call: count_params() = 690, 7 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 7 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'time2_vec': 18}
second call: 0 variables watched that the first call did not use
probe (probe_ok.py t2v): a bare Time2Vec() holds its 4 weights before any call (shapes (1,), (1,), (8,), (8,));
the same instance maps (2, 16, 3) -> (2, 16, 12) and then (2, 40, 5) -> (2, 40, 14) (no input dimension baked in);
None gradients: 0 of 4. No warning printed."""

import keras
from keras.saving import register_keras_serializable as serializable


def expand_tile(x, n, axis):
    return keras.ops.repeat(keras.ops.expand_dims(x, axis), n, axis=axis)


@serializable(package="bayesflow.networks")
class Time2Vec(keras.Layer):
    """
    Implements the Time2Vec learnbale embedding from [1].
    [1] Kazemi, S. M., Goel, R., Eghbali, S., Ramanan, J., Sahota, J., Thakur, S., ... & Brubaker, M.
    (2019). Time2vec: Learning a vector representation of time. arXiv preprint arXiv:1907.05321.
    """

    def __init__(self, num_periodic_features: int = 8):
        super().__init__()

        self.num_periodic_features = num_periodic_features
        self.linear_weight = self.add_weight(
            shape=(1,),
            initializer="glorot_uniform",
            trainable=True,
            name="trend_weight",
        )

        self.linear_bias = self.add_weight(
            shape=(1,),
            initializer="glorot_uniform",
            trainable=True,
            name="trend_bias",
        )

        self.periodic_weights = self.add_weight(
            shape=(self.num_periodic_features,),
            initializer="glorot_normal",
            trainable=True,
            name="periodic_weights",
        )

        self.periodic_biases = self.add_weight(
            shape=(self.num_periodic_features,),
            initializer="glorot_normal",
            trainable=True,
            name="periodic_biases",
        )

    def call(self, x, t=None):
        if t is None:
            t = keras.ops.linspace(0, keras.ops.shape(x)[1], keras.ops.shape(x)[1], dtype=x.dtype)
            t = expand_tile(t, keras.ops.shape(x)[0], axis=0)

        linear = t * self.linear_weight + self.linear_bias
        periodic = keras.ops.sin(t[..., None] * self.periodic_weights[None, :] + self.periodic_biases[None, :])
        emb = keras.ops.concatenate([linear[..., None], periodic], axis=-1)
        return keras.ops.concatenate([x, emb], axis=-1)


def build_model():
    series = keras.Input((16, 3))
    h = Time2Vec()(series)
    summary = keras.layers.LSTM(8)(h)
    return keras.Model(series, summary)
