"""The Keras FAQ "How can I freeze Keras layers?" sets `layer.trainable = False` *before* the layer is first called, builds a frozen model, then sets it back to True for a second model sharing the layer: correct on Keras 3, the layer's weights exist and follow the flag.

keras-team/keras#4910 (Keras 1.2): running the FAQ script, neither `frozen_model` nor
`trainable_model` trained and `model.summary()` miscounted; the reporter traced it to setting
`layer.trainable = False` before `y = layer(x)`, which left `layer.weights == []`, and proposed
calling the layer first. On Keras 3 the flag set on an unbuilt layer is kept, the kernel and bias
are created by the first call (as non-trainable), and switching `trainable` back to True makes
them trainable again: the returned `trainable_model` counts both weights and trains them.
"""

SOURCE = "https://github.com/keras-team/keras/issues/4910"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/okq_keras_faq_freeze_layer_before_first_call.py:
as returned: Functional, count_params() = 1056, 2 weights, unbuilt: none
after call: count_params() = 1056, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

from keras.layers import Dense, Input
from keras.models import Model


def build_model():
    frozen_layer = Dense(32, trainable=False)  # the FAQ's first spelling, unused afterwards

    x = Input(shape=(32,))
    layer = Dense(32)
    layer.trainable = False
    y = layer(x)

    frozen_model = Model(x, y)
    # in the model below, the weights of `layer` will not be updated during training
    frozen_model.compile(optimizer="rmsprop", loss="mse")

    layer.trainable = True
    trainable_model = Model(x, y)
    # with this model the weights of the layer will be updated during training
    # (which will also affect the above model since it uses the same layer instance)
    trainable_model.compile(optimizer="rmsprop", loss="mse")
    return trainable_model
