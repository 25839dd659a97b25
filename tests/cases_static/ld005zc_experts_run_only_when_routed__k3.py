# LD005 unbuilt-sublayer: experts made in build() without being built, that call() runs only after a test on
# tensor values (`if tf.shape(rows)[0] == 0: continue`): an expert no token is routed to stays unbuilt, with
# no weights (tests/heldout24 tfts SparseMoe). A warning: which experts stay unbuilt depends on the data.
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f23/measure_ld005zc.py): after one call
# routed to expert 0 only, experts 1 and 2 of RoutedMoe are unbuilt (count_params() 35 of 75); BuiltMoe (the
# experts built in build()) counts all 75 before any call; EveryExpert runs each expert: all built. The
# router gets a gradient through the gate it scales the output by.
import keras
import tensorflow as tf

EXPERTS, WIDTH = 3, 4


class RoutedMoe(keras.layers.Layer):
    def build(self, input_shape):
        self.router = keras.layers.Dense(EXPERTS)
        self.experts = [keras.layers.Dense(WIDTH) for _ in range(EXPERTS)]  # LD005 (warning: data-dependent)

    def call(self, x, route_to=None):
        gates = tf.nn.softmax(self.router(x))
        choice = tf.argmax(gates, axis=-1) if route_to is None else route_to
        out = tf.zeros_like(x)
        for index in range(EXPERTS):
            rows = tf.where(tf.equal(choice, index))[:, 0]
            if tf.shape(rows)[0] == 0:
                continue
            out = tf.tensor_scatter_nd_add(out, rows[:, None], self.experts[index](tf.gather(x, rows)))
        return out * tf.reduce_max(gates, axis=-1, keepdims=True)


class BuiltMoe(RoutedMoe):
    def build(self, input_shape):
        super().build(input_shape)
        self.router.build(input_shape)
        for expert in self.experts:
            expert.build(input_shape)


class EveryExpert(keras.layers.Layer):
    def build(self, input_shape):
        self.router = keras.layers.Dense(EXPERTS)
        self.experts = [keras.layers.Dense(WIDTH) for _ in range(EXPERTS)]

    def call(self, x):
        gates = tf.nn.softmax(self.router(x))
        return tf.add_n([gates[:, i:i + 1] * self.experts[i](x) for i in range(EXPERTS)])
