"""titu1994's TensorFlow port of Network Deconvolution keeps `ChannelDeconv2D`'s running statistics (two running
means, a running variance, the running whitening matrix `running_deconv`) and its `num_batches_tracked` counter as
raw `tf.Variable`s made in `__init__`: on Keras 3 none is tracked, so the layer reports no weights at all and a
saved-and-reloaded model whitens inference inputs with the identity matrix and zero means.

From titu1994/tf_neural_deconvolution (`tf_deconv.py` at 1543812; the layer the README says to import next to
`FastDeconv2D`, ported from yechengxi/deconvolution). `__init__` creates `running_mean1`, `running_mean2`,
`running_var`, `running_deconv = tf.Variable(tf.eye(block), trainable=False)` and
`num_batches_tracked = tf.Variable(0, dtype=int64)` (LD003); the `@tf.function` `call` copies the first batch's
statistics in when the counter is 0, blends later batches in with `momentum` when `training`, increments the counter,
and uses the stored statistics at inference. `self.block_eye = tf.eye(block)` is a constant, not state. tf.keras 2
tracked the five variables as non-trainable weights. The layer's Keras-2 sibling `FastDeconv2D` (a subclass of the
private `tensorflow.python.keras` `Conv`) does not import under Keras 3 and is left out.

Porting edits: none to `ChannelDeconv2D` and `isqrt_newton_schulz_autograd` (copied as written).
build_model() wires `ChannelDeconv2D(block=4)` in front of a small conv head on 8x8x6 inputs (4 channels
whitened as one block, the other 2 normalised by the second branch); the own probe `p_tfdeconv.py` runs 5 training
calls and a `save_weights`/`load_weights` round trip.
"""

SOURCE = "https://github.com/titu1994/tf_neural_deconvolution/blob/1543812ce0706a01f93692b9b4ce7a2b6102bcee/tf_deconv.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine34/as/as_tfneuraldeconv_channeldeconv_running_stats_and_batch_counter_tf_variables.py:
as returned: Functional, count_params() = 270, 4 weights, unbuilt: none
after call: count_params() = 270, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'channel_deconv2d': 0}
second call: 0 variables watched that the first call did not use
Own probe /tmp/mine34/as/p_tfdeconv.py:
ChannelDeconv2D weights: 0 | its 5 state variables in model.weights: 0 | model.weights: 4 | non_trainable_weights: 0
after 5 training calls: num_batches_tracked = 5 | running_deconv is identity: False | running_mean2 = 4.065
fresh model after load_weights: num_batches_tracked = 0 | running_deconv is identity: True | inference outputs equal: False"""

import tensorflow as tf


# iteratively solve for inverse sqrt of a matrix
def isqrt_newton_schulz_autograd(A: tf.Tensor, numIters: int):
    dim = tf.shape(A)[0]
    normA = tf.norm(A, ord='fro', axis=[0, 1])
    Y = A / normA

    with tf.device(A.device):
        I = tf.eye(dim, dtype=A.dtype)
        Z = tf.eye(dim, dtype=A.dtype)

    for i in range(numIters):
        T = 0.5 * (3.0 * I - tf.matmul(Z, Y))
        Y = tf.matmul(Y, T)
        Z = tf.matmul(T, Z)

    A_isqrt = Z / tf.sqrt(normA)
    return A_isqrt


class ChannelDeconv2D(tf.keras.layers.Layer):
    def __init__(self, block, eps=1e-5, n_iter=5, momentum=0.1, sampling_stride=3):
        super(ChannelDeconv2D, self).__init__()

        self.eps = eps
        self.n_iter = n_iter
        self.momentum = momentum
        self.block = block
        self.sampling_stride = sampling_stride

        self.running_mean1 = tf.Variable(tf.zeros([block, 1]), trainable=False, dtype=self.dtype)
        self.running_mean2 = tf.Variable(tf.zeros([]), trainable=False, dtype=self.dtype)
        self.running_var = tf.Variable(tf.ones([]), trainable=False, dtype=self.dtype)
        self.running_deconv = tf.Variable(tf.eye(block), trainable=False, dtype=self.dtype)
        self.num_batches_tracked = tf.Variable(tf.convert_to_tensor(0, dtype=tf.int64), trainable=False)

        self.block_eye = tf.eye(block)

    def build(self, input_shape):
        in_channels = input_shape[-1]
        self.in_channels = in_channels

        if int(in_channels / self.block) * self.block == 0:
            raise ValueError("`block` must be smaller than in_channels.")

        # change rank based on 3d or 4d tensor input
        ndim = len(input_shape)
        assert ndim in [3, 4], "Can only take rank 3 and 4 tensors as input"

        channel_axis = -1
        self.input_spec = tf.keras.layers.InputSpec(ndim=ndim,
                                                    axes={channel_axis: in_channels})

        self.built = True

    @tf.function
    def call(self, x, training=None):
        x_shape = tf.shape(x)
        x_original_shape = x_shape

        if len(x.shape) == 2:
            x = tf.reshape(x, [x_shape[0], 1, 1, x_shape[1]])

        x_shape = tf.shape(x)

        N, H, W, C = x_shape[0], x_shape[1], x_shape[2], x_shape[3]
        block = self.block

        # take the first c channels out for deconv
        c = tf.cast(C / block, tf.int32) * block

        # step 1. remove mean
        if c != C:
            x1 = tf.reshape(tf.transpose(x[:, :, :, :c], [3, 0, 1, 2]), [block, -1])
        else:
            x1 = tf.reshape(tf.transpose(x, [3, 0, 1, 2]), [block, -1])

        if self.sampling_stride > 1 and H >= self.sampling_stride and W >= self.sampling_stride:
            x1_s = x1[:, ::self.sampling_stride ** 2]
        else:
            x1_s = x1

        mean1 = tf.reduce_mean(x1_s, axis=-1, keepdims=True)  # [blocks, 1]

        if self.num_batches_tracked == 0:
            self.running_mean1.assign(mean1)

        if training:
            running_mean1 = self.momentum * mean1 + (1. - self.momentum) * self.running_mean1
            self.running_mean1.assign(running_mean1)
        else:
            mean1 = self.running_mean1

        x1 = x1 - mean1

        # step 2. calculate deconv@x1 = cov^(-0.5)@x1
        if training:
            scale_ = tf.cast(tf.shape(x1_s)[1], x1_s.dtype)
            cov = (tf.matmul(x1_s, tf.transpose(x1_s)) / scale_) + self.eps * self.block_eye
            deconv = isqrt_newton_schulz_autograd(cov, self.n_iter)
        else:
            deconv = self.running_deconv

        if self.num_batches_tracked == 0:
            self.running_deconv.assign(deconv)

        if training:
            running_deconv = self.momentum * deconv + (1. - self.momentum) * self.running_deconv
            self.running_deconv.assign(running_deconv)
        else:
            deconv = self.running_deconv

        x1 = tf.matmul(deconv, x1)

        # reshape to N,c,J,W
        x1 = tf.reshape(x1, [c, N, H, W])
        x1 = tf.transpose(x1, [1, 2, 3, 0])  # [N, H, W, C]

        # normalize the remaining channels
        if c != C:
            x_tmp = tf.reshape(x[:, :, :, c:], [N, -1])

            if self.sampling_stride > 1 and H >= self.sampling_stride and W >= self.sampling_stride:
                x_s = x_tmp[:, ::self.sampling_stride ** 2]
            else:
                x_s = x_tmp

            mean2, var = tf.nn.moments(x_s, axes=[0, 1])

            if self.num_batches_tracked == 0:
                self.running_mean2.assign(mean2)
                self.running_var.assign(var)

            if training:
                running_mean2 = self.momentum * mean2 + (1. - self.momentum) * self.running_mean2
                running_var = self.momentum * var + (1. - self.momentum) * self.running_var
                self.running_mean2.assign(running_mean2)
                self.running_var.assign(running_var)
            else:
                mean2 = self.running_mean2
                var = self.running_var

            x_tmp = tf.sqrt((x[:, :, :, c:] - mean2) / (var + self.eps))
            x1 = tf.concat([x1, x_tmp], axis=-1)

        if training:
            self.num_batches_tracked.assign_add(1)

        if len(x_original_shape) == 2:
            x1 = tf.reshape(x1, x_original_shape)
        else:
            x_intshape = x.shape
            x1 = tf.ensure_shape(x1, x_intshape)

        return x1


def build_model():
    inp = tf.keras.Input((8, 8, 6))
    x = ChannelDeconv2D(block=4)(inp)
    x = tf.keras.layers.Conv2D(4, 3, padding="same", activation="relu")(x)
    x = tf.keras.layers.GlobalAveragePooling2D()(x)
    out = tf.keras.layers.Dense(10)(x)
    return tf.keras.Model(inp, out)
