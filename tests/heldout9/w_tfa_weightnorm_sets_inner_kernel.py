"""TF-Addons `WeightNormalization` wrapper, ported to Keras 3, overwrites the inner layer's kernel in `call()`.

tensorflow/addons issue #2869 ("... layers which are in tfa ... do not work with Keras 3 (I'm
interested in WeightNormalization layer)"): users copy tfa's `WeightNormalization(tf.keras.layers.Wrapper)`
into their project once Addons is wound down. Its `build()` keeps the wrapped layer's kernel as
`self.v` and adds a gain `g`; its `call()` computes `l2_normalize(v) * g` and writes it back over
the wrapped layer's variable attribute (`self.layer.kernel = kernel`) before calling the layer.
On Keras 3 `Dense.kernel` is a read-only property, so the very first call raises.
"""

SOURCE = "https://github.com/tensorflow/addons/issues/2869"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py w_tfa_weightnorm_sets_inner_kernel.py:
as returned: Sequential, count_params() = 2070, 8 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling WeightNormalization.call().
own probe (/tmp/mine9b/p5.py): the message is "property 'kernel' of 'Dense' object has no setter"
(the Sequential is built through compute_output_shape, so the error only shows on the first
real call: predict/fit/evaluate)."""

import tensorflow as tf


class WeightNormalization(tf.keras.layers.Wrapper):
    """Performs weight normalization (Salimans & Kingma, 2016); tfa 0.20 port, data_init off."""

    def __init__(self, layer, data_init=False, **kwargs):
        super().__init__(layer, **kwargs)
        self.data_init = data_init
        self._track_trackable(layer, name="layer")
        self.is_rnn = isinstance(self.layer, tf.keras.layers.RNN)

    def build(self, input_shape=None):
        input_shape = tf.TensorShape(input_shape)
        self.input_spec = tf.keras.layers.InputSpec(shape=[None] + input_shape[1:])

        if not self.layer.built:
            self.layer.build(input_shape)

        kernel_layer = self.layer.cell if self.is_rnn else self.layer

        if not hasattr(kernel_layer, "kernel"):
            raise ValueError(
                "`WeightNormalization` must wrap a layer that contains a `kernel` for weights"
            )

        if self.is_rnn:
            kernel = kernel_layer.recurrent_kernel
        else:
            kernel = kernel_layer.kernel

        # The kernel's filter or unit dimension is -1
        self.layer_depth = int(kernel.shape[-1])
        self.kernel_norm_axes = list(range(len(kernel.shape) - 1))

        self.g = self.add_weight(
            name="g",
            shape=(self.layer_depth,),
            initializer="ones",
            dtype=kernel.dtype,
            trainable=True,
        )
        self.v = kernel

        self._initialized = self.add_weight(
            name="initialized",
            shape=(),
            initializer="zeros",
            dtype="bool",
            trainable=False,
        )
        self.built = True

    def call(self, inputs):
        """Call `Layer`"""
        g = tf.identity(self.g)

        with tf.name_scope("compute_weights"):
            # Replace kernel by normalized weight variable.
            kernel = tf.nn.l2_normalize(self.v, axis=self.kernel_norm_axes) * g

            if self.is_rnn:
                self.layer.cell.recurrent_kernel = kernel
                update_kernel = tf.identity(self.layer.cell.recurrent_kernel)
            else:
                self.layer.kernel = kernel
                update_kernel = tf.identity(self.layer.kernel)

            # Ensure we calculate result after updating kernel.
            with tf.control_dependencies([update_kernel]):
                outputs = self.layer(inputs)
                return outputs

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def get_config(self):
        config = {"data_init": self.data_init}
        base_config = super().get_config()
        return {**base_config, **config}


def build_model():
    model = tf.keras.Sequential(
        [
            tf.keras.Input(shape=(20,)),
            WeightNormalization(tf.keras.layers.Dense(64, activation="relu")),
            WeightNormalization(tf.keras.layers.Dense(10, activation="softmax")),
        ]
    )
    return model
