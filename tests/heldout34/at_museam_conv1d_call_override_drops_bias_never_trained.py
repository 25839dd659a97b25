"""MuSeAM's multinomial Conv1D overrides `call()` with its own convolution and never adds the bias, while the
model builds it with `use_bias=True`: the bias is counted and saved but gets no gradient and never trains.

From minjunp/MuSeAM (`models/MuSeAM_regression.py`; "Multinomial convolutions for Sequence-based Models",
enhancer-activity regression from DNA). `ConvolutionLayer(Conv1D)` keeps a Python counter `self.run_value`; once it
exceeds 2, `call()` transposes `self.kernel`, maps every filter through `beta * (alpha*x - max - logsumexp -
log(background))` with `tf.map_fn` and convolves with the result; before that it convolves with the raw kernel.
Either way it returns `self._convolution_op(inputs, kernel)` directly: the bias addition (and activation) that the
stock `Conv1D.call()` performs after the convolution op is gone. `create_model()` builds one
`customConv = ConvolutionLayer(..., use_bias=True)` and calls it on the forward and reverse-complement inputs, so
`build()` creates a (filters,) bias that the forward pass never reads: LD009 (a trainable weight unused in
`call`), measured as a None gradient for `convolution_layer/bias` while the kernel trains. The same override
exists in Keras 2 (whose `Conv.call` also added the bias after `_convolution_op`), so the defect is the author's,
not the port's. Not the defect: the kernel transformed inside `call()` (recomputed from the variable each call,
so the kernel's gradient flows, despite the author's worried comment "x_tf after reshaping is a tensor and not a
weight variable :("), and the layer shared by both strands (LD007, info: counted once). The Python counter is
trace-time state (3 after the functional graph is built), a quirk outside the catalog.

Porting edits: Keras 2's private `self._convolution_op` is Keras 3's `self.convolution_op` (same arguments);
`create_model(self, seq_length)` is a method of the repo's model class whose `self.filters`/`self.kernel_size`
come from the command line, here a small namespace (filters 16, kernel size 12); `model.summary()`, the custom
metrics (`coeff_determination`, a `tf.py_function` Spearman) and compile are dropped. `build_model()` returns the
two-input model and a batch of forward/reverse one-hot sequences of length 171.
"""

SOURCE = "https://github.com/minjunp/MuSeAM/blob/60f54f4553b67aada2884b6bc646f949c603e66b/models/MuSeAM_regression.py"
CODES = ("LD009",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py at_museam_conv1d_call_override_drops_bias_never_trained.py:
(two AutoGraph "could not transform <lambda>" warnings for the tf.map_fn lambda, then)
as returned: Functional, count_params() = 801, 4 weights, unbuilt: none
after call: count_params() = 801, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 4 trainable weights: ['convolution_layer/bias']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'convolution_layer': 784}
second call: 0 variables watched that the first call did not use
(784 = kernel 12*4*16 = 768 + bias 16; the 16 bias parameters are counted but receive no gradient.)"""

import types

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.layers import Dense, concatenate, GlobalMaxPool1D, Conv1D, ReLU
from tensorflow.keras import regularizers


class ConvolutionLayer(Conv1D):
    def __init__(
        self,
        filters,
        kernel_size,
        data_format,
        padding="valid",
        activation=None,
        use_bias=False,
        kernel_initializer="glorot_uniform",
        __name__="ConvolutionLayer",
        **kwargs
    ):
        super(ConvolutionLayer, self).__init__(
            filters=filters,
            kernel_size=kernel_size,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            **kwargs
        )
        self.run_value = 1

    def call(self, inputs):
        if self.run_value > 2:

            x_tf = (
                self.kernel
            )  ##x_tf after reshaping is a tensor and not a weight variable :(
            x_tf = tf.transpose(x_tf, [2, 0, 1])

            alpha = 120
            beta = 1 / alpha
            bkg = tf.constant([0.295, 0.205, 0.205, 0.295])
            bkg_tf = tf.cast(bkg, tf.float32)
            filt_list = tf.map_fn(
                lambda x: tf.math.scalar_mul(
                    beta,
                    tf.subtract(
                        tf.subtract(
                            tf.subtract(
                                tf.math.scalar_mul(alpha, x),
                                tf.expand_dims(
                                    tf.math.reduce_max(
                                        tf.math.scalar_mul(alpha, x), axis=1
                                    ),
                                    axis=1,
                                ),
                            ),
                            tf.expand_dims(
                                tf.math.log(
                                    tf.math.reduce_sum(
                                        tf.math.exp(
                                            tf.subtract(
                                                tf.math.scalar_mul(alpha, x),
                                                tf.expand_dims(
                                                    tf.math.reduce_max(
                                                        tf.math.scalar_mul(alpha, x),
                                                        axis=1,
                                                    ),
                                                    axis=1,
                                                ),
                                            )
                                        ),
                                        axis=1,
                                    )
                                ),
                                axis=1,
                            ),
                        ),
                        tf.math.log(
                            tf.reshape(
                                tf.tile(bkg_tf, [tf.shape(x)[0]]),
                                [tf.shape(x)[0], tf.shape(bkg_tf)[0]],
                            )
                        ),
                    ),
                ),
                x_tf,
            )
            transf = tf.transpose(filt_list, [1, 2, 0])
            outputs = self.convolution_op(inputs, transf)
        else:
            outputs = self.convolution_op(inputs, self.kernel)

        self.run_value += 1
        return outputs


def create_model(self, seq_length):
    fw_input = keras.Input(shape=(seq_length, 4), name="forward")
    rc_input = keras.Input(shape=(seq_length, 4), name="reverse")

    customConv = ConvolutionLayer(
        filters=self.filters,
        kernel_size=self.kernel_size,
        data_format="channels_last",
        use_bias=True,
    )
    fw = customConv(fw_input)
    rc = customConv(rc_input)
    concat = concatenate([fw, rc], axis=1)

    activation = ReLU()(concat)

    globalPooling = GlobalMaxPool1D()(activation)
    outputs = Dense(
        1,
        kernel_initializer="normal",
        kernel_regularizer=regularizers.l1(0.001),
        activation="linear",
    )(globalPooling)

    model = keras.Model(inputs=[fw_input, rc_input], outputs=outputs)
    return model


def build_model():
    seq_length = 171
    model = create_model(types.SimpleNamespace(filters=16, kernel_size=12), seq_length)
    rng = np.random.default_rng(0)
    fw = np.eye(4, dtype="float32")[rng.integers(0, 4, size=(4, seq_length))]
    rc = fw[:, ::-1, ::-1].copy()
    return model, [fw, rc]
