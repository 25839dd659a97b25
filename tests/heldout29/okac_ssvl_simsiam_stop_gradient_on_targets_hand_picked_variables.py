"""SimSiam pre-training: a wrapper Model holding an encoder and a predictor built by helper functions
(`get_encoder()`, `get_predictor()`), a loss that puts `ops.stop_gradient` on the target projections,
a `loss_tracker` metric on the model, and a `train_step` that picks its variables by hand
(`self.encoder.trainable_variables + self.predictor.trainable_variables`).

From Ishansh-Sharma/SSVL_Implementation (`Contrastive_Learning_Method/SimSam/Concise_code/
training_loop.py`, with `model.py` for the two helpers). It looks like the "weight behind
stop_gradient" and "sub-model made in a helper" shapes, but the stop-gradient is on one branch's
*output* only: the same encoder also feeds the predictor branch, so every encoder and predictor
weight gets a gradient, and both sub-models are tracked attributes of the wrapper.

Porting edits: `resnet_cifar10_v2.stem/learner` replaced by one small Conv2D block; CROP_TO 32 -> 8,
PROJECT_DIM 2048 -> 8, LATENT_DIM 512 -> 4, WEIGHT_DECAY kept; `keras.utils.normalize` kept; a
`call()` added to the wrapper that runs the train_step's forward pass on two views and returns the
SimSiam loss (so the wrapper can be called once); the compile/fit script after the class dropped;
`build_model()` returns `(SimSiam(get_encoder(), get_predictor()), two views)`.
"""

SOURCE = "https://github.com/Ishansh-Sharma/SSVL_Implementation/blob/c5733d755f3412c06ba37c94a297a1c31b982555/Contrastive_Learning_Method/SimSam/Concise_code/training_loop.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout29/_measure.py tests/heldout29/okac_ssvl_simsiam_stop_gradient_on_targets_hand_picked_variables.py:
as returned: SimSiam, count_params() = count_params() raised ValueError, 19 weights, unbuilt: none
after call: count_params() = 360, 13 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(13 trainable = 8 of the encoder + 5 of the predictor, the same list train_step builds by hand; the
ValueError before the first call is Keras refusing count_params() on an uncalled subclassed Model.)"""

import numpy as np
import tensorflow as tf
import keras
from keras import layers, ops, regularizers

CROP_TO = 8
PROJECT_DIM = 8
LATENT_DIM = 4
WEIGHT_DECAY = 0.0005


def get_encoder():
    # Input and backbone.
    inputs = layers.Input((CROP_TO, CROP_TO, 3))
    x = layers.Rescaling(scale=1.0 / 127.5, offset=-1)(
        inputs
    )
    x = layers.Conv2D(4, 3, padding="same", activation="relu")(x)
    x = layers.GlobalAveragePooling2D(name="backbone_pool")(x)

    # Projection head.
    x = layers.Dense(
        PROJECT_DIM, use_bias=False, kernel_regularizer=regularizers.l2(WEIGHT_DECAY)
    )(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    x = layers.Dense(
        PROJECT_DIM, use_bias=False, kernel_regularizer=regularizers.l2(WEIGHT_DECAY)
    )(x)
    outputs = layers.BatchNormalization()(x)
    return keras.Model(inputs, outputs, name="encoder")


def get_predictor():
    model = keras.Sequential(
        [
            # Note the AutoEncoder-like structure.
            layers.Input((PROJECT_DIM,)),
            layers.Dense(
                LATENT_DIM,
                use_bias=False,
                kernel_regularizer=regularizers.l2(WEIGHT_DECAY),
            ),
            layers.ReLU(),
            layers.BatchNormalization(),
            layers.Dense(PROJECT_DIM),
        ],
        name="predictor",
    )
    return model


#loss fucntion
def compute_loss(p, z):
    # The authors of SimSiam emphasize the impact of
    # the `stop_gradient` operator in the paper as it
    # has an important role in the overall optimization.
    z = ops.stop_gradient(z)
    p = keras.utils.normalize(p, axis=1, order=2)
    z = keras.utils.normalize(z, axis=1, order=2)
    # Negative cosine similarity (minimizing this is
    # equivalent to maximizing the similarity).
    return -ops.mean(ops.sum((p * z), axis=1))


#loop
class SimSiam(keras.Model):
    def __init__(self, encoder, predictor):
        super().__init__()
        self.encoder = encoder
        self.predictor = predictor
        self.loss_tracker = keras.metrics.Mean(name="loss")

    @property
    def metrics(self):
        return [self.loss_tracker]

    def call(self, data):
        ds_one, ds_two = data
        z1, z2 = self.encoder(ds_one), self.encoder(ds_two)
        p1, p2 = self.predictor(z1), self.predictor(z2)
        return compute_loss(p1, z2) / 2 + compute_loss(p2, z1) / 2

    def train_step(self, data):
        ds_one, ds_two = data

        # Forward pass through the encoder and predictor.
        with tf.GradientTape() as tape:
            z1, z2 = self.encoder(ds_one), self.encoder(ds_two)
            p1, p2 = self.predictor(z1), self.predictor(z2)
            loss = compute_loss(p1, z2) / 2 + compute_loss(p2, z1) / 2

        learnable_params = (
            self.encoder.trainable_variables + self.predictor.trainable_variables
        )
        gradients = tape.gradient(loss, learnable_params)
        self.optimizer.apply_gradients(zip(gradients, learnable_params))

        self.loss_tracker.update_state(loss)
        return {"loss": self.loss_tracker.result()}


def build_model():
    simsiam = SimSiam(get_encoder(), get_predictor())
    rng = np.random.default_rng(0)
    views = (rng.random((2, CROP_TO, CROP_TO, 3)).astype("float32") * 255,
             rng.random((2, CROP_TO, CROP_TO, 3)).astype("float32") * 255)
    return simsiam, views
