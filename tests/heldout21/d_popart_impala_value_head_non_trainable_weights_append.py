"""An IMPALA agent's PopArt value head: the layer makes its running return statistics `mu` and `nu` as
`tf.Variable`s in `build()` and registers them by appending to the private `_non_trainable_weights`.

From ysr-plus-ultra/keras_popart_impala (`custom_layers/popart_layer.py`, used as
`PopArt(1, name="popart_value_head")` next to the softmax policy head in `Model.py`). The learner later
reads and assigns `mu`/`nu` to rescale value targets (PopArt). Keras 2 kept a plain list there; on
Keras 3 the private attribute does not exist, so building the value head fails while the functional
agent model is wired (and the two `tf.Variable`s would not be tracked either).

Porting edits: standalone Keras 2 imports (`from keras.layers import *`, `keras.backend as K`,
`interfaces.legacy_dense_support`) -> `keras` / `keras.ops` (`K.dot` -> `ops.matmul`, `K.bias_add`
-> `+ self.bias`, `tf.rsqrt` -> `tf.math.rsqrt`); `setting.json` replaced by constants: a 16x16x2
state, 3 actions, widths 4/4/8 instead of 16/32/256.
"""

SOURCE = "https://github.com/ysr-plus-ultra/keras_popart_impala/blob/9473a04a2d622ac8ac5449bcbd4f25b29383ae7e/custom_layers/popart_layer.py"
CODES = ("LD006", "LD003")
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout21/_measure.py tests/heldout21/d_popart_impala_value_head_non_trainable_weights_append.py:
build_model() raised AttributeError: 'PopArt' object has no attribute '_non_trainable_weights'
Own script /tmp/mine21a/p3.py on a copy without the two appends (/tmp/mine21a/popart_noappend.py):
the model builds, but popart_value_head.weights == ['popart_value_head/kernel', 'popart_value_head/bias']
and non_trainable_weights == []: the popart_mu / popart_nu tf.Variables are not tracked (hence LD003
as the second code: same root, registering foreign variables by hand)."""

import tensorflow as tf
import keras
from keras import activations, constraints, initializers, ops, regularizers
from keras.layers import Activation, Conv2D, Dense, Flatten, Input, Layer
from keras.models import Model


class PopArt(Layer):
    

    def __init__(self, units,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='lecun_normal',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 sigma_init = 0.017,
                 **kwargs):
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super(PopArt, self).__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.sigma_init = sigma_init


    def build(self, input_shape):
        input_dim = input_shape[-1]

        self.kernel = self.add_weight(shape=(input_dim, self.units),
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)

        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None

        self.mu = tf.Variable(0.0,trainable=False,name='popart_mu')
        self.nu = tf.Variable(1.0,trainable=False,name='popart_nu')
        self.inv_sigma = tf.math.rsqrt(self.nu-tf.square(self.mu))
        self._non_trainable_weights.append(self.mu)
        self._non_trainable_weights.append(self.nu)

        self.built = True

    def call(self, inputs):

        output = ops.matmul(inputs, self.kernel)
        if self.use_bias:
            output = output + self.bias

        return output

    def compute_output_shape(self, input_shape):
        #assert input_shape and len(input_shape) >= 2
        #assert input_shape[-1]
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)


NUM_STATE = (16, 16, 2)
NUM_ACTIONS = 3


def build_model():
        l_input = Input(batch_shape=(None,*NUM_STATE))

        net = Conv2D(4,(8,8),padding='same',strides=4)(l_input)
        net = Activation('relu')(net)

        net = Conv2D(4,(4,4),padding='same',strides=2)(net)
        net = Activation('relu')(net)

        net = Flatten()(net)

        net = Dense(8)(net)
        net = Activation('relu')(net)

        out_actions = Dense(NUM_ACTIONS,name='policy_head')(net)
        out_actions = Activation('softmax')(out_actions)

        out_value = PopArt(1,name="popart_value_head")(net)

        model = Model(inputs=[l_input], outputs=[out_actions, out_value])
        
        return model
