"""A layer adds a constant vector it stores as a non-trainable `add_weight` made in `build()`.

The report (Keras 3 export to a TF SavedModel) uses `Plus1Layer`, whose `build()` makes a
`constant_one` weight with `initializer="ones", trainable=False` and whose `call()` adds it. The
export problem aside, a fixed constant kept as a non-trainable weight is tracked, saved and
deliberately not trained.
"""

SOURCE = "https://github.com/keras-team/keras/issues/19274"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py okc_plus_one_constant_as_nontrainable_weight.py:
as returned: Functional, count_params() = 20, 1 weights, unbuilt: none
after call: count_params() = 20, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'plus1_layer': 20}
second call: 0 variables watched that the first call did not use"""

import keras
import numpy as np


class Plus1Layer(keras.layers.Layer):
    def build(self, input_shape):
        self.constant = self.add_weight(shape=(input_shape[-1],), initializer="ones", trainable=False,
                                        name="constant_one")

    def call(self, inputs):
        return inputs + self.constant


def build_model():
    inputs = {"digits": keras.Input(shape=(20,), name="digits", batch_size=1)}
    outputs = Plus1Layer()(inputs["digits"])
    model = keras.Model(inputs, {"logits": outputs})
    return model, {"digits": np.full((1, 20), 5.0, dtype="float32")}
