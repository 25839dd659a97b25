"""VAENAR-TTS's Glow-style prior flows keep their parameters in raw `tf.Variable`s created in `__init__` of a
`tf.keras.layers.Layer`: `ActNormFlow` has `log_scale` and `bias`, `InvertibleLinearFlow` has the orthogonally
initialised 1x1 `weight`. On tf.keras 2 (TF 2.x, the code's target) a `tf.Variable` assigned to a layer attribute is
tracked; on Keras 3 it is not (LD003): the layers report 0 weights, `count_params()` is 0, the variables are not in
`model.trainable_weights`, so an optimizer stepping `model.trainable_variables` never trains them and `.keras`
saving drops them. The data-dependent initialisation (`ActNormFlow.init`, which `assign`s mean/std statistics) also
lives only in these untracked variables.

From thuhcsi/VAENAR-TTS (VAENAR-TTS: variational auto-encoder based non-autoregressive TTS), `modules/flow.py`
(`BaseFlow`, `InvertibleLinearFlow`, `ActNormFlow`) at 7dae286; `modules/prior.py`'s `TransformerPrior` stacks
(actnorm, linear, coupling) triples of them over mel-frame latents `[batch, time, channels]`.

Porting edits: `from modules.transform import TransformerTransform` and the `TransformerCoupling` class (which needs
the repository's Transformer blocks) are left out; BaseFlow, InvertibleLinearFlow and ActNormFlow are verbatim.
build_model() wires one actnorm -> invertible-linear step (the first two thirds of one `TransformerPrior` block) as
a functional model over a `[batch, 12, 16]` latent with lengths omitted (`inputs_lengths=None`, a path the code
supports), outputs the latent and the summed log-determinant, and returns it with a random batch of 2.
"""

SOURCE = "https://github.com/thuhcsi/VAENAR-TTS/blob/7dae28646d5083390e7e3274d7bdf4b52a3f8e8e/modules/flow.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py <this file>:
as returned: Functional, count_params() = 0, 0 weights, unbuilt: none
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 3 variables the model does not track: ['log_scale:0', 'bias:0', 'weight:0']
params of the case's own layers: {'actnorm_0': 0, 'invertible_linear_0': 0}
second call: 0 variables watched that the first call did not use
python probes/probe_vaenar.py <this file>: model.trainable_variables is empty; compile + fit one epoch (SGD 0.1, mse on z) warns 'The model does not have any trainable weights.' and leaves actnorm_0.log_scale unchanged; a hand-written tape that names the variables directly does get gradients for log_scale and bias (the variables are used, only not tracked)."""

import tensorflow as tf
import numpy as np
from typing import Tuple


class BaseFlow(tf.keras.layers.Layer):
    def __init__(self, inverse, name='BaseFlow', **kwargs):
        super(BaseFlow, self).__init__(name=name, **kwargs)
        self.inverse = inverse

    def _forward(self, *inputs, **kwargs) -> Tuple[tf.Tensor, tf.Tensor]:
        """

        Args:
            *inputs: input [batch, *input_size]

        Returns: out: Tensor [batch, *input_size], logdet: Tensor [batch]
            out, the output of the flow
            logdet, the log determinant of :math:`\\partial output / \\partial input`
        """
        raise NotImplementedError

    def _backward(self, *inputs, **kwargs) -> Tuple[tf.Tensor, tf.Tensor]:
        raise NotImplementedError

    def call(self, *inputs, **kwargs) -> Tuple[tf.Tensor, tf.Tensor]:
        if self.inverse:
            return self._backward(*inputs, **kwargs)
        return self._forward(*inputs, **kwargs)

    def init(self, *inputs, **kwargs) -> Tuple[tf.Tensor, tf.Tensor]:
        """
        Initiate the weights according to the initial input data
        """
        raise NotImplementedError

    def fwd_pass(self, inputs, *h, init=False, init_scale=tf.constant(1.0),
                 **kwargs) -> Tuple[tf.Tensor, tf.Tensor]:
        if self.inverse:
            if init:
                raise RuntimeError(
                    'inverse flow shold be initialized with backward pass')
            else:
                return self._backward(inputs, *h, **kwargs)
        else:
            if init:
                return self.init(inputs, *h, init_scale=init_scale, **kwargs)
            else:
                return self._forward(inputs, *h, **kwargs)

    def bwd_pass(self, inputs, *h, init=False, init_scale=tf.constant(1.0),
                 **kwargs) -> Tuple[tf.Tensor, tf.Tensor]:
        if self.inverse:
            if init:
                return self.init(inputs, *h, init_scale=init_scale, **kwargs)
            else:
                return self._forward(inputs, *h, **kwargs)
        else:
            if init:
                raise RuntimeError(
                    'forward flow should be initialzed with forward pass')
            else:
                return self._backward(inputs, *h, **kwargs)


class InvertibleLinearFlow(BaseFlow):
    def __init__(self, channels, inverse, name='InvertibleLinearFlow', **kwargs):
        super(InvertibleLinearFlow, self).__init__(inverse, name, **kwargs)
        self.channels = channels
        w_init = np.linalg.qr(np.random.randn(channels, channels))[0].astype(np.float32)
        self.weight = tf.Variable(w_init, dtype=tf.float32, trainable=True, name='weight')

    def _forward(self, inputs, inputs_lengths=None, training=None
                 ) -> Tuple[tf.Tensor, tf.Tensor]:
        input_shape = tf.shape(inputs)
        outputs = tf.matmul(inputs, self.weight)
        logdet = tf.cast(
            tf.linalg.slogdet(
                tf.cast(self.weight, 'float64'))[1], 'float32')
        if inputs_lengths is None:
            logdet = tf.ones([input_shape[0], ]
                             ) * tf.cast(input_shape[1], tf.float32) * logdet
        else:
            logdet = tf.cast(inputs_lengths, tf.float32) * logdet
        return outputs, logdet

    def _backward(self, inputs, inputs_lengths=None, training=None
                  ) -> Tuple[tf.Tensor, tf.Tensor]:
        input_shape = tf.shape(inputs)
        outputs = tf.matmul(inputs, tf.linalg.inv(self.weight))
        logdet = tf.cast(
            tf.linalg.slogdet(
                tf.linalg.inv(
                    tf.cast(self.weight, 'float64')))[1], 'float32')
        if inputs_lengths is None:
            logdet = tf.ones([input_shape[0], ]
                             ) * tf.cast(input_shape[1], tf.float32) * logdet
        else:
            logdet = tf.cast(inputs_lengths, tf.float32) * logdet
        return outputs, logdet

    def init(self, inputs, inputs_lengths=None):
        return self._forward(inputs, inputs_lengths)


class ActNormFlow(BaseFlow):
    def __init__(self, channels, inverse, name='ActNormFlow', **kwargs):
        super(ActNormFlow, self).__init__(inverse, name, **kwargs)
        self.channels = channels
        self.log_scale = tf.Variable(
            tf.random.normal(shape=[self.channels, ], mean=0.0, stddev=0.05),
            trainable=True, name='log_scale')
        self.bias = tf.Variable(tf.zeros([self.channels, ]),
                                trainable=True, name='bias')

    def _forward(self, inputs, input_lengths=None, training=None) -> Tuple[tf.Tensor, tf.Tensor]:
        input_shape = tf.shape(inputs)
        outputs = inputs * tf.exp(self.log_scale) + self.bias
        logdet = tf.reduce_sum(self.log_scale)
        if input_lengths is None:
            logdet = tf.ones([input_shape[0], ]
                             ) * tf.cast(input_shape[1], tf.float32) * logdet
        else:
            logdet = tf.cast(input_lengths, tf.float32) * logdet
        return outputs, logdet

    def _backward(self, inputs, input_lengths=None, training=None, epsilon=tf.constant(1e-8)
                  ) -> Tuple[tf.Tensor, tf.Tensor]:
        input_shape = tf.shape(inputs)
        outputs = (inputs - self.bias) / (tf.exp(self.log_scale) + epsilon)
        logdet = -tf.reduce_sum(self.log_scale)
        if input_lengths is None:
            logdet = tf.ones([input_shape[0], ]
                             ) * tf.cast(input_shape[1], tf.float32) * logdet
        else:
            logdet = tf.cast(input_lengths, tf.float32) * logdet
        return outputs, logdet

    def init(self, inputs, input_lengths=None, init_scale=1.0, epsilon=tf.constant(1e-8)):
        _mean = tf.math.reduce_mean(
            tf.reshape(inputs, [-1, self.channels]), axis=0)
        _std = tf.math.reduce_std(
            tf.reshape(inputs, [-1, self.channels]), axis=0)
        self.log_scale.assign(tf.math.log(init_scale / (_std + epsilon)))
        self.bias.assign(-_mean / (_std + epsilon))
        return self._forward(inputs, input_lengths)


def build_model():
    channels, max_time = 16, 12
    z_in = tf.keras.Input(shape=(max_time, channels))
    actnorm = ActNormFlow(channels, False, name='actnorm_0')
    linear = InvertibleLinearFlow(channels, False, name='invertible_linear_0')
    z, logdet_a = actnorm(z_in)
    z, logdet_l = linear(z)
    logdet = tf.keras.layers.Add()([logdet_a, logdet_l])
    model = tf.keras.Model(z_in, [z, logdet])
    inputs = np.random.default_rng(0).standard_normal((2, max_time, channels)).astype("float32")
    return model, inputs
