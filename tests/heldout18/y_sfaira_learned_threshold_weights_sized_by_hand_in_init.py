"""sfaira's marker-gene cell-type classifier: `LearnedThresholdLayer.__init__` creates its per-gene
`bias` and `slope` with `add_weight(shape=[1, out_dim])`, and `CellTypeMarker` passes the *input* width
by hand (`LearnedThresholdLayer(out_dim=self.in_dim)(x)`), so the weight shape is fixed from a
constructor argument instead of coming from `build(input_shape)`.

It works as wired (the weights are tracked and trained), but the layer only fits inputs whose last
dimension happens to equal the number given at construction: applied to a gene panel of another size it
fails with a broadcasting error far from the cause (Keras 3's automatic config does keep `out_dim`, so
`from_config` itself works).

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`); sfaira's `PreprocInput` (log1p-style count
normalisation, sfaira/models/pp_layer.py) replaced by a small Lambda stand-in; the regularizer /
initializer hyper-parameters of `CellTypeMarker` kept at their defaults; `BasicModel` base class dropped
(`build_model()` returns the `training_model` the constructor builds).
"""

SOURCE = "https://github.com/theislab/sfaira/blob/051dbed502b4a533c2b2f0045b1a654778ded0e8/sfaira/models/celltype/marker.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout18/_measure.py tests/heldout18/y_sfaira_learned_threshold_weights_sized_by_hand_in_init.py:
as returned: Functional, count_params() = 76, 4 weights, unbuilt: none
after call: count_params() = 76, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'learned_threshold_layer': 24}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine18a/probe12.py): LearnedThresholdLayer weights [(1, 12), (1, 12)] fixed by the constructor argument; calling the same layer on a 20-gene batch raises InvalidArgumentError (incompatible shapes [2,20] vs [1,12]) inside LearnedThresholdLayer.call(); LearnedThresholdLayer.from_config(get_config()) works. As wired (12 genes) everything is tracked and trained: no weight goes missing, so this is the warning-level LD004."""

import keras
import tensorflow as tf


class LearnedThresholdLayer(keras.layers.Layer):
    """
    A layer that thresholds the input with a learned threshold.
    """

    def __init__(
        self,
        out_dim,
        initializer="zeros",
        name='learned_threshold_layer',
        **kwargs
    ):
        super().__init__(name=name, **kwargs)
        self.bias = self.add_weight(
            name="bias",
            shape=[1, out_dim],
            initializer=initializer
        )
        self.slope = self.add_weight(
            name="slope",
            shape=[1, out_dim],
            initializer="zeros"
        )

    def call(self, inputs):
        x = inputs
        x = (x + self.bias) * tf.exp(self.slope)
        return tf.nn.sigmoid(x)


class CellTypeMarker:
    """
    Marker gene-based cell type classifier: Learns whether or not each gene exceeds requires threshold
    and learns cell type assignment as linear combination of these marker gene presence probabilities.
    """

    def __init__(self, in_dim: int, out_dim: int, l1_coef: float = 0., l2_coef: float = 0.,
                 kernel_initializer='glorot_uniform', bias_initializer='zeros', name='celltype_marker'):
        self.in_dim = in_dim
        self.out_dim = out_dim

        inputs = keras.Input(shape=(in_dim,))
        x = keras.layers.Lambda(lambda t: tf.math.log1p(t), name="preproc_input")(inputs)
        # Expand one dimension to be able to use LocallyConnected1D.
        x = LearnedThresholdLayer(out_dim=self.in_dim)(x)
        y = keras.layers.Dense(
            units=out_dim,
            activation="softmax",
            use_bias=True,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=keras.regularizers.L1L2(l1=l1_coef, l2=l2_coef),
        )(x)
        self.training_model = keras.Model(inputs=inputs, outputs=y, name=name)


def build_model():
    return CellTypeMarker(in_dim=12, out_dim=4).training_model
