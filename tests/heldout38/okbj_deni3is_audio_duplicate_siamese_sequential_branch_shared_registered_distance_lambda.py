"""An audio-duplicate Siamese model builds its branch as a `Sequential` in a helper, calls that one
`Sequential` on two inputs, and merges them with `Lambda(euclidean_distance)`: a helper-made nested model
shared by two branches plus a Lambda look like untracked or duplicated state, but the branch's three Dense
layers are tracked once and trained from both inputs, and the Lambda captures nothing.

From Deni3is/audio_duplicate, `train/siamse_model/train.py`: `build_shared_network()` returns
`Sequential([Dense(128, relu), Dropout, Dense(64, relu), Dropout, Dense(32, relu)])` with no input shape (its
`input_shape` argument is accepted and ignored), `create_siamese_network()` calls it on `input_a` and
`input_b` (256-dim embeddings), computes `Lambda(euclidean_distance)` with a module-level function registered
through `@tf.keras.utils.register_keras_serializable()`, and ends in `Dense(1, sigmoid)`. The Sequential is
unbuilt until its first call on `input_a`, which builds it for 256 features; the second call fits (LD007,
info, not LD008).

Porting edits: none. `build_model()` returns `create_siamese_network()` and two batches of 4 embeddings.
"""

SOURCE = "https://github.com/Deni3is/audio_duplicate/blob/02593349864f71c2781633744253fb783444b766/train/siamse_model/train.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bj/okbj_deni3is_audio_duplicate_siamese_sequential_branch_shared_registered_distance_lambda.py:
as returned: Functional, count_params() = 43234, 8 weights, unbuilt: none
after call: count_params() = 43234, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe/p_train.py): layers [InputLayer, InputLayer, Sequential, Lambda, Dense]; the shared Sequential
holds 6 weights (counted once: 43234 = 32896 + 8256 + 2080 + 2), the Lambda 0; one compiled
train_on_batch (adam, mse) changes 8 of 8 trainable weights."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, models, backend as K


# Функция расстояния
@tf.keras.utils.register_keras_serializable()
def euclidean_distance(vectors):
    x, y = vectors
    return K.sqrt(K.sum(K.square(x - y), axis=1, keepdims=True))


# Общая ветвь (Shared network)
def build_shared_network(input_shape=(256,), drop_rate=0.1):
    model = models.Sequential([
        layers.Dense(128, activation='relu'),
        layers.Dropout(drop_rate),
        layers.Dense(64, activation='relu'),
        layers.Dropout(drop_rate),
        layers.Dense(32, activation='relu')
    ])
    return model


# Построение сиамской модели
def create_siamese_network(input_shape=(256,)):
    input_a = layers.Input(shape=input_shape)
    input_b = layers.Input(shape=input_shape)

    shared_network = build_shared_network(input_shape)

    encoded_a = shared_network(input_a)
    encoded_b = shared_network(input_b)

    distance = layers.Lambda(euclidean_distance)([encoded_a, encoded_b])
    output = layers.Dense(1, activation='sigmoid')(distance)

    model = models.Model(inputs=[input_a, input_b], outputs=output)
    return model


def build_model():
    model = create_siamese_network()
    rng = np.random.default_rng(0)
    x = [rng.standard_normal((4, 256)).astype("float32"), rng.standard_normal((4, 256)).astype("float32")]
    return model, x
