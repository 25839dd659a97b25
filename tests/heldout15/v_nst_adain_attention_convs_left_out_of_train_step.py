"""AdaIN style transfer with a self-attention block whose three 1x1 convolutions are part of the
forward pass but never trained: the custom `train_step` only differentiates and updates
`self.decoder.trainable_variables`.

`NeuralStyleTransfer.__init__` creates `f_layer`, `g_layer` and `h_layer` (Conv2D) for the
AAMS-style self-attention that `ada_in()` applies to both encoded images when `att=True` (the
default). The VGG encoder is frozen on purpose and the decoder is what AdaIN trains - but the
attention convolutions were added later, are trainable, are counted in the model's weights and
shape every output, and `compute_gradients()` still asks the tape only for the decoder's
variables. The attention stays at its Glorot initialisation forever; `fit` prints no warning.

Porting edits: `tf.keras` -> `keras` where the model is declared; the VGG19 encoder / loss network
replaced by two tiny frozen conv models (no download), the decoder by a small Sequential,
channels 16 instead of 512; hardware logging, temporal loss, metrics property and `test_step`
left out; `get_mean_std`, `ada_in`, `self_attention` and helpers kept as in `ada_in.py`.
"""

SOURCE = "https://github.com/Averagenormaljoe/NST-Final-Project/blob/b0a7b47d8fcf363a568f28a45c7c1ee268c54773/AdaIN/AdaIN_functions/NeuralStyleTransfer.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "training-loop"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py v_nst_adain_attention_convs_left_out_of_train_step.py:
as returned: NeuralStyleTransfer, count_params() raised ValueError, 12 weights, unbuilt: ['Conv2D:f_conv', 'Conv2D:g_conv', 'Conv2D:h_conv']
after call: count_params() = 8631, 10 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 10 trainable weights: []   (the attention convs are in the forward pass)
tape watched 4 variables the model does not track: ['conv2d/kernel:0', 'conv2d/bias:0', 'conv2d_1/kernel:0', 'conv2d_1/bias:0']
  (the frozen stand-in encoder's variables: they are in model.non_trainable_weights; the tape watches them because
  trainable=False does not change the tf.Variable flag - an artefact of the probe, not of the case)
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine15b/adain_fit.py: compile(Adam(1e-2), MSE) before the first call, then fit 2 epochs on a
tf.data (style, content) dataset): decoder/conv2d_2 and conv2d_3 kernels and biases changed; f_conv, g_conv, h_conv
kernels and biases (6 of the 10 trainable weights) UNCHANGED; no warning (the only one: shuffle ignored for a tf.data input).
A tape over sum(model(x)) gives a gradient to all 10, so the weights are trainable and used - the train_step never asks for them."""

import keras
import tensorflow as tf
from keras import layers


def get_mean_std(x, epsilon=1e-5):
    axes = [1, 2]
    mean, variance = tf.nn.moments(x, axes=axes, keepdims=True)
    standard_deviation = tf.math.sqrt(tf.maximum(variance + epsilon, 0.0))
    return mean, standard_deviation


def get_att(style, content, layers, att=True):
    if att:
        self_content = self_attention(content, layers)
        self_style = self_attention(style, layers)
    else:
        self_content = content
        self_style = style
    return self_style, self_content


def ada_in(style, content, layers, att=False, epsilon=1e-5):
    self_style, self_content = get_att(style, content, layers, att)
    content_mean, content_std = get_mean_std(self_content, epsilon)
    style_mean, style_std = get_mean_std(self_style, epsilon)
    t = style_std * (self_content - content_mean) / (content_std + epsilon) + style_mean
    return t


def hw_flatten(x):
    shape = tf.shape(x)
    return tf.reshape(x, shape=[shape[0], -1, shape[-1]])


def get_attention_scores(f_flat, g_flat):
    axis = -1
    f_channels = tf.shape(f_flat)[-1]
    d_k = tf.cast(f_channels, tf.float32)
    scaling = tf.math.sqrt(d_k)
    s = tf.matmul(g_flat, f_flat, transpose_b=True) / scaling
    beta = tf.nn.softmax(s, axis=axis)
    return beta


def self_attention(x, layers, use_residual=True):
    f_layer, g_layer, h_layer = layers
    f = f_layer(x)  # [bs, h, w, c']
    g = g_layer(x)  # [bs, h, w, c']
    h = h_layer(x)  # [bs, h, w, c]
    f_flat = hw_flatten(f)
    g_flat = hw_flatten(g)
    h_flat = hw_flatten(h)
    h_shape = tf.shape(h)
    beta = get_attention_scores(f_flat, g_flat)
    o = tf.matmul(beta, h_flat)  # [bs, N, C]
    reshape_o = tf.reshape(o, [h_shape[0], h_shape[1], h_shape[2], h_shape[3]])
    if use_residual:
        reshape_o = reshape_o + x
    return reshape_o


class NeuralStyleTransfer(keras.Model):
    def __init__(self, encoder, decoder, loss_net, style_weight, content_weight=1.0, tv_weight=1.0,
                 channels=512, att=True, **kwargs):
        super(NeuralStyleTransfer, self).__init__(**kwargs)
        self.encoder = encoder
        self.decoder = decoder
        self.loss_net = loss_net
        self.content_weight = content_weight
        self.style_weight = style_weight
        self.tv_weight = tv_weight
        self.channels = channels
        self.att = att
        initializer = keras.initializers.GlorotUniform()
        floor_C = channels // 8
        self.f_layer = keras.layers.Conv2D(floor_C, kernel_size=1, padding='same', kernel_initializer=initializer,
                                           activation='relu', name="f_conv")
        self.g_layer = keras.layers.Conv2D(floor_C, kernel_size=1, padding='same', kernel_initializer=initializer,
                                           activation='relu', name="g_conv")
        self.h_layer = keras.layers.Conv2D(channels, kernel_size=1, padding='same', kernel_initializer=initializer,
                                           name="h_conv")

    def compile(self, optimizer, loss_fn):
        super().compile()
        self.optimizer = optimizer
        self.loss_fn = loss_fn
        self.total_loss_tracker = keras.metrics.Mean(name="total_loss")

    def layers_ada_in(self, style, content):
        layers = (self.f_layer, self.g_layer, self.h_layer)
        t = ada_in(style, content, layers, self.att)
        return t

    def reconstruct_image(self, style, content):
        style_encoded = self.encoder(style)
        content_encoded = self.encoder(content)
        t = self.layers_ada_in(style=style_encoded, content=content_encoded)
        reconstructed_image = self.decoder(t)
        return reconstructed_image, t

    def compute_losses(self, style, t, reconstructed_image):
        recons_vgg_features = self.loss_net(reconstructed_image)
        style_vgg_features = self.loss_net(style)
        loss_content = self.loss_fn(t, recons_vgg_features[-1]) * self.content_weight
        loss_style = 0.0
        for inp, out in zip(style_vgg_features, recons_vgg_features):
            mean_inp, std_inp = get_mean_std(inp)
            mean_out, std_out = get_mean_std(out)
            loss_style += self.loss_fn(mean_inp, mean_out) + self.loss_fn(std_inp, std_out)
        loss_style = self.style_weight * loss_style
        return loss_content, loss_style

    def apply_optimizer(self, gradients, trainable_vars):
        self.optimizer.apply_gradients(zip(gradients, trainable_vars))

    def compute_gradients(self, total_loss, tape):
        trainable_vars = self.decoder.trainable_variables
        gradients = tape.gradient(total_loss, trainable_vars)
        self.apply_optimizer(gradients, trainable_vars)
        return gradients

    def train_step(self, inputs):
        style, content = inputs
        with tf.GradientTape() as tape:
            reconstructed_image, t = self.reconstruct_image(style, content)
            loss_content, loss_style = self.compute_losses(style, t, reconstructed_image)
            tv_loss = tf.reduce_mean(tf.image.total_variation(reconstructed_image)) * self.tv_weight
            total_loss = loss_content + loss_style + 1e-6 * tv_loss
        self.compute_gradients(total_loss, tape)
        self.total_loss_tracker.update_state(total_loss)
        return {"total_loss": self.total_loss_tracker.result()}

    def call(self, inputs):
        style_image = inputs[0]
        content_image = inputs[1]
        reconstructed_image, _ = self.reconstruct_image(style_image, content_image)
        return reconstructed_image


def _frozen_features(size, channels, name):
    inputs = layers.Input([size, size, 3])
    x1 = layers.Conv2D(channels, 3, padding="same", activation="relu")(inputs)
    x2 = layers.Conv2D(channels, 3, strides=2, padding="same", activation="relu")(x1)
    model = keras.Model(inputs, [x1, x2], name=name)
    model.trainable = False
    return model


def build_model():
    import numpy as np

    size, channels = 16, 16
    vgg = _frozen_features(size, channels, "mini_vgg19_base")
    enc_in = layers.Input([size, size, 3])
    encoder = keras.Model(enc_in, vgg(enc_in)[-1], name="mini_vgg19")
    decoder = keras.Sequential([
        layers.Input([size // 2, size // 2, channels]),
        layers.Conv2D(channels, 3, padding="same", activation="relu"),
        layers.UpSampling2D(),
        layers.Conv2D(3, 3, padding="same"),
    ], name="decoder")
    loss_net = _frozen_features(size, channels, "loss_net")
    model = NeuralStyleTransfer(encoder=encoder, decoder=decoder, loss_net=loss_net, style_weight=4.0,
                                channels=channels)
    rng = np.random.default_rng(0)
    style = rng.random((2, size, size, 3)).astype("float32")
    content = rng.random((2, size, size, 3)).astype("float32")
    return model, (style, content)
