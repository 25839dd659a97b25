"""ParikhKadam's Highway-Layer-Keras builds its two gate/transform `Dense` sublayers in `build()` and then registers them by hand with `self.trainable_weights = self.dense_1.trainable_weights + self.dense_2.trainable_weights`: on Keras 3 `trainable_weights` is a read-only property and building the layer raises.

From ParikhKadam/Highway-Layer-Keras, `highway_layer.py` (612e098, 2019, `import keras`, Keras 2.2 era), a small
single-file repository that other projects copy (one copy, with the assignment changed to `_trainable_weights`, is in
dsr-lab/QACNNnet, already used by another collection; this is the original, with the public-attribute assignment).
`build()` makes `dense_1` (transform gate, bias initialised to `transform_gate_bias`) and `dense_2` (transform), builds
both, and assigns the concatenated weight lists to `self.trainable_weights`, the Keras 1/2.0 way of declaring weights.
`call()` mixes them as a highway: T * H(x) + (1 - T) * x.

Porting edits: `from keras.engine.topology import Layer` -> `from keras.layers import Layer` and `K.int_shape` taken
from `tensorflow.keras.backend` (Keras 3 moved/removed both). The layer is otherwise as written, including the
weightless `Activation`/`Lambda`/`Multiply`/`Add` layers it creates inside `call()`. build_model() wires it the way the
README shows (a Highway after a Dense on a 16-wide input, then a Dense head); building the model raises.

Doubt kept as decided: the catalog's LD006 says mutating the private lists *or assigning trainable_weights*; this is
the assignment form. On Keras 3 the sublayers would be tracked anyway (they are attributes), so deleting the line is
the fix.
"""

SOURCE = "https://github.com/ParikhKadam/Highway-Layer-Keras/blob/612e09877fa7c1b2acdab1b4370476f41bc0e597/highway_layer.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/by/by_highwaylayerkeras_highway_assigns_trainable_weights_in_build_attributeerror.py:
build_model() raised AttributeError: property 'trainable_weights' of 'Highway' object has no setter
(probe_sciann.py, which prints the full exception, shows the same one-line message; it is raised from the
assignment in Highway.build() while the functional model is being wired, so no model is returned.)"""

import keras
from keras.initializers import Constant
from keras.layers import Activation, Add, Dense, Lambda, Layer, Multiply
from tensorflow.keras import backend as K


class Highway(Layer):

    activation = None
    transform_gate_bias = None

    def __init__(self, activation='relu', transform_gate_bias=-1, **kwargs):
        self.activation = activation
        self.transform_gate_bias = transform_gate_bias
        super(Highway, self).__init__(**kwargs)

    def build(self, input_shape):
        # Create a trainable weight variable for this layer.
        dim = input_shape[-1]
        transform_gate_bias_initializer = Constant(self.transform_gate_bias)
        input_shape_dense_1 = input_shape[-1]
        self.dense_1 = Dense(units=dim, bias_initializer=transform_gate_bias_initializer)
        self.dense_1.build(input_shape)
        self.dense_2 = Dense(units=dim)
        self.dense_2.build(input_shape)
        self.trainable_weights = self.dense_1.trainable_weights + self.dense_2.trainable_weights

        super(Highway, self).build(input_shape)  # Be sure to call this at the end

    def call(self, x):
        dim = K.int_shape(x)[-1]
        transform_gate = self.dense_1(x)
        transform_gate = Activation("sigmoid")(transform_gate)
        carry_gate = Lambda(lambda x: 1.0 - x, output_shape=(dim,))(transform_gate)
        transformed_data = self.dense_2(x)
        transformed_data = Activation(self.activation)(transformed_data)
        transformed_gated = Multiply()([transform_gate, transformed_data])
        identity_gated = Multiply()([carry_gate, x])
        value = Add()([transformed_gated, identity_gated])
        return value

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config['activation'] = self.activation
        config['transform_gate_bias'] = self.transform_gate_bias
        return config


def build_model():
    inputs = keras.Input(shape=(16,))
    x = Dense(16, activation="relu")(inputs)
    x = Highway(activation="relu", transform_gate_bias=-2)(x)
    outputs = Dense(1)(x)
    return keras.Model(inputs, outputs)
