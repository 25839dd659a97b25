"""A StyleGAN mapping-network linear layer makes `self.weight = tf.Variable(...)` and at once rebinds `self.weight = self.weight * self.scale` (bias likewise): only constant tensors remain, nothing trains.

From Harrypotterrrr/MobileStyleGAN (`models/modules/utils.py`), a TensorFlow 2 port in progress of
MobileStyleGAN's PyTorch code. `LinearTransform(keras.Model)` (the equalised-learning-rate linear layer,
renamed from `EqualLinear` in commit ad79b72) creates its weight as a `tf.Variable` in `__init__` and
immediately overwrites the attribute with `self.weight * self.scale`; the bias is a `tf.Variable` that is
reshaped and multiplied by `lr_mul` into the same attribute. The equalised-LR trick is meant to apply the
scale at run time (PyTorch: `F.linear(x, self.weight * self.scale)`); done once in `__init__` it keeps a
constant product and drops the variables. On tf.keras 2 the rebinding already leaves the layer without
weights; on Keras 3 the `tf.Variable`s would be foreign anyway (LD003, listed second: both defects sit on
the same two lines). `MappingNetwork(keras.Model)` stacks `PixelNorm` and n `LinearTransform`s in a
`tf.keras.Sequential` made in `__init__` (`.add()` calls), as written.

Porting edits: `tensorflow.keras` is `keras`. `tf.Variable(tf.fill(out_ch, bias_init), dtype=tf.float32)`
is kept; `tf.fill` accepts the scalar `out_ch` here. build_model() returns `MappingNetwork(style_dim=8,
n_layers=2)` with a (2, 8) style batch.
"""

SOURCE = "https://github.com/Harrypotterrrr/MobileStyleGAN/blob/b28d99f995daf4bce1b37904330e161828c11ac2/models/modules/utils.py"
CODES = ("LD010", "LD003")
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bf_mobilestylegan_lineartransform_weight_tf_variable_rebound_to_scaled_tensor.py:
as returned: MappingNetwork, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Sequential:sequential', 'LinearTransform:linear_transform_1', 'LinearTransform:linear_transform', 'PixelNorm:pixel_norm']
after call: count_params() = 0, 0 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 0 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'linear_transform_1': 0, 'linear_transform': 0, 'pixel_norm': 0}
second call: 0 variables watched that the first call did not use
probe (inline): after a call, LinearTransform.weight and .bias are EagerTensor (the tf.Variables are gone), layer.weights == [],
model.trainable_weights == []. tf.keras 2 not installed here: its behaviour is not measured."""

import math

import numpy as np
import tensorflow as tf
import keras


class PixelNorm(keras.Model):

    def __init__(self):
        super(PixelNorm, self).__init__()

    def call(self, x):
        return x * tf.math.rsqrt(
            tf.reduce_mean(x ** 2, axis=1, keepdims=True)
            + 1e-8
        )


class LinearTransform(keras.Model):

    def __init__(
            self,
            in_ch,
            out_ch,
            bias = True,
            bias_init = 0.0,
            lr_mul = 1,
            activation = None,
    ):
        super(LinearTransform, self).__init__()

        # TODO: lr_mul, math.sqrt(in_dim) meaning
        self.scale = (1 / math.sqrt(in_ch)) * lr_mul
        self.weight = tf.Variable(tf.math.divide(tf.random.normal([in_ch, out_ch]), lr_mul))
        self.weight = self.weight * self.scale

        if bias:
            self.bias = tf.Variable(tf.fill(out_ch, bias_init), dtype=tf.float32)
            self.bias = tf.reshape(self.bias, [1, out_ch])
            self.bias = self.bias * lr_mul
        else:
            self.bias = 0.0
        self.activation = activation

    def call(self, style):
        # style.shape (Batch, style_dim, in_channel)

        out = tf.matmul(style, self.weight) + self.bias
        # TODO fused_leaky_relu
        #  out = fused_leaky_relu(out, self.bias * self.lr_mul, onnx_trace=self.onnx_trace)
        if self.activation:
            out = tf.nn.leaky_relu(out, alpha=0.2)
        return out


class MappingNetwork(keras.Model):

    def __init__(
        self,
        style_dim,
        n_layers,
        lr_mlp = 0.01
    ):
        super(MappingNetwork, self).__init__()
        self.style_dim = style_dim
        # layer_list = [PixelNorm()]

        self.model = keras.Sequential()
        self.model.add(PixelNorm())

        for i in range(n_layers):
            self.model.add(LinearTransform(style_dim, style_dim, lr_mul = lr_mlp, activation="fused_lrelu"))

    def call(self, x):
        return self.model(x)


def build_model():
    """Returns a model (or layer), or (model, inputs). Must not train, download or print much."""
    model = MappingNetwork(style_dim=8, n_layers=2)
    return model, np.random.RandomState(0).normal(size=(2, 8)).astype("float32")
