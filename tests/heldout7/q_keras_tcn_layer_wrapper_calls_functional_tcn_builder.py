"""A `TCN2(Layer)` wrapper proposed in keras-tcn#61 keeps the old functional `TCN` builder object and calls it inside `call()`: every call creates fresh Conv1D layers that the wrapper never tracks, so the TCN has 0 parameters and is never trained.

philipperemy/keras-tcn#61 ("Name parameter not used"): in keras-tcn 2.x `TCN` was a plain Python
class whose `__call__(inputs)` wires a 1x1 Conv1D and the dilated residual blocks
(`residual_block()` creating Conv1D/Activation/SpatialDropout1D layers) onto the tensor it is given.
To get a real named layer, the reporter "patched the layer to implement the desired interface":
`class TCN2(Layer)` stores `self.model = TCN(*a, **kw)`, calls `Layer.__init__(self, name=name)`, and
its `call(x)` returns `self.model(x)`, with a `compute_output_shape` giving the filter count. Keras
builds the wrapper from `compute_output_shape` without running `call()`, so the functional model
contains a weightless TCN2; each real call then runs the builder again and makes new, untracked
Conv1D kernels. Reproduced with the keras-tcn 2.x builder (`return_sequences=True`) and the
issue's wrapper on Keras 3.
"""

SOURCE = "https://github.com/philipperemy/keras-tcn/issues/61"
CODES = ("LD002", "LD011")
CORRECT = False
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout7/_measure.py tests/heldout7/q_keras_tcn_layer_wrapper_calls_functional_tcn_builder.py:
as returned: Functional, count_params() = 9, 2 weights, unbuilt: none
after call: count_params() = 9, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 14 variables the model does not track: ['functional/tcn/conv1d/kernel:0', 'functional/tcn/conv1d/bias:0', 'functional/tcn/conv1d_1/kernel:0', 'functional/tcn/conv1d_1/bias:0', 'functional/tcn/conv1d_2/kernel:0', 'functional/tcn/conv1d_2/bias:0']
params of the case's own layers: {'tcn': 0}
second call: 14 variables watched that the first call did not use"""

import keras
from keras.layers import Activation, Conv1D, Dense, GlobalAveragePooling1D, Input, Lambda, Layer, SpatialDropout1D
from keras.models import Model


def residual_block(x, dilation_rate, nb_filters, kernel_size, padding, dropout_rate=0):
    prev_x = x
    for k in range(2):
        x = Conv1D(filters=nb_filters, kernel_size=kernel_size, dilation_rate=dilation_rate,
                   kernel_initializer="he_normal", padding=padding)(x)
        x = Activation("relu")(x)
        x = SpatialDropout1D(rate=dropout_rate)(x)

    # 1x1 conv to match the shapes (channel dimension).
    prev_x = Conv1D(nb_filters, 1, padding="same")(prev_x)
    res_x = keras.layers.add([prev_x, x])
    return res_x, x


class TCN:
    """Creates a TCN layer (keras-tcn 2.x: a builder applied to a tensor)."""

    def __init__(self, nb_filters=64, kernel_size=2, nb_stacks=1, dilations=[1, 2, 4, 8, 16, 32],
                 padding="causal", use_skip_connections=True, dropout_rate=0.0, return_sequences=False,
                 name="tcn"):
        self.name = name
        self.return_sequences = return_sequences
        self.dropout_rate = dropout_rate
        self.use_skip_connections = use_skip_connections
        self.dilations = dilations
        self.nb_stacks = nb_stacks
        self.kernel_size = kernel_size
        self.nb_filters = nb_filters
        self.padding = padding

    def __call__(self, inputs):
        x = inputs
        # 1D FCN.
        x = Conv1D(self.nb_filters, 1, padding=self.padding)(x)
        skip_connections = []
        for s in range(self.nb_stacks):
            for d in self.dilations:
                x, skip_out = residual_block(x, dilation_rate=d, nb_filters=self.nb_filters,
                                             kernel_size=self.kernel_size, padding=self.padding,
                                             dropout_rate=self.dropout_rate)
                skip_connections.append(skip_out)
        if self.use_skip_connections:
            x = keras.layers.add(skip_connections)
        if not self.return_sequences:
            x = Lambda(lambda tt: tt[:, -1, :])(x)
        return x


class TCN2(Layer):
    def __init__(self, *a, name=None, **kw):
        self.model = TCN(*a, **kw)
        Layer.__init__(self, name=name)

    def call(self, x):
        return self.model(x)

    def compute_output_shape(self, input_shape):
        return input_shape[:-1] + (self.model.nb_filters,)


def build_model():
    # i = Input(batch_shape=(batch_size, timesteps, input_ch)); o = TCN2(...)(i)
    i = Input(shape=(20, 2))
    o = TCN2(nb_filters=8, kernel_size=2, dilations=[1, 2], return_sequences=True, name="tcn")(i)
    o = GlobalAveragePooling1D()(o)
    o = Dense(1)(o)
    return Model(i, o)
