"""A triplet network for chess-position embeddings: one embedding `Sequential` called on the anchor,
positive and negative inputs, and a `TripletLossLayer` that sets `self.alpha` before calling
`super().__init__()`, computes the hinge triplet loss, hands it to `self.add_loss()` and returns it.

From patrickfrank1/chesspos (`metric_learning/model_architecture.py`, commit b3d6203 "Return loss as
mean over batch and not sum over batch"). Looks like a late `super().__init__()`, one model reused
three times, and a loss layer whose output is the loss; the model is compiled with `loss=None`. On
Keras 3 it is correct: `alpha` is a plain float (no state, no setting that `Layer.__init__` resets),
the shared embedding's weights are counted once and get gradients from all three branches through the
`add_loss` value, and the loss layer owns no weights.

Porting edits: `tensorflow.keras` -> `keras` (ops stay `tf.*`); tabs -> spaces; the autoencoder
variant of the file left out; `Adam(lr=0.00006)` -> `Adam(learning_rate=0.00006)` (Keras 3 has no
`lr`); the `mean_pred` metric that returns `print("hello")` and the two `summary()` prints left out;
input 773 bits -> 12, hidden_layers [16, 8], embedding 4.
"""

SOURCE = "https://github.com/patrickfrank1/chesspos/blob/b3d62039910b021983f47d886b27de6bdbcb106d/metric_learning/model_architecture.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout25/_measure.py tests/heldout25/okm_chesspos_triplet_loss_layer_alpha_before_super_shared_embedding.py:
warning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
as returned: Functional, count_params() = 276, 4 weights, unbuilt: none
after call: count_params() = 276, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'triplet_loss_layer': 0}
second call: 0 variables watched that the first call did not use
Own probe (/tmp/mine25b/trip_probe.py): the loss layer keeps alpha 0.2, its name and trainable=True
after the late super().__init__(); the shared 'embedding_model' has 3 inbound calls and is counted
once; fit() with x only (loss=None) reports loss 0.39 from add_loss and changes 4/4 trainable
weights. (276 = 12*16+16 + 16*4+4: the author's range(1, len(hidden_layers)-1) skips the last hidden
width, a separate off-by-one that is not a tracking defect.)"""

import tensorflow as tf
import keras


class TripletLossLayer(keras.layers.Layer):
    def __init__(self, alpha, **kwargs):
        self.alpha = alpha
        super(TripletLossLayer, self).__init__(**kwargs)

    def triplet_loss(self, inputs):
        anchor, positive, negative = inputs
        pos_dist = tf.reduce_sum(tf.square(anchor-positive), axis=-1)
        neg_dist = tf.reduce_sum(tf.square(anchor-negative), axis=-1)
        return tf.reduce_mean(tf.maximum(pos_dist - neg_dist + self.alpha, 0), axis=0)

    def call(self, inputs):
        loss = self.triplet_loss(inputs)
        self.add_loss(loss)
        return loss


def embedding_network(input_shape, embedding_size, hidden_layers=None, name="embedding_model"):
    if hidden_layers is None:
        return keras.layers.Dense(
            embedding_size, activation='relu', input_shape=input_shape,name="embedding_layer"
        )
    else:
        embedding = keras.Sequential(name="embedding_model")
        embedding.add(
            keras.layers.Dense(hidden_layers[0], activation='relu',
                input_shape=input_shape,name="embedding_layer_0"
            )
        )
        for i in range(1, len(hidden_layers)-1):
            embedding.add(
                keras.layers.Dense(hidden_layers[i], activation='relu',name=f"embedding_layer_{i}")
            )
        embedding.add(
            keras.layers.Dense(embedding_size, activation='relu',
                name=f"embedding_layer_{len(hidden_layers)}"
            )
        )
        return embedding


def triplet_network_model(input_shape, embedding_size, hidden_layers=None, alpha=0.2):
    # Input layers
    anchor_input = keras.layers.Input(input_shape, name="anchor_input", dtype=float)
    positive_input = keras.layers.Input(input_shape, name="positive_input", dtype=float)
    negative_input = keras.layers.Input(input_shape, name="negative_input", dtype=float)

    # Generate the encodings (feature vectors) for the three positions
    embedding = embedding_network(input_shape, embedding_size, hidden_layers=hidden_layers)

    # Embeddings for the three inputs
    embedding_a = embedding(anchor_input)
    embedding_p = embedding(positive_input)
    embedding_n = embedding(negative_input)

    # TripletLoss Layer, initialize and incorporate into network, tie embeddings together
    loss_layer = TripletLossLayer(alpha=alpha, name='triplet_loss_layer')([embedding_a, embedding_p, embedding_n])

    # Cast as tf model
    triplet_network = keras.models.Model(
        inputs=[anchor_input, positive_input, negative_input],
        outputs=[loss_layer, embedding_a, embedding_p, embedding_n]
    )

    # Compile the model
    optimizer = keras.optimizers.Adam(learning_rate=0.00006)

    triplet_network.compile(
        loss=None,
        optimizer=optimizer,
    )

    return triplet_network


def build_model():
    return triplet_network_model((12,), 4, hidden_layers=[16, 8], alpha=0.2)
