"""LightCTR's PNN (a Chinese CTR-model collection): the product and deep parts are `tf.keras.Model`
subclasses used as blocks inside a functional model - `InnerProduct` has no weights at all and no
`build()`, and `DNN` fills a `Sequential` in a loop over per-layer lists of initializers and
regularizers in `__init__`.

Model subclasses without `build()` wired into a functional graph, per-layer settings stored on `self`
as lists, and a container filled by `.add()` in a loop all look like places where weights get lost.
Here nothing is lost: `InnerProduct` legitimately owns no state, and the Dense layers live in a
`Sequential` assigned in `__init__`, so they are tracked, built on the first (symbolic) call, counted
in the functional model and trained. (The sibling `CrossNetwork`/`OuterProduct` blocks of the same
file create weights in `call()` - see j_lightctr_crossnetwork_add_weight_in_call; PNN's default
`use_outer_product=False` path does not use them, and this reproduction leaves them out.)

Porting edits: the feature-meta plumbing replaced by three 4-dim field Inputs and their concatenation;
`tf.concat` on symbolic tensors replaced by `keras.layers.Concatenate` (Keras 3 functional graphs);
`from collections import Iterable` -> `collections.abc`; `tensorflow.python.keras.layers` -> `keras.layers`;
hidden units (128, 64, 1) -> (8, 4, 1); the outer-product branch dropped.
"""

SOURCE = "https://github.com/Hirosora/LightCTR/blob/master/models/PNN.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py okj_lightctr_pnn_weightless_model_blocks_and_dnn_sequential.py:
as returned: Functional, count_params() = 169, 6 weights, unbuilt: none
after call: count_params() = 169, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'inner_product': 0, 'dnn': 169}
second call: 0 variables watched that the first call did not use"""

from collections.abc import Iterable

import tensorflow as tf
import keras
from keras import layers


class DNN(keras.Model):
    """
        Deep Neural Network
    """

    def __init__(self,
                 units,
                 use_bias=True,
                 use_bn=False,
                 dropout=0,
                 activations=None,
                 kernel_initializers='glorot_uniform',
                 bias_initializers='zeros',
                 kernel_regularizers=keras.regularizers.l2(1e-5),
                 bias_regularizers=None,
                 **kwargs):

        super(DNN, self).__init__(**kwargs)

        self.units = units
        self.use_bias = use_bias
        self.use_bn = use_bn
        self.dropout = dropout
        self.activations = activations
        self.kernel_initializers = kernel_initializers
        self.bias_initializers = bias_initializers
        self.kernel_regularizers = kernel_regularizers
        self.bias_regularizers = bias_regularizers

        if not isinstance(self.use_bias, Iterable):
            self.use_bias = [self.use_bias] * len(self.units)

        if not isinstance(self.use_bn, Iterable):
            self.use_bn = [self.use_bn] * len(self.units)

        if not isinstance(self.dropout, Iterable):
            self.dropout = [self.dropout] * len(self.units)

        if not isinstance(self.activations, Iterable):
            self.activations = [self.activations] * len(self.units)

        if isinstance(self.kernel_initializers, str) or not isinstance(self.kernel_initializers, Iterable):
            self.kernel_initializers = [self.kernel_initializers] * len(self.units)

        if isinstance(self.bias_initializers, str) or not isinstance(self.bias_initializers, Iterable):
            self.bias_initializers = [self.bias_initializers] * len(self.units)

        if isinstance(self.kernel_regularizers, str) or not isinstance(self.kernel_regularizers, Iterable):
            self.kernel_regularizers = [self.kernel_regularizers] * len(self.units)

        if isinstance(self.bias_regularizers, str) or not isinstance(self.bias_regularizers, Iterable):
            self.bias_regularizers = [self.bias_regularizers] * len(self.units)

        self.mlp = keras.Sequential()
        for i in range(len(self.units)):
            self.mlp.add(layers.Dense(
                units=self.units[i],
                activation=self.activations[i],
                use_bias=self.use_bias[i],
                kernel_initializer=self.kernel_initializers[i],
                bias_initializer=self.bias_initializers[i],
                kernel_regularizer=self.kernel_regularizers[i],
                bias_regularizer=self.bias_regularizers[i]
            ))
            if self.dropout[i] > 0:
                self.mlp.add(layers.Dropout(self.dropout[i]))
            if self.use_bn[i]:
                self.mlp.add(layers.BatchNormalization())

    def call(self, inputs, **kwargs):

        output = self.mlp(inputs)

        return output


class InnerProduct(keras.Model):

    def __init__(self, **kwargs):

        super(InnerProduct, self).__init__(**kwargs)

    def call(self, inputs, **kwargs):

        inner_products_list = list()

        for i in range(len(inputs) - 1):
            for j in range(i + 1, len(inputs)):
                inner_products_list.append(tf.reduce_sum(tf.multiply(inputs[i], inputs[j]), axis=1, keepdims=True))

        inner_product_layer = tf.concat(inner_products_list, axis=1)

        return inner_product_layer


def PNN(dnn_hidden_units=(8, 4, 1), dnn_activations=('relu', 'relu', None), use_inner_product=True):
    fields = [keras.Input((4,), name=f"field_{i}") for i in range(3)]
    raw_embedded_inputs = layers.Concatenate(axis=1)(fields)
    inputs = [raw_embedded_inputs]

    if use_inner_product:
        inner_product_inputs = InnerProduct()(fields)
        inputs.append(inner_product_inputs)

    inputs = layers.Concatenate(axis=1)(inputs)
    output = DNN(units=dnn_hidden_units, activations=dnn_activations)(inputs)

    output = keras.activations.sigmoid(output)

    return keras.Model(inputs=fields, outputs=output)


def build_model():
    return PNN()
