"""innat/Multi-Attention's CBAM `ChannelAttentionModule` creates two `tf.keras.layers.Reshape` layers inside `call()` on every call, creates its two 1x1 Conv2Ds in `build()` without building them, and runs both convs on the average- and the max-pooled branch: nothing is lost, since the layers made in `call()` have no weights and the shared convs are tracked once and trained by both branches.

From innat/Multi-Attention, `AttentionLayer/gwap-cbam.py` (used by its `train.py` Classifier after an Xception
base, `self.CAN(x) * x`). Look-alike for LD002 (a sublayer created inside `call()`: here only weightless Reshapes, so
no state is created per call) and for LD005 (convs created in `build()` but not built there: they build on their
first call). The double use of `conv1`/`conv2` is the shared MLP of the CBAM paper (LD007, info at most).
Doubt kept as decided: labelled correct because no weight is created, lost or untrained; a tool that reports every
layer constructed in `call()` as LD002 would flag it.

Porting edits: none. build_model() returns the layer alone with a batch of 2 feature maps of 8x8x32 (the file's
`compute_output_shape` returns (batch, channels) while `call()` returns (batch, 1, 1, channels), so the layer is
measured eagerly, as the subclassed Classifier of train.py uses it).
"""

SOURCE = "https://github.com/innat/Multi-Attention/blob/3faa583461cdc1aaf3e2808aa757504fe4f992dd/AttentionLayer/gwap-cbam.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bn/okbn_multiattention_cbam_channel_attention_reshape_layers_made_in_call_convs_shared.py:
as returned: ChannelAttentionModule, count_params() = count_params() raised ValueError, 0 weights, unbuilt: none
after call: count_params() = 292, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 4 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(292 = conv1 32x4+4 and conv2 4x32+32, each counted once although used on both branches; count_params() before the
first call raises only because the layer is not built yet.)"""

import numpy as np
import tensorflow as tf


class ChannelAttentionModule(tf.keras.layers.Layer):
    def __init__(self, ratio=8):
        '''
        paper: https://arxiv.org/abs/1807.06521
        code: https://gist.github.com/innat/99888fa8065ecbf3ae2b297e5c10db70
        '''
        super(ChannelAttentionModule, self).__init__()
        self.ratio = ratio
        self.gapavg = tf.keras.layers.GlobalAveragePooling2D()
        self.gmpmax = tf.keras.layers.GlobalMaxPooling2D()

    def build(self, input_shape):
        self.conv1 = tf.keras.layers.Conv2D(input_shape[-1]//self.ratio,
                                            kernel_size=1,
                                            strides=1, padding='same',
                                            use_bias=True, activation=tf.nn.relu)

        self.conv2 = tf.keras.layers.Conv2D(input_shape[-1],
                                            kernel_size=1,
                                            strides=1, padding='same',
                                            use_bias=True, activation=tf.nn.relu)
        super(ChannelAttentionModule, self).build(input_shape)

    def call(self, inputs):
        # compute gap and gmp pooling
        gapavg = self.gapavg(inputs)
        gmpmax = self.gmpmax(inputs)
        gapavg = tf.keras.layers.Reshape((1, 1, gapavg.shape[1]))(gapavg)
        gmpmax = tf.keras.layers.Reshape((1, 1, gmpmax.shape[1]))(gmpmax)
        # forward passing to the respected layers
        gapavg_out = self.conv2(self.conv1(gapavg))
        gmpmax_out = self.conv2(self.conv1(gmpmax))
        return tf.math.sigmoid(gapavg_out + gmpmax_out)

    def get_output_shape_for(self, input_shape):
        return self.compute_output_shape(input_shape)

    def compute_output_shape(self, input_shape):
        output_len = input_shape[3]
        return (input_shape[0], output_len)


def build_model():
    layer = ChannelAttentionModule()
    inputs = np.random.default_rng(0).random((2, 8, 8, 32)).astype("float32")
    return layer, inputs
