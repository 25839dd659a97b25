"""Correct: frugally-deep's "full" test model reuses one Conv2D, one UpSampling2D and one Activation on several inputs, and calls two small models as layers.

frugally-deep (a C++ header-only Keras inference library) generates its test models with Keras
code that deliberately exercises shared nodes: `shared_conv` (a named 1x1 Conv2D) is applied to
two different inputs after one shared `UpSampling2D`, a `shared_activation` is applied to an
input and to a hidden tensor of another shape, and an `intermediate_model` (functional) and an
`intermediate_model_2` (Sequential, compiled on its own) are called as layers in the middle of
the graph. Every pattern a linter may flag as double use: on Keras 3 the shared convolution is
built once (both inputs have the same channels), its two weights are counted once and get a
gradient through both branches, and both sub-models' weights belong to the outer model.
"""

SOURCE = "https://github.com/Dobiasd/frugally-deep/blob/master/keras_export/generate_test_models.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oka_frugally_deep_full_test_model_shared_conv_and_submodels.py:
as returned: Functional, count_params() = 694, 23 weights, unbuilt: none
after call: count_params() = 694, 23 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 23 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(stderr during the call: Keras 3 warns that the structure of `inputs` does not match for intermediate_model, built with inputs=[intermediate_in] and called on one tensor; harmless)"""

from keras.layers import (ELU, Activation, AveragePooling2D, Concatenate, Conv2D, Dense, Dropout,
                          Flatten, Input, LeakyReLU, MaxPooling2D, PReLU, UpSampling2D)
from keras.models import Model, Sequential


def get_test_model_full():
    input_shapes = [(6, 6, 3), (4, 4, 2), (4, 4, 2), (5,), (2, 3)]
    inputs = [Input(shape=s) for s in input_shapes]

    outputs = []
    outputs.append(Conv2D(2, (3, 3), use_bias=True)(inputs[0]))
    outputs.append(Dense(2, use_bias=False)(inputs[3]))

    shared_conv = Conv2D(1, (1, 1), padding='valid', name='shared_conv', activation='relu')

    up_scale_2 = UpSampling2D((2, 2))
    x1 = shared_conv(up_scale_2(inputs[1]))  # (8, 8, 1)
    x1 = LeakyReLU()(x1)
    x2 = shared_conv(up_scale_2(inputs[2]))  # (8, 8, 1)
    x2 = ELU()(x2)
    x3 = Conv2D(1, (1, 1), padding='valid')(up_scale_2(inputs[2]))  # (8, 8, 1)
    x = Concatenate()([x1, x2, x3])  # (8, 8, 3)
    outputs.append(x)

    x = Conv2D(3, (1, 1), padding='same', use_bias=False)(x)  # (8, 8, 3)
    outputs.append(x)
    x = Dropout(0.5)(x)
    x = Concatenate()([MaxPooling2D((2, 2))(x), AveragePooling2D((2, 2))(x)])  # (4, 4, 6)
    outputs.append(x)

    x = Flatten()(x)  # (96,)
    x = Dense(4, use_bias=False)(x)
    outputs.append(x)
    x = Dense(3)(x)
    outputs.append(x)

    intermediate_in = Input((3,))
    intermediate_x = Dense(8)(intermediate_in)
    intermediate_x = Dense(5)(intermediate_x)
    intermediate_model = Model(inputs=[intermediate_in], outputs=[intermediate_x],
                               name='intermediate_model')
    intermediate_model.compile(loss='mse', optimizer='nadam')

    x = intermediate_model(x)  # (5,)

    intermediate_model_2 = Sequential()
    intermediate_model_2.add(Input((5,)))
    intermediate_model_2.add(Dense(7))
    intermediate_model_2.add(Dense(5))
    intermediate_model_2.compile(optimizer='rmsprop', loss='categorical_crossentropy')

    x = intermediate_model_2(x)  # (5,)
    x = Dense(3)(x)

    shared_activation = Activation('tanh')

    outputs = outputs + [
        Activation('tanh')(inputs[3]),
        PReLU()(inputs[2]),
        PReLU()(inputs[3]),
        shared_activation(inputs[3]),
        Activation('linear')(inputs[4]),
        x,
        shared_activation(x),
    ]

    model = Model(inputs=inputs, outputs=outputs, name='test_model_full')
    model.compile(loss='mse', optimizer='nadam')
    return model


def build_model():
    return get_test_model_full()
