"""TensorFlowASR's Conv2dSubsampling front end keeps one unbuilt `keras.Sequential` per stage in a plain list made in
`__init__`, and its Activation subclass resets `self.built = False`: it looks like untracked or never-built
sublayers, but on Keras 3 the list is tracked and every Sequential builds and trains on the first call.

From TensorSpeech/TensorFlowASR (`tensorflow_asr/models/layers/subsampling.py`, the Keras 3 version of the ASR
toolkit; the Conformer/ContextNet encoders start with this layer). `Conv2dSubsampling.__init__` sets
`self.convs = []` and, per stage, builds `subblock = keras.Sequential(name=f"block_{i}")` with `subblock.add(...)`
(a Conv2D, an optional norm, an `Activation`), appends it, and reads `subblock.layers[0].strides[0]` to accumulate
the time-reduction factor. None of the Sequentials has an input shape, so they are all unbuilt when the layer is
made; `call((outputs, outputs_length))` runs them in order and updates the lengths from each block's first
layer's kernel size, padding and stride; `compute_mask` masks the reduced frames. The repo's `Activation` subclass
(`general.py`) does `super().__init__(activation, **kwargs); self.built = False`. A checker could call the list an
untracked container (LD011) or the Sequentials and the Activation unbuilt sublayers (LD005); measured on Keras 3:
the list is a TrackedList, everything is built by the first call, no weight is missing or without a gradient.

Porting edits: the repo's own `Conv2D` (which adds a "causal" padding mode that pads only the past side of the
time axis) is stood in for by a keras Conv2D subclass mapping "causal" to "same" (same output length) and keeping
the repo's `_padding` attribute that `call()` reads; `math_util.conv_output_length` and `merge_two_last_dims` are
inlined; `Layer` is the repo's `base_layer.Layer` (a keras Layer with `supports_masking = True`). `build_model()`
wraps the layer in a small subclassed encoder (the repo's ConformerEncoder starts the same way: subsampling, then a
Dense projection; a functional wiring fails in `compute_mask`, which calls `tf.shape` on its inputs) and returns it
unbuilt with (40 frames x 80 mels x 1) features and their lengths; two stages of 16 filters.
"""

SOURCE = "https://github.com/TensorSpeech/TensorFlowASR/blob/f092d39743d74308cb7959001c4657b98d01e7be/tensorflow_asr/models/layers/subsampling.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py okaw_tensorflowasr_conv2d_subsampling_sequentials_in_list_unbuilt_activation.py:
as returned: TinyConformerFrontEnd, count_params() = count_params() raised ValueError, 0 weights, unbuilt: ['Conv2dSubsampling:conv2d_subsampling', 'Sequential:block_1', 'Activation:relu_1', 'Conv2D:conv_1', 'Sequential:block_0', 'Activation:relu_0', 'Conv2D:conv_0', 'Dense:linear']
after call: count_params() = 43472, 6 trainable weights, unbuilt: none; output dtypes ['float32', 'int32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'conv2d_subsampling': 2480, 'relu_1': 0, 'conv_1': 2320, 'relu_0': 0, 'conv_0': 160}
second call: 0 variables watched that the first call did not use
(Unbuilt as returned is the normal state of a subclassed model before its first call; after it, every Sequential in
the list, both Conv2D and the repo's `self.built = False` Activations are built and all 6 weights get gradients.)"""

import keras
import tensorflow as tf


# --- stand-ins for tensorflow_asr.utils.math_util / models.base_layer / models.layers.{convolution,general} ---
def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
    if input_length is None:
        return None
    assert padding in {"same", "valid", "full", "causal"}
    dilated_filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    if padding in ["same", "causal"]:
        output_length = input_length
    elif padding == "valid":
        output_length = input_length - dilated_filter_size + 1
    elif padding == "full":
        output_length = input_length + dilated_filter_size - 1
    else:
        raise ValueError(f"Invalid padding: {padding}")
    return (output_length + stride - 1) // stride


def merge_two_last_dims(x):
    b, f, c = tf.shape(x)[0], x.shape[2], x.shape[3]
    return tf.reshape(x, shape=[b, -1, f * c])


class Layer(keras.layers.Layer):
    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        super().__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)
        self.supports_masking = True

    def compute_output_shape(self, input_shape):
        return input_shape


class Conv2D(keras.layers.Conv2D):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", **kwargs):
        super().__init__(filters, kernel_size, strides=strides,
                         padding="same" if padding == "causal" else padding, **kwargs)
        self._padding = padding


class Activation(keras.layers.Activation):
    def __init__(self, activation, **kwargs):
        super().__init__(activation, **kwargs)
        self.built = False


class Conv2dSubsampling(Layer):
    def __init__(
        self,
        filters: list,
        strides: list = [[2, 1], [2, 1]],
        kernels: list = [[3, 3], [3, 3]],
        paddings: list = ["causal", "causal"],
        norms: list = ["none", "none"],
        activations: list = ["relu", "relu"],
        kernel_regularizer=None,
        bias_regularizer=None,
        name="conv2d_subsampling",
        **kwargs,
    ):
        super().__init__(name=name, **kwargs)
        assert len(filters) == len(strides) == len(kernels) == len(paddings) == len(norms) == len(activations)
        self.convs = []
        self.time_reduction_factor = 1
        for i in range(len(filters)):
            subblock = keras.Sequential(name=f"block_{i}")
            subblock.add(
                Conv2D(
                    filters=filters[i],
                    kernel_size=kernels[i],
                    strides=strides[i],
                    padding=paddings[i],
                    name=f"conv_{i}",
                    kernel_regularizer=kernel_regularizer,
                    bias_regularizer=bias_regularizer,
                    dtype=self.dtype,
                )
            )
            if norms[i] == "batch":
                subblock.add(
                    keras.layers.BatchNormalization(
                        name=f"bn_{i}",
                        gamma_regularizer=kernel_regularizer,
                        beta_regularizer=kernel_regularizer,
                        synchronized=True,
                        dtype=self.dtype,
                    )
                )
            elif norms[i] == "layer":
                subblock.add(
                    keras.layers.LayerNormalization(
                        name=f"ln_{i}",
                        gamma_regularizer=kernel_regularizer,
                        beta_regularizer=kernel_regularizer,
                        dtype=self.dtype,
                    )
                )
            subblock.add(Activation(activations[i], name=f"{activations[i]}_{i}", dtype=self.dtype))
            self.convs.append(subblock)
            self.time_reduction_factor *= subblock.layers[0].strides[0]

    def call(self, inputs, training=False):
        outputs, outputs_length = inputs
        for block in self.convs:
            outputs = block(outputs, training=training)
            outputs_length = conv_output_length(
                outputs_length,
                filter_size=block.layers[0].kernel_size[0],
                padding=block.layers[0]._padding,
                stride=block.layers[0].strides[0],
                dilation=block.layers[0].dilation_rate[0],
            )
        outputs = merge_two_last_dims(outputs)
        return outputs, outputs_length

    def compute_mask(self, inputs, mask=None):
        outputs, outputs_length = inputs
        maxlen = tf.shape(outputs)[1]
        for block in self.convs:
            maxlen, outputs_length = (
                conv_output_length(
                    length,
                    filter_size=block.layers[0].kernel_size[0],
                    padding=block.layers[0]._padding,
                    stride=block.layers[0].strides[0],
                    dilation=block.layers[0].dilation_rate[0],
                )
                for length in (maxlen, outputs_length)
            )
        mask = tf.sequence_mask(outputs_length, maxlen=maxlen, dtype=tf.bool)
        return mask, None

    def compute_output_shape(self, input_shape):
        output_shape, output_length_shape = input_shape
        for block in self.convs:
            output_shape = block.layers[0].compute_output_shape(output_shape)
        output_shape = output_shape[:2] + (output_shape[2] * output_shape[3],)
        return output_shape, output_length_shape


class TinyConformerFrontEnd(keras.Model):
    """The start of the repo's (subclassed) ConformerEncoder: subsampling, then a projection."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv_subsampling = Conv2dSubsampling(filters=[16, 16])
        self.linear = keras.layers.Dense(32, name="linear")

    def call(self, inputs, training=False):
        outputs, outputs_length = self.conv_subsampling(inputs, training=training)
        return self.linear(outputs), outputs_length


def build_model():
    model = TinyConformerFrontEnd(name="encoder")
    features = tf.random.normal((2, 40, 80, 1))
    lengths = tf.constant([40, 31], dtype=tf.int32)
    return model, (features, lengths)
