"""The keras.io "Siamese network with a contrastive loss" example builds one small CNN `embedding_network` (a functional `keras.Model`) and calls that same model object on both `input_1` and `input_2`, then merges the two 10-wide embeddings with `layers.Lambda(euclidean_distance)`. One layer object applied to two inputs looks like an accidental LD007 sharing (or an LD008 reuse), and a Lambda merge looks like LD012, but all three are by design and fine on Keras 3: the twin towers must share weights (the comment says so), both inputs are (28, 28, 1) so the shared weights fit both calls, and the Lambda's function only uses its two arguments and the Keras epsilon constant, no outside layer or variable.

From keras-team/keras-io, `examples/vision/siamese_contrastive.py` ("Image similarity estimation using a Siamese
Network with a contrastive loss", 2021): the `euclidean_distance` function, the embedding network, the siamese model,
the `loss(margin)` factory and the compile call, as written.

Porting edits: the MNIST download, pair making, plots, `fit`, `evaluate` and `predict` are left out. build_model()
builds and compiles the siamese model exactly as the example does and returns it.
"""

SOURCE = "https://github.com/keras-team/keras-io/blob/12bad05fbf95911b2e994cde3c9340c13a5e76d0/examples/vision/siamese_contrastive.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okcj_kerasio_siamese_contrastive_embedding_network_shared_by_both_towers.py:
as returned: Functional, count_params() = 5324, 20 weights, unbuilt: none
after call: count_params() = 5324, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probes/probe_siamese.py (same model): the embedding network has 2 inbound calls (tower_1, tower_2), 5318 params counted once in the siamese total of 5324 (+ BatchNormalization 4 and Dense(1) 2); the Lambda has 0 weights; one train_on_batch step on two (4, 28, 28, 1) batches changes all 10 trainable weights of the shared embedding network. No warning, no shape error."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

margin = 1  # Margin for constrastive loss.


# Provided two tensors t1 and t2
# Euclidean distance = sqrt(sum(square(t1-t2)))
def euclidean_distance(vects):
    """Find the Euclidean distance between two vectors.

    Arguments:
        vects: List containing two tensors of same length.

    Returns:
        Tensor containing euclidean distance
        (as floating point value) between vectors.
    """

    x, y = vects
    sum_square = tf.math.reduce_sum(tf.math.square(x - y), axis=1, keepdims=True)
    return tf.math.sqrt(tf.math.maximum(sum_square, tf.keras.backend.epsilon()))


def loss(margin=1):
    """Provides 'constrastive_loss' an enclosing scope with variable 'margin'.

    Arguments:
        margin: Integer, defines the baseline for distance for which pairs
                should be classified as dissimilar. - (default is 1).

    Returns:
        'constrastive_loss' function with data ('margin') attached.
    """

    # Contrastive loss = mean( (1-true_value) * square(prediction) +
    #                         true_value * square( max(margin-prediction, 0) ))
    def contrastive_loss(y_true, y_pred):
        square_pred = tf.math.square(y_pred)
        margin_square = tf.math.square(tf.math.maximum(margin - (y_pred), 0))
        return tf.math.reduce_mean(
            (1 - y_true) * square_pred + (y_true) * margin_square
        )

    return contrastive_loss


def build_model():
    input = layers.Input((28, 28, 1))
    x = tf.keras.layers.BatchNormalization()(input)
    x = layers.Conv2D(4, (5, 5), activation="tanh")(x)
    x = layers.AveragePooling2D(pool_size=(2, 2))(x)
    x = layers.Conv2D(16, (5, 5), activation="tanh")(x)
    x = layers.AveragePooling2D(pool_size=(2, 2))(x)
    x = layers.Flatten()(x)

    x = tf.keras.layers.BatchNormalization()(x)
    x = layers.Dense(10, activation="tanh")(x)
    embedding_network = keras.Model(input, x)

    input_1 = layers.Input((28, 28, 1))
    input_2 = layers.Input((28, 28, 1))

    # As mentioned above, Siamese Network share weights between
    # tower networks (sister networks). To allow this, we will use
    # same embedding network for both tower networks.
    tower_1 = embedding_network(input_1)
    tower_2 = embedding_network(input_2)

    merge_layer = layers.Lambda(euclidean_distance)([tower_1, tower_2])
    normal_layer = tf.keras.layers.BatchNormalization()(merge_layer)
    output_layer = layers.Dense(1, activation="sigmoid")(normal_layer)
    siamese = keras.Model(inputs=[input_1, input_2], outputs=output_layer)

    siamese.compile(loss=loss(margin=margin), optimizer="RMSprop", metrics=["accuracy"])
    return siamese
