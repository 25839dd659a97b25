"""A functional model nested inside another, with the middle Dense frozen through the constructor
flag (`Dense(5, trainable=frozen)`), saved with `save_weights` and reloaded into the same architecture
built with the other flag value.

From keras-team/keras issue #6607 ("Setting trainable to false change the order in which the layers
of a sub-model are serialized"): on Keras 2 the frozen layer's weights moved to the end of the weight
list, so `load_weights` into the unfrozen twin failed with a shape mismatch. On Keras 3 the flag only
moves the Dense's kernel/bias to `non_trainable_weights` of the model; saving and loading go by
layer, not by the trainable/non-trainable order, and the frozen Dense receives no update while the
other two train.

Porting edits: `.h5` weights file -> `.weights.h5` (Keras 3's weights format), written in a temporary
folder by the probe script, not by this module; 100 input features kept, `build_model()` returns the
author's `create_model(frozen=False)` (the middle layer frozen).
"""

SOURCE = "https://github.com/keras-team/keras/issues/6607"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/oke_keras6607_frozen_dense_in_nested_model_weights_reload.py:
as returned: Functional, count_params() = 2185, 6 weights, unbuilt: none
after call: count_params() = 2185, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 2 variables the model does not track: ['dense_1/kernel:0', 'dense_1/bias:0']
second call: 0 variables watched that the first call did not use
(the 2 'untracked' variables are the frozen Dense's kernel/bias: non-trainable, tracked in model.non_trainable_weights). Own script /tmp/mine21b/p6607.py (save_weights of create_model(True), load_weights into create_model(False), fit 2 epochs): load_weights into the frozen twin: ok, weights equal: True; after fit: frozen Dense kernel changed False ; first Dense kernel changed True"""

from keras.models import Model
from keras.layers import Dense, Input


def create_model(frozen=True):
    x = Input(shape=(100,))
    y = Dense(20)(x)
    y = Dense(5, trainable=frozen)(y)
    y = Dense(10)(y)
    model1 = Model(x, y)

    X = Input(shape=(100,))
    Y = model1(X)
    model2 = Model(X, Y)

    return model2


def build_model():
    return create_model(False)
