"""tfa's WeightNormalization Wrapper, vendored into a time-series library, run on Keras 3.

After tensorflow-addons was deprecated, the library copied `WeightNormalization(tf.keras.layers.Wrapper)`
into its own utils and uses it around the Conv1D layers of a TCN. In `build()` it keeps
`self.v = kernel` (the wrapped layer's kernel variable) and adds `g`; in `call()` it computes the
normalised kernel and writes it back as `self.layer.kernel = kernel` before calling the inner layer,
the tf.keras 2 trick of overwriting a variable attribute with a tensor derived from it. On Keras 3
the wrapped layer's `kernel` is a read-only property: the functional model still builds (the
wrapper's `compute_output_shape` spares Keras from tracing `call()`), and the first real call
raises. The library's copy is kept for the data_init=False path used by its TCN.
"""

SOURCE = "https://github.com/aeon-toolkit/aeon/blob/02f387b8bda215efdbf5691625f49fe3e0fdf4b7/aeon/utils/networks/weight_norm.py"
CODES = ("LD010",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout12/_measure.py m_weightnorm_wrapper_kernel_replaced.py:
as returned: Functional, count_params() = 766, 20 weights, unbuilt: none
call 1 raised AttributeError: Exception encountered when calling WeightNormalization.call().
own script (/tmp/mine12b/dbg2.py): full message of the first real call: "property 'kernel' of 'Conv1D' object has no setter". Building the functional model does not raise because the wrapper overrides compute_output_shape, so Keras 3 infers the output spec from it without tracing call()."""

import logging

import tensorflow as tf


@tf.keras.utils.register_keras_serializable(package="addons_heldout")
class WeightNormalization(tf.keras.layers.Wrapper):
    """Wrapper that performs weight normalization (taken from tensorflow-addons)."""

    def __init__(self, layer, data_init=True, **kwargs):
        super().__init__(layer, **kwargs)
        self.data_init = data_init
        self.is_rnn = isinstance(self.layer, tf.keras.layers.RNN)

        if self.data_init and self.is_rnn:
            logging.warning(
                "WeightNormalization: Using `data_init=True` with RNNs "
                "is advised against by the paper. Use `data_init=False`."
            )

    def build(self, input_shape):
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
        def _do_nothing():
            return tf.identity(self.g)

        def _update_weights():
            with tf.control_dependencies(self._initialize_weights(inputs)):
                return tf.identity(self.g)

        g = tf.cond(self._initialized, _do_nothing, _update_weights)

        with tf.name_scope("compute_weights"):
            # Replace kernel by normalized weight variable.
            kernel = tf.nn.l2_normalize(self.v, axis=self.kernel_norm_axes) * g

            if self.is_rnn:
                self.layer.cell.recurrent_kernel = kernel
                update_kernel = tf.identity(self.layer.cell.recurrent_kernel)
            else:
                self.layer.kernel = kernel
                update_kernel = tf.identity(self.layer.kernel)

            with tf.control_dependencies([update_kernel]):
                outputs = self.layer(inputs)
                return outputs

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def _initialize_weights(self, inputs):
        if self.data_init:
            raise NotImplementedError("data_init is not used in this model")
        assign_tensors = self._init_norm()
        assign_tensors.append(self._initialized.assign(True))
        return assign_tensors

    def _init_norm(self):
        with tf.name_scope("init_norm"):
            v_flat = tf.reshape(self.v, [-1, self.layer_depth])
            v_norm = tf.linalg.norm(v_flat, axis=0)
            g_tensor = self.g.assign(tf.reshape(v_norm, (self.layer_depth,)))
            return [g_tensor]

    def get_config(self):
        config = {"data_init": self.data_init}
        base_config = super().get_config()
        return {**base_config, **config}


def _tcn_residual_block(x, filters, kernel_size, dilation_rate, dropout_rate=0.1):
    shortcut = x
    for _ in range(2):
        x = WeightNormalization(
            tf.keras.layers.Conv1D(filters, kernel_size, dilation_rate=dilation_rate,
                                   padding="causal", activation="relu"),
            data_init=False,
        )(x)
        x = tf.keras.layers.Dropout(dropout_rate)(x)
    if shortcut.shape[-1] != filters:
        shortcut = tf.keras.layers.Conv1D(filters, 1, padding="same")(shortcut)
    return tf.keras.layers.Add()([x, shortcut])


def build_model():
    input_layer = tf.keras.Input((32, 3))
    x = input_layer
    for i, filters in enumerate((8, 8)):
        x = _tcn_residual_block(x, filters, kernel_size=3, dilation_rate=2 ** i)
    x = tf.keras.layers.GlobalAveragePooling1D()(x)
    output_layer = tf.keras.layers.Dense(2, activation="softmax")(x)
    return tf.keras.Model(inputs=input_layer, outputs=output_layer)
