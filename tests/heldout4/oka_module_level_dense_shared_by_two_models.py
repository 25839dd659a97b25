"""Correct: one `fc1` Dense created at module level and wired into both a policy and a value model.

The RLlib report: its "shared weights" example built two models that each created their own `fc1`
Dense inside a TF variable scope, so nothing was shared (keras layers ignore variable scopes); the
suggested fix was to create the layer once, outside both models, and call that instance in each.
That fix is this case: a module-level layer called in two functional models. It looks like a
global layer used from outside a model, but wiring a global layer into a functional graph tracks
it in both models, and the sharing is intended.
"""

SOURCE = "https://github.com/ray-project/ray/issues/12233"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout4/_measure.py oka_module_level_dense_shared_by_two_models.py:
as returned: Functional, count_params() = 244, 6 weights, unbuilt: none
after call: count_params() = 244, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers

SHARED_FC1 = layers.Dense(16, activation="tanh", name="fc1")


def policy_model():
    obs = keras.Input(shape=(10,))
    return keras.Model(obs, layers.Dense(3, name="fc_out")(SHARED_FC1(obs)))


def value_model():
    obs = keras.Input(shape=(10,))
    return keras.Model(obs, layers.Dense(1, name="value_out")(SHARED_FC1(obs)))


def build_model():
    policy = policy_model()
    value = value_model()
    obs = keras.Input(shape=(10,))
    return keras.Model(obs, [policy(obs), value(obs)])
