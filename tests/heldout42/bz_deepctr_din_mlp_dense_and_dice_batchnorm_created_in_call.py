"""DeepCTR 0.1.x's `MLP` layer (the deep net of DIN, DeepFM, NFM...) creates every `Dense`, `BatchNormalization`,
`Activation`, `Dropout` and activation-layer instance inside `call()`, and the `Dice` activation it is given for DIN
creates its own `BatchNormalization` inside `call()` too (LD002). On Keras 3 each forward pass rebuilds the whole deep
net with fresh weights: the model owns none of them (not even Dice's `alphas`), the hidden Dense kernels are never
trained (they come back as the same seeded initial values every call), and `fit` refuses the variables made in
`call()`.

From shenweichen/DeepCTR (a widely used Keras CTR library) at d15a956 (2018-11-26, release 0.1.x), `deepctr/layers.py`
(`MLP`) and `deepctr/activations.py` (`Dice`, "The Data Adaptive Activation Function in DIN"). `MLP.build()` only
calls `super().build()`; `MLP.call()` loops over `hidden_size` making `Dense(..., kernel_initializer=
glorot_normal(seed=self.seed), kernel_regularizer=l2(self.l2_reg))(deep_input)`, optional `BatchNormalization()`, and
`self.activation()(fc)` when the activation is a Layer class. `models/din.py` builds DIN's deep net as
`MLP(hidden_size=[200, 80], activation=Dice, l2_reg_deep, keep_prob, use_bn, seed)(deep_input_emb)` followed by
`Dense(1, 'sigmoid')`. `Dice.build()` makes its `alphas` weight correctly, but `Dice.call()` normalises with
`BatchNormalization(axis=self.axis, epsilon=self.epsilon, center=False, scale=False)(inputs)`. (In the TF 1 graph era
this ran once while the functional model was wired and the variables landed in the global trainable collection.)
The library later moved Dice's BatchNormalization into `build()` (see bz_deepctr_dice_batchnorm_made_in_build...) and rewrote MLP.

Porting edits: `tensorflow.python.keras.*` imports -> `tensorflow.keras.*`; only `MLP` and `Dice` are kept from the two
modules. build_model() is DIN's deep part with its defaults (`hidden_size=[200, 80]`, `activation=Dice`,
`l2_reg_deep=5e-5`, `keep_prob=1`, `use_bn=False`, `seed=1024`, final `Dense(1, 'sigmoid')`) on a 40-wide
concatenated input standing for `Concatenate()([deep_input_emb, hist])` (the embedding and attention-pooling part of
`din.py` is left out).
"""

SOURCE = "https://github.com/shenweichen/DeepCTR/blob/d15a9563c531f0cd7ea58ddc0198dd5786f90402/deepctr/layers.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/bz/bz_deepctr_din_mlp_dense_and_dice_batchnorm_created_in_call.py:
as returned: Functional, count_params() = 81, 2 weights, unbuilt: none
after call: count_params() = 81, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 6 variables the model does not track: ['functional/mlp/dense_1/kernel:0', 'functional/mlp/dense_1/bias:0', 'functional/mlp/dice/dicedice_alpha:0', 'functional/mlp/dense_2/kernel:0', 'functional/mlp/dense_2/bias:0', 'functional/mlp/dice_1/dice_1dice_alpha:0']
params of the case's own layers: {'mlp': 0}
second call: 6 variables watched that the first call did not use
probe_din.py: model.weights holds only the final Dense(1) ('dense/kernel', 'dense/bias'); the MLP (two hidden
Dense layers, two Dice layers with their alphas and BatchNormalizations) is rebuilt on every call; two calls on the
same batch give the same output (max abs diff 0.0000) only because every new Dense is initialised with
glorot_normal(seed=1024) and every Dice alpha with zeros, so nothing about them is ever learned;
model.compile('adam', 'binary_crossentropy').fit(...) raises ValueError 'Exception encountered when calling
MLP.call(). tf.function only supports singleton tf.Variables created on the first call.'"""

from tensorflow.keras.layers import Layer, Dense, Activation, Dropout, BatchNormalization
from tensorflow.keras.regularizers import l2
from tensorflow.keras.initializers import Zeros, glorot_normal
import tensorflow as tf


class Dice(Layer):
    """The Data Adaptive Activation Function in DIN,which can be viewed as a generalization of PReLu and can adaptively adjust the rectified point according to distribution of input data.
    """

    def __init__(self, axis=-1, epsilon=1e-9, **kwargs):
        self.axis = axis
        self.epsilon = epsilon
        super(Dice, self).__init__(**kwargs)


    def build(self, input_shape):
        self.alphas = self.add_weight(shape=(input_shape[-1],), initializer=Zeros(
        ), dtype=tf.float32, name=self.name+'dice_alpha')  # name='alpha_'+self.name
        super(Dice, self).build(input_shape)  # Be sure to call this somewhere!

    def call(self, inputs, **kwargs):

        inputs_normed = BatchNormalization(
            axis=self.axis, epsilon=self.epsilon, center=False, scale=False)(inputs)
        x_p = tf.sigmoid(inputs_normed)
        return self.alphas * (1.0 - x_p) * inputs + x_p * inputs
    def get_config(self,):

        config = {'axis': self.axis,'epsilon':self.epsilon}
        base_config = super(Dice, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class MLP(Layer):
    """The Multi Layer Percetron
    """

    def __init__(self,  hidden_size, activation,l2_reg, keep_prob, use_bn,seed,**kwargs):
        self.hidden_size = hidden_size
        self.activation =activation
        self.keep_prob = keep_prob
        self.seed = seed
        self.l2_reg = l2_reg
        self.use_bn = use_bn
        super(MLP, self).__init__(**kwargs)

    def build(self, input_shape):

        super(MLP, self).build(input_shape)  # Be sure to call this somewhere!

    def call(self, inputs,**kwargs):
        deep_input = inputs
        deep_input = Dropout(1 - self.keep_prob)(deep_input)

        for l in range(len(self.hidden_size)):
            fc = Dense(self.hidden_size[l], activation=None, \
                       kernel_initializer=glorot_normal(seed=self.seed), \
                       kernel_regularizer=l2(self.l2_reg))(deep_input)
            if self.use_bn:
                fc = BatchNormalization()(fc)

            if isinstance(self.activation,str):
                fc = Activation(self.activation)(fc)
            elif issubclass(self.activation,Layer):
                fc = self.activation()(fc)
            else:
                raise ValueError("Invalid activation of MLP,found %s.You should use a str or a Activation Layer Class."%(self.activation))
            fc = Dropout(1 - self.keep_prob)(fc)

            deep_input = fc

        return deep_input
    def compute_output_shape(self, input_shape):
        if len(self.hidden_size) > 0:
            shape = input_shape[:-1] + (self.hidden_size[-1],)
        else:
            shape = input_shape

        return tuple(shape)

    def get_config(self,):
        config = {'activation': self.activation,'hidden_size':self.hidden_size, 'l2_reg':self.l2_reg,'use_bn':self.use_bn, 'keep_prob':self.keep_prob,'seed': self.seed}
        base_config = super(MLP, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model(hidden_size=[200, 80], activation=Dice, l2_reg_deep=5e-5, keep_prob=1, use_bn=False,
                seed=1024, final_activation='sigmoid'):
    deep_input_emb = tf.keras.Input(shape=(40,), name='deep_input_emb')
    output = MLP(hidden_size, activation, l2_reg_deep,
                 keep_prob, use_bn, seed)(deep_input_emb)
    output = Dense(1, final_activation)(output)
    output = tf.keras.layers.Reshape([1])(output)
    return tf.keras.Model(inputs=deep_input_emb, outputs=output)
