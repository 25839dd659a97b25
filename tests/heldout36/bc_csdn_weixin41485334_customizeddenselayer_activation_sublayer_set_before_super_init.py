"""A TF 2.0 course's CustomizedDenseLayer sets `self.units` and a sublayer, `self.activation =
keras.layers.Activation(activation)`, before calling `super().__init__(**kwargs)`.

From a CSDN blog post ("tensorflow2.0-自定义层") that writes up a widely taught TF 2.0 course lesson (the same
class appears in tensorflow/tensorflow issue #34271 from another learner of that course). `__init__` assigns the
number of units and an `Activation` sublayer first and only then calls the base constructor; build() makes the
kernel and bias with `add_weight` and calls `super().build()`; call() applies the stored Activation layer to
`x @ kernel + bias`. Assigning a sublayer before `super().__init__()` is LD013 ("called after the layer set
state or settings ... sublayers"): the catalog records that on the torch backend (and for tf.keras 2 Models)
this assignment raises, while settings set early can be silently reset. Doubt kept as decided: on the
TensorFlow backend measured here Keras 3.15.1 accepts it, the Activation is tracked in `_layers`, the layer builds
and its two weights train; the label follows the catalog's meaning, not a TF-backend failure (torch is not
installed here, so the torch failure was not measured).

Porting edits: none to the class (the post writes `keras` for `tf.keras`; `keras` here is Keras 3).
`build_model()` wires it as the course does for the California-housing regression (8 features): a Sequential of
`CustomizedDenseLayer(30, activation='relu')` and `CustomizedDenseLayer(1)`, with a `keras.Input((8,))` first
instead of `input_shape=` on the custom layer.
"""

SOURCE = "https://blog.csdn.net/weixin_41485334/article/details/104379884"
CODES = ("LD013",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine36/bc/bc_csdn_weixin41485334_customizeddenselayer_activation_sublayer_set_before_super_init.py:
as returned: Sequential, count_params() = 301, 4 weights, unbuilt: none
after call: count_params() = 301, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'customized_dense_layer': 270, 'customized_dense_layer_1': 31}
second call: 0 variables watched that the first call did not use
probe (probe_bc.py): CustomizedDenseLayer(30, activation='relu') constructs without error on the TF backend; its
_layers == ['Activation']; one fit() epoch changes all 4 weights. (Torch backend not installed: the catalog's
'assigning a sublayer first raises' on torch was not measured.)"""

import tensorflow as tf
import keras


class CustomizedDenseLayer(keras.layers.Layer):
    '''
    继承的时候必须有三个方法,__init__,build,call
    '''
    # 构造函数需要,继承父类的初始属性,这时候需要用到
    # super(CustomizedDenseLayer, self).__init__(**kwargs)
    def __init__(self, units, activation=None, **kwargs):
        self.units = units
        self.activation = keras.layers.Activation(activation)
        #
        super(CustomizedDenseLayer, self).__init__(**kwargs)

    def build(self, input_shape):
        # 调用父类的方法,add_weight,添加weight
        self.kernel = self.add_weight(name='kernel',
                                      shape=(input_shape[1], self.units),
                                      initializer = 'uniform',
                                      trainable = True)
        self.bias = self.add_weight(name='bias',shape=(self.units,),
                                    initializer = 'zeros',
                                    trainable = True)
        super(CustomizedDenseLayer,self).build(input_shape)

    def call(self, x):
        return self.activation(x @ self.kernel + self.bias)


def build_model():
    return keras.models.Sequential([
        keras.Input((8,)),
        CustomizedDenseLayer(30, activation='relu'),
        CustomizedDenseLayer(1),
    ])
