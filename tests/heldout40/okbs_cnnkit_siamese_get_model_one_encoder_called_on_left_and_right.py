"""cnn-kit's siamese `get_model` calls one passed-in encoder model on the left and the right input: intended
weight sharing (a siamese twin), counted once and trained through both branches (correct; LD007 info at most).

From hachreak/cnn-kit, `cnn_kit/models/siamese.py` (after akshaysharma096's Siamese-Networks): `get_model(input_shape,
model, output_shape, fun=None)` makes two `Input(input_shape)`, computes `encoded_l = model(left_input)` and
`encoded_r = model(right_input)` with the SAME model instance, merges them with `Lambda(fun)` (default
`_lambda.abs_diff`, `K.abs(tensors[0] - tensors[1])`) and puts a sigmoid `Dense(output_shape)` on top. Both
branches see inputs of the same shape, so the shared encoder fits both calls: the weights are shared on purpose.

Porting edits: `keras.backend.abs` no longer exists in Keras 3, so `abs_diff` uses `keras.ops.abs` (same maths).
The encoder is a small stand-in (cnn-kit passes whatever backbone its CLI builds): a Sequential of Conv2D /
MaxPooling2D / Flatten / Dense on 28x28x1 images. build_model() calls get_model((28, 28, 1), encoder, 1).
"""

SOURCE = "https://github.com/hachreak/cnn-kit/blob/ee54ff1ca222450b15680ceea40a01edf8793af9/cnn_kit/models/siamese.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bs/okbs_cnnkit_siamese_get_model_one_encoder_called_on_left_and_right.py:
as returned: Functional, count_params() = 21745, 6 weights, unbuilt: none
after call: count_params() = 21745, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(21745 = encoder conv 80 + dense 21648 counted once + head 17; no warning or exception printed.)"""

import keras
from keras import ops
from keras.layers import Input, Lambda, Dense
from keras.models import Model


def abs_diff(tensors):
    """Make abs(A - B)."""
    return ops.abs(tensors[0] - tensors[1])


def get_model(input_shape, model, output_shape, fun=None):
    """Get the model."""
    fun = fun or abs_diff

    left_input = Input(input_shape)
    right_input = Input(input_shape)

    encoded_l = model(left_input)
    encoded_r = model(right_input)

    L1_layer = Lambda(fun)
    L1_distance = L1_layer([encoded_l, encoded_r])

    prediction = Dense(output_shape, activation='sigmoid')(L1_distance)

    return Model(inputs=[left_input, right_input], outputs=prediction)


def build_model():
    encoder = keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(8, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(16, activation="sigmoid"),
    ], name="encoder")
    return get_model((28, 28, 1), encoder, 1)
