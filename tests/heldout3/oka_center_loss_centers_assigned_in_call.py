"""Correct: a center-loss layer keeps class centers in a non-trainable weight and moves them with `assign` in `call`.

The report implemented center loss as a layer whose `build` adds `class_centers` with
`trainable=False` and whose `call` should update the centers towards the batch embeddings; with
`add_update` on TF 2 the centers never changed. In Keras 3 the update is a plain `assign` in
training mode: the centers are tracked, counted as non-trainable, updated by the layer, and correctly
get no gradient.
"""

SOURCE = "https://github.com/keras-team/keras/issues/13941"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py oka_center_loss_centers_assigned_in_call.py:
as returned: Functional, count_params() = 236, 5 weights, unbuilt: none
after call: count_params() = 236, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'center_loss_layer': 32}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops


class CenterLossLayer(keras.layers.Layer):
    def __init__(self, alpha=0.5, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha

    def build(self, input_shape):
        feature_shape, one_hot_shape = input_shape
        self.class_centers = self.add_weight(name="class_centers",
                                             shape=(one_hot_shape[-1], feature_shape[-1]),
                                             initializer="uniform", trainable=False)

    def call(self, inputs, training=None):
        embeddings, one_hots = inputs
        centers_per_sample = ops.matmul(one_hots, self.class_centers)
        if training:
            delta = ops.matmul(ops.transpose(one_hots), centers_per_sample - embeddings)
            counts = ops.sum(one_hots, axis=0, keepdims=True)
            delta = delta / ops.transpose(1.0 + counts)
            self.class_centers.assign(self.class_centers - self.alpha * delta)
        return ops.sum(ops.square(embeddings - centers_per_sample), axis=1, keepdims=True)


def build_model():
    images = keras.Input((20,))
    labels = keras.Input((4,))
    embeddings = keras.layers.Dense(8, activation="relu")(images)
    logits = keras.layers.Dense(4)(embeddings)
    center_distance = CenterLossLayer()([embeddings, labels])
    return keras.Model([images, labels], [logits, center_distance])
