"""Ensemble `WeightedSum` layer: add_weight scalars appended to a list in build(), plus a `tf.Variable` accumulator made in __init__.

The reporter combined the outputs of two pretrained models with a learnable weighted sum.  The
per-model weights are created with `self.add_weight` and appended to `self.ensemble_weights`;
the starting value of the sum is a `tf.Variable(0., validate_shape=False, trainable=False)`
kept on the layer and cast in call().  Saving the composite model failed ("None has NoneType,
but expected one of: bytes, unicode").
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/51840"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py y_weighted_sum_ensemble_output_init_variable.py:
as returned: Functional, count_params() = 168, 10 weights, unbuilt: none
after call: count_params() = 168, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'weighted_sum': 2}
second call: 0 variables watched that the first call did not use
Own check: weighted_sum has 2 weights (the two add_weight scalars in the list, tracked) and 0 non-trainable weights; the tf.Variable output_init that call() reads is in neither layer.weights nor model.weights (Keras 3 does not track a tf.Variable), so it is not saved or restored with the model. The tape does not list it because it is a non-trainable variable."""

import numpy as np
import tensorflow.keras as krs
import tensorflow as tf


class WeightedSum(krs.layers.Layer):
    def __init__(self, n_models=2, **kwargs):
        super(WeightedSum, self).__init__(**kwargs)
        self.n_models = n_models
        self.ensemble_weights = []
        self.output_init = tf.Variable(0., validate_shape=False, trainable=False)

    def build(self, input_shape):
        for i in range(self.n_models):
            self.ensemble_weights.append(self.add_weight(shape=(1,),
                                                         initializer='ones',
                                                         trainable=True))

    def call(self, inputs):
        new_normalizer = tf.convert_to_tensor(0., dtype=inputs[0].dtype)
        for i in range(self.n_models):
            new_normalizer = new_normalizer + self.ensemble_weights[i]
        new_normalizer = tf.constant(1., dtype=new_normalizer.dtype) / new_normalizer
        output = tf.cast(self.output_init, dtype=inputs[0].dtype)

        for i in range(self.n_models):
            output = tf.add(output, tf.multiply(tf.cast(self.ensemble_weights[i], dtype=inputs[i].dtype), inputs[i]))
        output = tf.multiply(output, new_normalizer)
        return output

    def compute_output_shape(self, input_shape):
        return input_shape[0]

    def get_config(self):
        config = super(WeightedSum, self).get_config()
        config.update({'n_models': self.n_models})
        return config


def make_member(name, n_features=6, n_out=3):
    inp = krs.Input(shape=(n_features,))
    h = krs.layers.Dense(8, activation='relu')(inp)
    out = krs.layers.Dense(n_out)(h)
    return krs.Model(inp, out, name=name)


def build_model():
    member_a = make_member("model_a")
    member_b = make_member("model_b")
    inp = krs.Input(shape=(6,))
    combined = WeightedSum(n_models=2, name="weighted_sum")([member_a(inp), member_b(inp)])
    return krs.Model(inp, combined)
