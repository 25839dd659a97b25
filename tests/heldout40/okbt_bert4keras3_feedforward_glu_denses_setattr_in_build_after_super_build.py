"""Correct: bert4keras3's `FeedForward` calls `super().build()` first and only then creates its Dense layers in `build()`, one per activation through `setattr(self, 'i%s_dense' % i, ...)`, and reads them back with `getattr` in `call()`; on Keras 3 all of them are tracked, built on first call and trained.

From pass-lin/bert4keras3 (bert4keras ported to multi-backend Keras 3), `bert4keras3/Layers_add/FFN.py`. With a list
of activations the first Dense becomes a gated linear unit (`['silu', 'linear']` gives `i0_dense` and `i1_dense`,
multiplied). What a naive checker sees: `super().build(input_shape)` at the top of `build()` (the layer is marked
built before its sublayers exist, the tf.keras-era "call it last" rule), sublayers assigned under computed names
with `setattr` (no `self.x = Layer(...)` line to find), Denses created in `build()` but never built there (they
build on their first call inside `call()`), and a `@recompute_grad` decorator on `call`. Keras 3 tracks sublayers
assigned in `build()` whatever the `built` flag says, so all six weights are counted and get gradients.

Porting edits: none to the layer. `recompute_grad` and `integerize_shape` come from `bert4keras3.backend`; they are
inlined in their Keras 3 form (`recompute_grad` returns `call` unchanged unless the RECOMPUTE environment variable is
set; `integerize_shape` turns `.value` dims into ints). `get_config` kept. build_model() wires
`FeedForward(32, activation=['silu', 'linear'])` on a (6, 16) sequence input in a functional model, as the
library's transformer builders do.
"""

SOURCE = "https://github.com/pass-lin/bert4keras3/blob/c00f23cb1ea4746d47033e7c060a103c704d275c/bert4keras3/Layers_add/FFN.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bt/okbt_bert4keras3_feedforward_glu_denses_setattr_in_build_after_super_build.py:
as returned: Functional, count_params() = 1616, 6 weights, unbuilt: none
after call: count_params() = 1616, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'FFN': 1616}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import Layer, initializers, activations
from keras.layers import Dense


def recompute_grad(call):
    return call


def integerize_shape(func):
    def convert(item):
        if hasattr(item, '__iter__'):
            return [convert(i) for i in item]
        elif hasattr(item, 'value'):
            return item.value
        else:
            return item

    def new_func(self, input_shape):
        input_shape = convert(input_shape)
        return func(self, input_shape)

    return new_func


class FeedForward(Layer):
    def __init__(
        self,
        units,
        activation='relu',
        use_bias=True,
        kernel_initializer='glorot_uniform',
        **kwargs
    ):
        super(FeedForward, self).__init__(**kwargs)
        self.units = units
        if not isinstance(activation, list):
            activation = [activation]
        self.activation = [activations.get(act) for act in activation]
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)

    @integerize_shape
    def build(self, input_shape):
        super(FeedForward, self).build(input_shape)
        output_dim = input_shape[-1]

        for i, activation in enumerate(self.activation):
            i_dense = Dense(
                units=self.units,
                activation=activation,
                use_bias=self.use_bias,
                kernel_initializer=self.kernel_initializer
            )
            setattr(self, 'i%s_dense' % i, i_dense)

        self.o_dense = Dense(
            units=output_dim,
            use_bias=self.use_bias,
            kernel_initializer=self.kernel_initializer
        )

    @recompute_grad
    def call(self, inputs):
        x = self.i0_dense(inputs)
        for i in range(1, len(self.activation)):
            x = x * getattr(self, 'i%s_dense' % i)(inputs)
        x = self.o_dense(x)
        return x

    def get_config(self):
        config = {
            'units': self.units,
            'activation': [
                activations.serialize(act) for act in self.activation
            ],
            'use_bias': self.use_bias,
            'kernel_initializer':
                initializers.serialize(self.kernel_initializer),
        }
        base_config = super(FeedForward, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def build_model():
    x_in = keras.Input(shape=(6, 16))
    y = FeedForward(32, activation=['silu', 'linear'], name='FFN')(x_in)
    return keras.Model(x_in, y)
