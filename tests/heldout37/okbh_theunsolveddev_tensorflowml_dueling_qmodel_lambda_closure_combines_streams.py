"""A dueling Double-DQN Q-network for MountainCar combines its value and advantage streams with a `Lambda` over
a nested function `dueling_combine` defined inside the factory, and shares one `HeNormal` initializer object
across four Dense layers: a Lambda built from a closure looks like captured state, but this one captures
nothing with weights, and all twelve weights of the six Dense layers are tracked and trained.

From TheUnsolvedDev/TensorflowML (`DeepRL/DuelingDoubleDQN/classic_control/MountainCar/model.py`): the factory
`QModel(input_shape=ENV_INPUT_SHAPE, output_shape=ENV_OUTPUT_SHAPE)` builds Input -> Dense(2**d, selu) ->
Dense(4**a, selu), then a value stream Dense(4**a) -> Dense(1) and an advantage stream Dense(4**a) ->
Dense(a), and returns `tf.keras.Model(inputs, Lambda(dueling_combine)([v, a]))` with
`dueling_combine = v + (a - reduce_mean(a, axis=1, keepdims=True))`. The closure's free names are only its own
arguments and `tf`: no variable or layer is captured (contrast LD012). The shared `he_init` is a stateless
initializer object, not a shared layer.

Porting edits: `from config import *` is replaced by MountainCar's shapes (2-dim observation, 3 actions) as
`ENV_INPUT_SHAPE = (2,)`, `ENV_OUTPUT_SHAPE = (3,)`. `build_model()` returns `QModel()` as the file's
`__main__` does.
"""

SOURCE = "https://github.com/TheUnsolvedDev/TensorflowML/blob/fd5b8c8af40f712f7eb7ccc200b3d24d9c832a0f/DeepRL/DuelingDoubleDQN/classic_control/MountainCar/model.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine37/bh/okbh_theunsolveddev_tensorflowml_dueling_qmodel_lambda_closure_combines_streams.py:
as returned: Functional, count_params() = 8912, 12 weights, unbuilt: none
after call: count_params() = 8912, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
probe (probe_unsolved.py): one compiled train_on_batch (adam, mse) changes all 12 trainable weights; the two 64x64
kernels drawn from the shared unseeded he_init differ (no identical-initialisation problem)."""

import tensorflow as tf

ENV_INPUT_SHAPE = (2,)   # MountainCar-v0 observation
ENV_OUTPUT_SHAPE = (3,)  # MountainCar-v0 actions


def QModel(input_shape=ENV_INPUT_SHAPE, output_shape=ENV_OUTPUT_SHAPE):
    he_init = tf.keras.initializers.HeNormal()
    inputs = tf.keras.layers.Input(shape=input_shape)
    x = tf.keras.layers.Dense(2**input_shape[0], activation='selu')(inputs)
    x = tf.keras.layers.Dense(4**output_shape[0], activation='selu')(x)

    # Value stream
    v = tf.keras.layers.Dense(4**output_shape[0], activation='selu', kernel_initializer=he_init)(x)
    v = tf.keras.layers.Dense(1, kernel_initializer=he_init)(v)

    # Advantage stream
    a = tf.keras.layers.Dense(4**output_shape[0], activation='selu', kernel_initializer=he_init)(x)
    a = tf.keras.layers.Dense(output_shape[0], kernel_initializer=he_init)(a)

    # Combine streams
    def dueling_combine(inputs):
        v, a = inputs
        return v + (a - tf.reduce_mean(a, axis=1, keepdims=True))

    outputs = tf.keras.layers.Lambda(dueling_combine)([v, a])
    model = tf.keras.Model(inputs=inputs, outputs=outputs)
    return model


def build_model():
    return QModel()
