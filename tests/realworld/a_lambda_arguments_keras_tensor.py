"""Siamese base network with `Lambda(mat_mul, arguments={'B': input_T})`: another branch's tensor smuggled in.

The reporter's `create_base_network` computed a transposed feature tensor `input_T` and then
`g = Lambda(mat_mul, arguments={'B': input_T})(input)` with `mat_mul(A, B) = tf.matmul(A, B)`.
Model construction later failed with "AttributeError: 'NoneType' object has no attribute
'update'"; removing that line made the model work. `arguments=` is meant for plain Python
config; a tensor passed there is not an input of the layer, so the functional graph does not
connect it. Ported to Keras 3 (keras.ops).
"""

SOURCE = "https://github.com/keras-team/keras/issues/9753"
CODES = ("LD012",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
wiring succeeds (count_params() == 40); Lambda.arguments holds the KerasTensor input_T; an eager
call model([x, x]) silently returns a KerasTensor (not values) because ops.matmul sees a symbolic
argument; tf.reduce_sum on the output raises ValueError "A KerasTensor cannot be used as input to a
TensorFlow function"; model.predict raises TypeError "... found return value of type KerasTensor";
model.fit raises TypeError "Failed to convert elements of (None,) to Tensor"."""

import keras
from keras import layers, ops


def mat_mul(A, B):
    return ops.matmul(A, B)


def create_base_network(input_shape):
    inp = keras.Input(shape=input_shape)
    h = layers.Dense(8, activation="relu")(inp)
    input_T = layers.Permute((2, 1))(h)
    g = layers.Lambda(mat_mul, arguments={"B": input_T})(h)
    out = layers.Flatten()(g)
    return keras.Model(inp, out)


def build_model():
    base = create_base_network((6, 4))
    a = keras.Input((6, 4))
    b = keras.Input((6, 4))
    dist = layers.Subtract()([base(a), base(b)])
    return keras.Model([a, b], dist)
