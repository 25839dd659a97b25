"""An ordinal-regression output layer computes its thresholds from its weights once, in `build()`: the thresholds never train.

A cell-viability paper's ordinal regression model (`smf_ordinal.py`) feeds a one-unit Dense
"latent variable" into an `OrdinalLayer`: `build()` creates `deltas` and `offset` with
`add_weight`, but keeps `self.deltas = tf.exp(self.add_weight(...))` and
`self.thresholds = tf.math.cumsum(self.deltas) + self.offset`, and `call()` compares the latent
value with `self.thresholds`. Built eagerly, those are constant tensors computed from the initial
values: the two variables are counted as trainable but get no gradient, so the class thresholds
stay at their random initialisation while only the Dense trains (and `get_thresholds()`, which
reads the variables, reports values that were never used). Three days later the author's
"fix orm model" commit moved the computation into `call()`.
"""

SOURCE = "https://github.com/KISRDevelopment/cell_viability_paper/blob/72a533747513f3cea226d0f39f1d4abf17284b2b/models/smf_ordinal.py"
CODES = ("LD010", "LD009")  # a frozen copy of the weights used in their place (LD010); they get no gradient (LD009)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout5/_measure.py a_frozen_ordinal_thresholds_computed_in_build.py:
as returned: Functional, count_params() = 17, 4 weights, unbuilt: none
after call: count_params() = 17, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 2 of 4 trainable weights: ['ordinal_layer/deltas', 'ordinal_layer/offset']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'ordinal_layer': 4}
second call: 0 variables watched that the first call did not use"""

import keras.initializers as kinit
import keras.layers as layers
import keras.models
import numpy as np
import tensorflow as tf


class OrdinalLayer(layers.Layer):
    def __init__(self, n_classes, **kwargs):
        self.n_classes = n_classes
        super(OrdinalLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        self.deltas = tf.exp(self.add_weight(name="deltas",
                                             shape=(self.n_classes - 1,),
                                             initializer=kinit.RandomUniform(minval=-1, maxval=1),
                                             trainable=True))
        self.offset = self.add_weight(name="offset", shape=(1,), initializer=kinit.RandomUniform(minval=-2, maxval=-1),
                                      trainable=True)

        self.thresholds = tf.math.cumsum(self.deltas) + self.offset

        super(OrdinalLayer, self).build(input_shape)

    def get_thresholds(self):
        deltas, offset = self.get_weights()
        return np.cumsum(np.exp(deltas)) + offset

    def call(self, x):
        """ X is (Bx1) """
        # (B x n_classes-1)
        diff = self.thresholds - x
        prob_less_than_i = tf.sigmoid(diff)
        # (B x n_classes+1)
        prob_less_than_i = tf.concat((tf.zeros_like(x), prob_less_than_i, tf.ones_like(x)), axis=1)
        # compute class probabilities (B x n_classes)
        return prob_less_than_i[:, 1:] - prob_less_than_i[:, :-1]

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n_classes)


def build_model(n_features=12, n_classes=4):
    # ordinal model
    input_node = layers.Input(shape=(n_features,))
    linear_layer = layers.Dense(1, activation="linear")
    latent_variable = linear_layer(input_node)
    ordinal_layer = OrdinalLayer(n_classes)
    output_node = ordinal_layer(latent_variable)
    return keras.models.Model(inputs=input_node, outputs=output_node)
