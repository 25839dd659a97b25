"""One `Dense` imported from `keras` is wired into two functional models whose `Input`s come from `tensorflow.keras`.

The report (TF 2.5) mixed `from tensorflow import keras` with `from keras.layers import Input,
Dense`: two distinct Keras packages, so the model built on the `tf.keras` input listed no
trainable variables. With TF 2.16+ `tensorflow.keras` is Keras 3 itself, so both import paths
give the same classes; the shared `Dense` is tracked (and counted once) in both models.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/50249"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py okc_mixed_tf_keras_and_keras_imports_share_dense.py:
as returned: Functional, count_params() = 12, 2 weights, unbuilt: none
after call: count_params() = 12, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

from keras.layers import Dense, Input
from tensorflow import keras


def build_model():
    input1 = keras.layers.Input(shape=(2, 2))
    input2 = Input(shape=(2, 2))
    linear_layer = Dense(4)
    model1 = keras.Model(input1, linear_layer(input1))
    keras.Model(input2, linear_layer(input2))
    return model1
