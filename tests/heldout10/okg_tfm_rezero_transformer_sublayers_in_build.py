"""TF Model Garden's ReZero transformer block: every sublayer and the rezero scalar are created in build().

`official.nlp.modeling.layers.ReZeroTransformer` keeps only hyper-parameters in `__init__`; `build()`
reads the hidden size from the input shape and creates the attention layer, the intermediate / output
`EinsumDense` layers, the dropouts, an optional LayerNorm and the scalar `rezero_alpha` (initialised to 0)
with `add_weight`, then calls `super().build()`. Creating sublayers outside `__init__` and a zero-initialised
gate look suspicious, but the sublayers are assigned during build (allowed), they are built by their first
call inside the block's call, and `rezero_alpha` is used multiplicatively in the residual branch, so
everything is tracked and trainable. Re-created here in the Model Garden style, stacked in an encoder.
"""

SOURCE = "https://github.com/tensorflow/models/blob/master/official/nlp/modeling/layers/rezero_transformer.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okg_tfm_rezero_transformer_sublayers_in_build.py:
as returned: Functional, count_params() = 4387, 31 weights, unbuilt: none
after call: count_params() = 4387, 31 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 31 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'rezero_0': 2161, 'rezero_1': 2226}
second call: 0 variables watched that the first call did not use
(2161 = attention 1088 + intermediate 544 + output 528 + 1 shared alpha; rezero_1 adds a second alpha and two LayerNorms)"""

import tensorflow as tf


class ReZeroTransformer(tf.keras.layers.Layer):
    """Transformer layer with ReZero: x + alpha * sublayer(x), alpha initialised at zero."""

    def __init__(self,
                 num_attention_heads,
                 inner_dim=64,
                 inner_activation="relu",
                 dropout_rate=0.0,
                 attention_dropout_rate=0.0,
                 output_range=None,
                 kernel_initializer="glorot_uniform",
                 use_layer_norm=False,
                 share_rezero=True,
                 **kwargs):
        inner_dim = kwargs.pop("intermediate_size", inner_dim)
        inner_activation = kwargs.pop("intermediate_activation", inner_activation)
        super().__init__(**kwargs)

        self._num_heads = num_attention_heads
        self._inner_dim = inner_dim
        self._inner_activation = inner_activation
        self._attention_dropout_rate = attention_dropout_rate
        self._dropout_rate = dropout_rate
        self._output_range = output_range
        self._kernel_initializer = tf.keras.initializers.get(kernel_initializer)
        self._use_layer_norm = use_layer_norm
        self._share_rezero = share_rezero

    def build(self, input_shape):
        if isinstance(input_shape, (list, tuple)) and len(input_shape) and isinstance(input_shape[0], (list, tuple)):
            input_tensor_shape = tf.TensorShape(input_shape[0])
        else:
            input_tensor_shape = tf.TensorShape(input_shape)
        if len(input_tensor_shape.as_list()) != 3:
            raise ValueError("TransformerLayer expects a three-dimensional input of shape [batch, sequence, width].")
        hidden_size = input_tensor_shape[-1]
        if hidden_size % self._num_heads != 0:
            raise ValueError(
                "The input size (%d) is not a multiple of the number of attention heads (%d)"
                % (hidden_size, self._num_heads))
        self._attention_head_size = int(hidden_size // self._num_heads)

        self._attention_layer = tf.keras.layers.MultiHeadAttention(
            num_heads=self._num_heads,
            key_dim=self._attention_head_size,
            dropout=self._attention_dropout_rate,
            kernel_initializer=self._kernel_initializer,
            name="self_attention")
        self._attention_dropout = tf.keras.layers.Dropout(rate=self._dropout_rate)
        if self._use_layer_norm:
            self._attention_layer_norm = tf.keras.layers.LayerNormalization(
                name="self_attention_layer_norm", axis=-1, epsilon=1e-12, dtype=tf.float32)
        self._intermediate_dense = tf.keras.layers.EinsumDense(
            "abc,cd->abd",
            output_shape=(None, self._inner_dim),
            bias_axes="d",
            kernel_initializer=self._kernel_initializer,
            name="intermediate")
        self._inner_activation_layer = tf.keras.layers.Activation(self._inner_activation)
        self._output_dense = tf.keras.layers.EinsumDense(
            "abc,cd->abd",
            output_shape=(None, hidden_size),
            bias_axes="d",
            kernel_initializer=self._kernel_initializer,
            name="output")
        self._output_dropout = tf.keras.layers.Dropout(rate=self._dropout_rate)
        if self._use_layer_norm:
            self._output_layer_norm = tf.keras.layers.LayerNormalization(
                name="output_layer_norm", axis=-1, epsilon=1e-12, dtype=tf.float32)

        self._rezero_a = self.add_weight(
            name="rezero_alpha",
            shape=(),
            initializer=tf.keras.initializers.Zeros(),
            trainable=True,
            dtype=tf.float32)
        if self._share_rezero:
            self._rezero_a_ffn = self._rezero_a
        else:
            self._rezero_a_ffn = self.add_weight(
                name="rezero_alpha_ffn",
                shape=(),
                initializer=tf.keras.initializers.Zeros(),
                trainable=True,
                dtype=tf.float32)

        super().build(input_shape)

    def get_config(self):
        config = {
            "num_attention_heads": self._num_heads,
            "inner_dim": self._inner_dim,
            "inner_activation": self._inner_activation,
            "dropout_rate": self._dropout_rate,
            "attention_dropout_rate": self._attention_dropout_rate,
            "output_range": self._output_range,
            "use_layer_norm": self._use_layer_norm,
            "share_rezero": self._share_rezero,
            "kernel_initializer": tf.keras.initializers.serialize(self._kernel_initializer),
        }
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def reset_rezero(self):
        self._rezero_a.assign(0.)
        if not self._share_rezero:
            self._rezero_a_ffn.assign(0.)

    def call(self, inputs, training=None):
        input_tensor = inputs
        attention_output = self._attention_layer(query=input_tensor, value=input_tensor, training=training)
        attention_output = self._attention_dropout(attention_output, training=training)
        attention_output = input_tensor + self._rezero_a * attention_output
        if self._use_layer_norm:
            attention_output = self._attention_layer_norm(attention_output)
        else:
            attention_output = tf.cast(attention_output, tf.float32)

        intermediate_output = self._intermediate_dense(attention_output)
        intermediate_output = self._inner_activation_layer(intermediate_output)
        layer_output = self._output_dense(intermediate_output)
        layer_output = self._output_dropout(layer_output, training=training)
        layer_output = attention_output + tf.cast(self._rezero_a_ffn * layer_output, tf.float32)
        if self._use_layer_norm:
            layer_output = self._output_layer_norm(layer_output)
        return layer_output


def build_model(seq_len=8, width=16, num_layers=2):
    inputs = tf.keras.Input(shape=(seq_len, width))
    x = inputs
    for i in range(num_layers):
        x = ReZeroTransformer(num_attention_heads=2, inner_dim=32, use_layer_norm=(i == num_layers - 1),
                              share_rezero=(i % 2 == 0), name=f"rezero_{i}")(x)
    return tf.keras.Model(inputs, x)
