"""BayesFlow's FiLM conditioning layer: `to_gamma` is `None` unless `use_gamma`, and `build()` builds both projections from the second element of a tuple input shape.

In the Keras 3 (multi-backend) BayesFlow networks, `FiLM` modulates features with a time embedding:
`y = (1 + gamma(t)) * x + beta(t)`. Two things look suspicious to a reader who knows the usual
Keras bugs: a sublayer attribute that is `None` in one configuration, and a `build()` that builds
its Dense sublayers by hand from `input_shape[1]` (the embedding) rather than from the input they
modulate, guarded by `if self.built: return`. On Keras 3 both configurations are fully built before
the first call, every Dense that exists is used in `call()`, and all weights get gradients.
"""

SOURCE = "https://github.com/bayesflow-org/bayesflow/blob/08527960f0eec6488cb48f178aa37681751a2ee5/bayesflow/networks/embeddings/feature_wise_linear_modulation.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oke_bayesflow_film_optional_gamma_built_from_input_shapes.py:
as returned: Functional, count_params() = 1060, 14 weights, unbuilt: none
after call: count_params() = 1060, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'film_full': 288, 'film_shift_only': 144}
second call: 0 variables watched that the first call did not use"""

import keras


class FiLM(keras.Layer):
    """Feature-wise Linear Modulation: y = (1 + gamma) * x + beta (Perez et al., 2018)."""

    def __init__(self, units: int, *, kernel_initializer: str = "he_normal", use_gamma: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.units = int(units)
        self.kernel_initializer = kernel_initializer
        self.use_gamma = bool(use_gamma)

        self.to_gamma = None
        if self.use_gamma:
            self.to_gamma = keras.layers.Dense(units, kernel_initializer=kernel_initializer, name="to_gamma")
        self.to_beta = keras.layers.Dense(units, kernel_initializer=kernel_initializer, name="to_beta")

    def get_config(self):
        base = super().get_config()
        return base | {"units": self.units, "kernel_initializer": self.kernel_initializer,
                       "use_gamma": self.use_gamma}

    def build(self, input_shape):
        if self.built:
            return
        x_shape, t_emb_shape = input_shape

        # Verify x has correct feature dimension
        if x_shape[-1] != self.units:
            raise ValueError(f"FiLM layer expects input with {self.units} features, but got {x_shape[-1]}")

        # Build the projection from time embedding to gamma/beta
        if self.use_gamma:
            self.to_gamma.build(t_emb_shape)
        self.to_beta.build(t_emb_shape)

        super().build(input_shape)

    def compute_output_shape(self, input_shape):
        x_shape, _ = input_shape
        return x_shape

    def call(self, inputs, training=None, mask=None):
        x, t_emb = inputs

        beta = self.to_beta(t_emb)
        if self.use_gamma:
            gamma = self.to_gamma(t_emb)
            return (1.0 + gamma) * x + beta
        return x + beta


def build_model():
    x_in = keras.Input(shape=(16,), name="x")
    t_in = keras.Input(shape=(1,), name="t")
    t_emb = keras.layers.Dense(8, activation="mish", name="time_embedding")(t_in)
    h = keras.layers.Dense(16, activation="mish")(x_in)
    h = FiLM(16, name="film_full")([h, t_emb])
    h = keras.layers.Dense(16, activation="mish")(h)
    h = FiLM(16, use_gamma=False, name="film_shift_only")([h, t_emb])
    out = keras.layers.Dense(4)(h)
    return keras.Model([x_in, t_in], out)
