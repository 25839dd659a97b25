"""A Sequential branch with a regularised Dense shared Siamese-style by two inputs.

The report found the shared Dense's regularisation loss counted once per use (a separate question);
the sharing itself is intended: one set of weights, counted once, trained through both branches.
"""

SOURCE = "https://github.com/keras-team/keras/issues/8807"
CODES = ()
CORRECT = True
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py ok_siamese_shared_sequential_regularized.py:
as returned: Functional, count_params() = 3, 2 weights, unbuilt: none
after call: count_params() = 3, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, regularizers


def build_model():
    branch = keras.Sequential([
        keras.Input((1,)),
        layers.Dense(1, use_bias=False, kernel_initializer="ones",
                     kernel_regularizer=regularizers.l1_l2(l1=1.0, l2=0.0)),
    ])
    input_a = keras.Input((1,))
    input_b = keras.Input((1,))
    merged = layers.concatenate([branch(input_a), branch(input_b)])
    out = layers.Dense(1, kernel_initializer="ones", use_bias=False)(merged)
    model = keras.Model([input_a, input_b], out)
    model.compile(optimizer="sgd", loss="mse")
    return model
