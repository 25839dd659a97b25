"""TensorFlow in Action, chapter 3 (listing 3.3): a custom Dense with a multiplicative bias that builds a
new `layers.Activation` inside every `call()`.

`MulBiasDense` creates `w`, `b` and `b_mul` with `add_weight` in `build()` and returns
`layers.Activation(self.activation)(out)` from `call()`, i.e. it instantiates a Keras layer on each
forward pass.  Two of these are stacked in a functional model (listing 3.4) in front of a softmax Dense
and trained with `fit`.  "A layer created in call()" is the textbook LD002 pattern, but an
`Activation` layer owns no variables: nothing is lost or re-created, all eight trainable weights are
counted (787 params), get gradients, and are updated by `fit` on Keras 3 (checked with a 2-epoch fit).
"""

SOURCE = ("https://github.com/thushv89/manning_tf2_in_action/blob/"
          "0e8080fe7eaae90f3afe73bde3822b2a68dc90f5/Ch03-Keras-and-Data-Retrieval/3.1.Keras_APIs.ipynb")
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout13/_measure.py oko_tf2_in_action_mulbias_dense_activation_made_in_call.py:
as returned: Functional, count_params() = 787, 8 weights, unbuilt: none
after call: count_params() = 787, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'mul_bias_dense': 192, 'mul_bias_dense_1': 544}
second call: 0 variables watched that the first call did not use
Own script: model.fit(x, y, epochs=2) on random data runs; all 8 trainable weights change."""

import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.layers import Input, Dense
from tensorflow.keras.models import Model


class MulBiasDense(layers.Layer):
    """ The layer with the new multiplicative bias we want to test """

    def __init__(self, units=32, activation=None):
        """ Defines various hyperparameters of the layer"""

        super(MulBiasDense, self).__init__()
        self.units = units
        self.activation = activation

    def build(self, input_shape):
        """ Defines the parameters (weights and biases)"""

        self.w = self.add_weight(shape=(input_shape[-1], self.units),
                                 initializer='glorot_uniform',
                                 trainable=True)
        self.b = self.add_weight(shape=(self.units,),
                                 initializer='glorot_uniform',
                                 trainable=True)
        self.b_mul = self.add_weight(shape=(self.units,),
                                     initializer='glorot_uniform',
                                     trainable=True)

    def call(self, inputs):
        """ Defines the computations that happen in the layer"""

        out = (tf.matmul(inputs, self.w) + self.b) * self.b_mul
        return layers.Activation(self.activation)(out)


def build_model():
    # The input layer
    inp = Input(shape=(4,))

    # Using the newly defined MulBiasDense layer to create two layers
    out = MulBiasDense(units=32, activation='relu')(inp)
    out = MulBiasDense(units=16, activation='relu')(out)

    # The softmax layer
    out = Dense(3, activation='softmax')(out)

    model = Model(inputs=inp, outputs=out)
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['acc'])
    return model
