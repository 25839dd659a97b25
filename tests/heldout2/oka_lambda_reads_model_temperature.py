"""Correct: a `Lambda` divides logits by `model.temperature`, a plain Python number set on the Sequential model.

In the report, referencing `self.temperature` inside a Lambda led to a recursion error when saving
under tf.keras 2; a workaround in the thread sets `model.temperature = 10` on a Sequential and
adds `Lambda(lambda x: x / model.temperature)`. The captured value is a float, not state to train.
"""

SOURCE = "https://github.com/keras-team/keras/issues/12081"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_lambda_reads_model_temperature.py:
as returned: Sequential, count_params() = 2, 2 weights, unbuilt: none
after call: count_params() = 2, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras


def build_model():
    model = keras.Sequential()
    model.add(keras.Input((1,)))
    model.add(keras.layers.Dense(1))
    model.temperature = 10
    model.add(keras.layers.Lambda(lambda x: x / model.temperature))
    return model
