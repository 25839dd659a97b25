"""A TF2 spectral-normalization wrapper that keeps an alias `self.w = self.layer.kernel`, creates its power-
iteration vectors `u`/`v` with `add_variable(..., trainable=False)` in `build()`, sets its own attributes
before `super().__init__()`, and in `call()` rescales the wrapped kernel with `kernel.assign(w / sigma)`
before calling the wrapped layer.

From thisisiron/spectral_normalization-tf2 (`sn.py`, wired as in the repository's `main.py` functional
MNIST classifier: `SpectralNormalization(layers.Conv2D(...))` twice, then Dense layers). It looks like the
traps of a variable attribute replaced by a derived tensor and of state kept outside Keras, but
`self.w` is the same variable object as the kernel (no tensor is stored), `u`/`v` are tracked
non-trainable weights, and the attributes set before `super().__init__()` are plain numbers: on Keras 3
the wrapped kernels and biases are tracked, counted once and get gradients, `u`/`v` are counted as
non-trainable, and nothing is watched outside the model. (The author's `restore_weights()` assigns the
kernel to itself because `self.w` is the kernel, so the rescaling is kept; a spectral-norm detail, not a
tracking bug.)

Porting edits: none to `SpectralNormalization`; `main.py`'s model shrunk to 12x12x1 inputs,
Conv2D(4) and Conv2D(8) wrapped, Dense(8), Dense(10); no dataset or training loop.
"""

SOURCE = "https://github.com/thisisiron/spectral_normalization-tf2/blob/4fc57dc9b54e3563e792d029ba0f3cee4b989d17/sn.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/okh_thisisiron_spectral_norm_wrapper_kernel_alias_assign.py:
as returned: Functional, count_params() = 555, 12 weights, unbuilt: none
after call: count_params() = 555, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'spectral_normalization': 53, 'spectral_normalization_1': 340}
second call: 0 variables watched that the first call did not use
(53 = conv 40 + sn_v 9 + sn_u 4; 340 = conv 296 + sn_v 36 + sn_u 8.)
Own script (/tmp/mine23a/fit_sn.py, sgd, sparse CE, one fit epoch): fit runs, 8 of 8 trainable weights
change; non_trainable_weights = the four sn_v/sn_u vectors."""

import tensorflow as tf  # TF 2.0
from tensorflow.keras import layers, models


class SpectralNormalization(tf.keras.layers.Wrapper):
    def __init__(self, layer, iteration=1, eps=1e-12, training=True, **kwargs):
        self.iteration = iteration
        self.eps = eps
        self.do_power_iteration = training
        if not isinstance(layer, tf.keras.layers.Layer):
            raise ValueError(
                'Please initialize `TimeDistributed` layer with a '
                '`Layer` instance. You passed: {input}'.format(input=layer))
        super(SpectralNormalization, self).__init__(layer, **kwargs)

    def build(self, input_shape):
        self.layer.build(input_shape)

        self.w = self.layer.kernel
        self.w_shape = self.w.shape.as_list()

        self.v = self.add_variable(shape=(1, self.w_shape[0] * self.w_shape[1] * self.w_shape[2]),
                                   initializer=tf.initializers.TruncatedNormal(stddev=0.02),
                                   trainable=False,
                                   name='sn_v',
                                   dtype=tf.float32)

        self.u = self.add_variable(shape=(1, self.w_shape[-1]),
                                   initializer=tf.initializers.TruncatedNormal(stddev=0.02),
                                   trainable=False,
                                   name='sn_u',
                                   dtype=tf.float32)

        super(SpectralNormalization, self).build()

    def call(self, inputs):
        self.update_weights()
        output = self.layer(inputs)
        self.restore_weights()  # Restore weights because of this formula "W = W - alpha * W_SN`"
        return output

    def update_weights(self):
        w_reshaped = tf.reshape(self.w, [-1, self.w_shape[-1]])

        u_hat = self.u
        v_hat = self.v  # init v vector

        if self.do_power_iteration:
            for _ in range(self.iteration):
                v_ = tf.matmul(u_hat, tf.transpose(w_reshaped))
                v_hat = v_ / (tf.reduce_sum(v_**2)**0.5 + self.eps)

                u_ = tf.matmul(v_hat, w_reshaped)
                u_hat = u_ / (tf.reduce_sum(u_**2)**0.5 + self.eps)

        sigma = tf.matmul(tf.matmul(v_hat, w_reshaped), tf.transpose(u_hat))
        self.u.assign(u_hat)
        self.v.assign(v_hat)

        self.layer.kernel.assign(self.w / sigma)

    def restore_weights(self):
        self.layer.kernel.assign(self.w)


def build_model():
    inputs = layers.Input(shape=(12, 12, 1))
    x = SpectralNormalization(layers.Conv2D(4, (3, 3), activation='relu'))(inputs)
    x = layers.MaxPooling2D((2, 2))(x)
    x = SpectralNormalization(layers.Conv2D(8, (3, 3), activation='relu'))(x)
    x = layers.MaxPooling2D((2, 2))(x)
    x = layers.Flatten()(x)
    x = layers.Dense(8, activation='relu')(x)
    output = layers.Dense(10, activation='softmax')(x)
    model = models.Model(inputs=inputs, outputs=output)
    return model
