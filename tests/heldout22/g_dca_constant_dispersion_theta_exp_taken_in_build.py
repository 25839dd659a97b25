"""DCA's negative-binomial count autoencoder with one learned dispersion per gene: a "fake" identity
layer (`ConstantDispersionLayer`) creates the dispersion weight `theta` with `add_weight` in `build()`
and, in the same `build()`, stores `self.theta_exp = tf.clip_by_value(K.exp(self.theta), ...)`; the
network builder then hands `disp.theta_exp` to the NB loss.

From theislab/dca (`dca/layers.py` and `NBConstantDispAutoencoder.build_output()` in
`dca/network.py`, the deep count autoencoder for single-cell RNA-seq). `theta_exp` is evaluated once,
eagerly, when the layer is built: it is a constant tensor, so the loss never reaches the `theta`
variable. `theta` is counted as a trainable weight but gets no gradient from the NB loss (nor from the
model output, since `call()` is the identity): the per-gene dispersion stays at its initial value
exp(0) = 1 however long the model trains.

Porting edits: `tensorflow.keras` / `keras` 2 imports -> `keras` (the ops stay `tf.*`,
`K.exp` -> `tf.exp`); the `Autoencoder` base class trimmed to the parts `build()` and
`NBConstantDispAutoencoder.build_output()` use (no dropout, l1/l2 coefficients 0, no scanpy I/O,
no `extra_models`); `ColWiseMultLayer` written as a small layer (`mean * size_factor`); the `NB` loss
copied from `dca/loss.py` without its masking/debug branches; sizes: 6 genes, hidden (4, 2, 4).
"""

SOURCE = "https://github.com/theislab/dca/blob/67290913744a336163d203f2e26c662c386580b8/dca/layers.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout22/_measure.py tests/heldout22/g_dca_constant_dispersion_theta_exp_taken_in_build.py:
as returned: Functional, count_params() = 116, 18 weights, unbuilt: none
after call: count_params() = 116, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 12 trainable weights: ['dispersion/theta']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'dispersion': 6, 'output': 0}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine22b/p5.py): gradient of the model's NB loss (built on disp.theta_exp) w.r.t. dispersion/theta is None; the same loss recomputed from exp(theta) gives a gradient; compile('sgd', nb.loss) + 3 epochs of fit leave theta unchanged, with Keras' UserWarning "Gradients do not exist for variables ['dispersion/theta']"."""

import numpy as np
import tensorflow as tf
import keras
from keras.layers import Layer, Input, Dense, Activation, BatchNormalization
from keras.models import Model
from keras.regularizers import l1_l2


class ConstantDispersionLayer(Layer):
    '''
        An identity layer which allows us to inject extra parameters
        such as dispersion to Keras models
    '''
    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        self.theta = self.add_weight(shape=(1, input_shape[1]),
                                     initializer='zeros',
                                     trainable=True,
                                     name='theta')
        self.theta_exp = tf.clip_by_value(tf.exp(self.theta), 1e-3, 1e4)
        super().build(input_shape)

    def call(self, x):
        return tf.identity(x)

    def compute_output_shape(self, input_shape):
        return input_shape


class ColWiseMultLayer(Layer):
    def call(self, l):
        return l[0] * tf.reshape(l[1], (-1, 1))


class NB(object):
    def __init__(self, theta=None, scale_factor=1.0):
        self.theta = theta
        self.scale_factor = scale_factor

    def loss(self, y_true, y_pred, mean=True):
        scale_factor = self.scale_factor
        eps = 1e-10
        y_true = tf.cast(y_true, tf.float32)
        y_pred = tf.cast(y_pred, tf.float32) * scale_factor
        theta = tf.minimum(self.theta, 1e6)
        t1 = tf.math.lgamma(theta + eps) + tf.math.lgamma(y_true + 1.0) - tf.math.lgamma(y_true + theta + eps)
        t2 = (theta + y_true) * tf.math.log(1.0 + (y_pred / (theta + eps))) + (y_true * (tf.math.log(theta + eps) - tf.math.log(y_pred + eps)))
        final = t1 + t2
        return tf.reduce_mean(final) if mean else final


MeanAct = lambda x: tf.clip_by_value(tf.exp(x), 1e-5, 1e6)


class Autoencoder():
    def __init__(self, input_size, output_size=None, hidden_size=(64, 32, 64),
                 l2_coef=0., l1_coef=0., batchnorm=True, activation='relu',
                 init='glorot_uniform'):
        self.input_size = input_size
        self.output_size = output_size
        self.hidden_size = hidden_size
        self.l2_coef = l2_coef
        self.l1_coef = l1_coef
        self.batchnorm = batchnorm
        self.activation = activation
        self.init = init
        self.loss = None
        self.model = None
        self.input_layer = None
        self.sf_layer = None
        if self.output_size is None:
            self.output_size = input_size

    def build(self):
        self.input_layer = Input(shape=(self.input_size,), name='count')
        self.sf_layer = Input(shape=(1,), name='size_factors')
        last_hidden = self.input_layer

        for i, hid_size in enumerate(self.hidden_size):
            center_idx = int(np.floor(len(self.hidden_size) / 2.0))
            if i == center_idx:
                layer_name = 'center'
            elif i < center_idx:
                layer_name = 'enc%s' % i
            else:
                layer_name = 'dec%s' % (i-center_idx)

            last_hidden = Dense(hid_size, activation=None, kernel_initializer=self.init,
                                kernel_regularizer=l1_l2(self.l1_coef, self.l2_coef),
                                name=layer_name)(last_hidden)
            if self.batchnorm:
                last_hidden = BatchNormalization(center=True, scale=False)(last_hidden)
            last_hidden = Activation(self.activation, name='%s_act' % layer_name)(last_hidden)

        self.decoder_output = last_hidden
        self.build_output()


class NBConstantDispAutoencoder(Autoencoder):

    def build_output(self):
        mean = Dense(self.output_size, activation=MeanAct, kernel_initializer=self.init,
                     kernel_regularizer=l1_l2(self.l1_coef, self.l2_coef),
                     name='mean')(self.decoder_output)

        # Plug in dispersion parameters via fake dispersion layer
        disp = ConstantDispersionLayer(name='dispersion')
        mean = disp(mean)

        output = ColWiseMultLayer(name='output')([mean, self.sf_layer])

        nb = NB(disp.theta_exp)
        self.loss = nb.loss
        self.model = Model(inputs=[self.input_layer, self.sf_layer], outputs=output)


def build_model():
    net = NBConstantDispAutoencoder(input_size=6, hidden_size=(4, 2, 4))
    net.build()
    net.model.compile(optimizer="sgd", loss=net.loss)
    return net.model
