"""A spectral-norm `Wrapper` writes `self.layer.kernel = self.w / sigma` in `call()`: the wrapped kernel variable is replaced by a tensor; Keras 3 refuses the write.

From taki0112/Tensorflow2-Cookbook (`template/sequential/ops_sequential.py`), the TF 2 layer cookbook behind
taki0112's GAN ports. `SpectralNormalization(tf.keras.layers.Wrapper)` builds the wrapped layer, keeps
`self.w = self.layer.kernel`, adds the power-iteration vector `u` with `add_weight`, and in `call()` runs
`update_weights()`, which ends with `self.layer.kernel = self.w / sigma` (`restore_weights()` would write
`self.w` back, but the call to it is commented out). That is the catalog's variable shadowed by a tensor
derived from it: on tf.keras 2 the Conv2D's `kernel` attribute becomes a constant tensor after the first
call (the variable is only reachable through the wrapper's `self.w`), so the convolution uses a stale
normalised snapshot. On Keras 3 `Conv2D.kernel` is a read-only property, so the first call raises
`AttributeError: property 'kernel' of 'Conv2D' object has no setter`: build_model() raises it while the
Sequential discriminator is built on its Input, as a user porting the cookbook sees it.

Porting edits: `self.w.shape.as_list()` becomes `list(self.w.shape)` (Keras 3 variables have tuple
shapes); `aggregation=tf.VariableAggregation.ONLY_FIRST_REPLICA` becomes the string
`"only_first_replica"`; `tf.initializers`/`tf.keras` become `keras`. The cookbook's `Conv` layer (which
wraps its Conv2D with the spectral norm when `sn=True`) is kept as written, without the reflect-padding
branch. build_model() makes a two-layer SN discriminator stem as the cookbook's templates do:
`Sequential([Input((16, 16, 3)), Conv(16, 3, 2, sn=True), LeakyReLU, Conv(32, 3, 2, sn=True)])`.
"""

SOURCE = "https://github.com/taki0112/Tensorflow2-Cookbook/blob/af8994e5f1887f66b88bba33d66c172eacfd5036/template/sequential/ops_sequential.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py bf_tf2cookbook_spectral_norm_wrapper_replaces_kernel_with_normalised_tensor.py:
build_model() raised AttributeError: Exception encountered when calling Conv.call().
warning: Layer 'conv_0' looks like it has unbuilt state, but Keras is not able to trace the layer `call()` in order to build it automatically. Possible causes:
probe (probe_sn_case.py): the wrapped exception text is "property 'kernel' of 'Conv2D' object has no setter" (raised by
self.layer.kernel = self.w / sigma in update_weights(); probe_sn.py: the same write on a bare built Conv2D or Dense raises
the same AttributeError)."""

import tensorflow as tf
import keras
from keras import Sequential

weight_initializer = keras.initializers.RandomNormal(mean=0.0, stddev=0.02)
weight_regularizer = keras.regularizers.l2(0.0001)


class Conv(keras.layers.Layer):
    def __init__(self, channels, kernel=3, stride=1, pad=0, pad_type='zero', use_bias=True, sn=False, name='Conv'):
        super(Conv, self).__init__(name=name)
        self.channels = channels
        self.kernel = kernel
        self.stride = stride
        self.pad = pad
        self.pad_type = pad_type
        self.use_bias = use_bias
        self.sn = sn

        if self.sn:
            self.conv = SpectralNormalization(keras.layers.Conv2D(filters=self.channels, kernel_size=self.kernel,
                                                                  kernel_initializer=weight_initializer,
                                                                  kernel_regularizer=weight_regularizer,
                                                                  strides=self.stride, use_bias=self.use_bias),
                                              name='sn_' + self.name)
        else:
            self.conv = keras.layers.Conv2D(filters=self.channels, kernel_size=self.kernel,
                                            kernel_initializer=weight_initializer,
                                            kernel_regularizer=weight_regularizer,
                                            strides=self.stride, use_bias=self.use_bias, name=self.name)

    def call(self, x, training=None, mask=None):
        if self.pad > 0:
            h = x.shape[1]
            if h % self.stride == 0:
                pad = self.pad * 2
            else:
                pad = max(self.kernel - (h % self.stride), 0)

            pad_top = pad // 2
            pad_bottom = pad - pad_top
            pad_left = pad // 2
            pad_right = pad - pad_left

            x = tf.pad(x, [[0, 0], [pad_top, pad_bottom], [pad_left, pad_right], [0, 0]])

        x = self.conv(x)

        return x


class SpectralNormalization(keras.layers.Wrapper):
    def __init__(self, layer, iteration=1, eps=1e-12, training=True, **kwargs):
        self.iteration = iteration
        self.eps = eps
        self.do_power_iteration = training
        if not isinstance(layer, keras.layers.Layer):
            raise ValueError(
                'Please initialize `TimeDistributed` layer with a '
                '`Layer` instance. You passed: {input}'.format(input=layer))
        super(SpectralNormalization, self).__init__(layer, **kwargs)

    def build(self, input_shape=None):
        self.layer.build(input_shape)

        self.w = self.layer.kernel
        self.w_shape = list(self.w.shape)

        self.u = self.add_weight(shape=(1, self.w_shape[-1]),
                                 initializer=keras.initializers.TruncatedNormal(stddev=0.02),
                                 trainable=False,
                                 name=self.name + '_u',
                                 dtype=tf.float32, aggregation="only_first_replica")

        super(SpectralNormalization, self).build()

    def call(self, inputs, training=None, mask=None):
        self.update_weights()
        output = self.layer(inputs)
        # self.restore_weights()  # Restore weights because of this formula "W = W - alpha * W_SN`"
        return output

    def update_weights(self):
        w_reshaped = tf.reshape(self.w, [-1, self.w_shape[-1]])

        u_hat = self.u
        v_hat = None

        if self.do_power_iteration:
            for _ in range(self.iteration):
                v_ = tf.matmul(u_hat, tf.transpose(w_reshaped))
                v_hat = v_ / (tf.reduce_sum(v_ ** 2) ** 0.5 + self.eps)

                u_ = tf.matmul(v_hat, w_reshaped)
                u_hat = u_ / (tf.reduce_sum(u_ ** 2) ** 0.5 + self.eps)

        sigma = tf.matmul(tf.matmul(v_hat, w_reshaped), tf.transpose(u_hat))
        self.u.assign(u_hat)

        self.layer.kernel = self.w / sigma

    def restore_weights(self):

        self.layer.kernel = self.w


def build_model():
    """Returns a model (or layer), or (model, inputs). Must not train, download or print much."""
    return Sequential([
        keras.Input((16, 16, 3)),
        Conv(16, kernel=3, stride=2, pad=1, sn=True, name='conv_0'),
        keras.layers.LeakyReLU(0.2),
        Conv(32, kernel=3, stride=2, pad=1, sn=True, name='conv_1'),
    ])
