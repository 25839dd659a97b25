"""VailTools' `WaveNetBlock` after the authors' refactor: the three `Conv1D` sublayers (value, gate, 1x1 skip) are made in `__init__` after `super().__init__()`, there is no `build()` and no `_trainable_weights` bookkeeping; the convs are built by their first call inside `call()` and Keras tracks them as attributes, so the block is correct on Keras 3.

From shanilmohd/VailTools-1 (a copy of UVM's VAIL lab toolbox, vailtools), `vailtools/layers/wave_net.py` at commit
c2af4cde (Dec 2019, "Refactored all of the previously implemented layers so that they no longer need to override the
build method"). The earlier version (commit 8175f164, the ca_ pair) built the convs in `build()` and extended the
private `self._trainable_weights`. Look-alike of LD006 (same block, same sublayers, no private list) and of LD005
(three sublayers created in `__init__` of a layer without `build()`: all three are called in `call()`, so a symbolic
call builds them). The next commit's message notes that tf.keras 2's `model.summary()` of an unbuilt subclassed model
showed wrong parameter counts; in this functional factory every block is called on a KerasTensor, so it is built.

Porting edits: none to the class. The factory is copied from `networks/seq2seq.py` (unchanged between the two
commits) with its docstring shortened and `cycle` imported. build_model() calls it like the repository's own
`tests/test_wave_net.py::test_wave_net_integration` (embedding input, sigmoid output, flattened), with a smaller
vocabulary (200), sequence length 16 and depth 3 instead of 20000/80/10.
"""

SOURCE = "https://github.com/shanilmohd/VailTools-1/blob/c2af4cdee369a9edd81af4d1b0d0126e3328c696/vailtools/layers/wave_net.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/ca/okca_vailtools_wavenetblock_refactor_convs_in_init_no_build_no_private_list.py:
as returned: Functional, count_params() = 17473, 33 weights, unbuilt: none
after call: count_params() = 17473, 29 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 29 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'wave_net_block': 1840, 'wave_net_block_1': 3376, 'wave_net_block_2': 4912}
second call: 0 variables watched that the first call did not use"""

from itertools import cycle

from keras import layers
from keras.models import Model


class WaveNetBlock(layers.Layer):
    """
    Implements the basic building block of the WaveNet architecture:
        https://arxiv.org/abs/1609.03499
    """
    def __init__(
            self,
            activation='tanh',
            bias_initializer='zeros',
            dilation_rate=1,
            filters=16,
            gate_activation='sigmoid',
            kernel_initializer='glorot_uniform',
            kernel_size=3,
            **kwargs,
    ):
        """
        Args:
            activation: (str or Callable)
                Name of a keras activation function or an instance of a keras/Tensorflow activation function.
                Applied to the non-gate branch of a gated activation unit.
            bias_initializer: (str or Callable)
                Name or instance of a keras.initializers.Initializer.
            dilation_rate: (int)
                Dilation rate used in convolutions.
            filters: (int)
                Number of filters used in convolutions.
            kernel_initializer: (str or Callable)
                Name or instance of a keras.initializers.Initializer.
            gate_activation: (str or Callable)
                Name of a keras activation function or an instance of a keras/Tensorflow activation function.
                Applied to the gate branch of a gated activation unit
            kernel_size: (tuple[int] or int)
                Dimensions of the convolution filters.
            residual_merge: (keras.layers.Layer)
                Keras layer that merges the input and output branches of a residual block.
        """
        super().__init__(**kwargs)
        self.activation = activation
        self.gate_activation = gate_activation
        self.bias_initializer = bias_initializer
        self.kernel_initializer = kernel_initializer
        self.kernel_size = kernel_size
        self.filters = filters
        self.dilation_rate = dilation_rate

        self.value_branch = layers.Conv1D(
            activation=self.activation,
            bias_initializer=self.bias_initializer,
            dilation_rate=self.dilation_rate,
            filters=self.filters,
            kernel_initializer=self.kernel_initializer,
            kernel_size=self.kernel_size,
            padding='causal',
        )
        self.gate_branch = layers.Conv1D(
            activation=self.gate_activation,
            bias_initializer=self.bias_initializer,
            dilation_rate=self.dilation_rate,
            filters=self.filters,
            kernel_initializer=self.kernel_initializer,
            kernel_size=self.kernel_size,
            padding='causal',
        )
        self.skip_out = layers.Conv1D(
            bias_initializer=self.bias_initializer,
            dilation_rate=self.dilation_rate,
            filters=self.filters,
            kernel_initializer=self.kernel_initializer,
            kernel_size=1,
        )

    def call(self, inputs, **kwargs):
        value = self.value_branch(inputs)
        gate = self.gate_branch(inputs)
        gated_value = layers.multiply([value, gate])
        skip_out = self.skip_out(gated_value)
        return layers.concatenate([inputs, skip_out])

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        output_shape[-1] += self.filters
        return tuple(output_shape)


def wave_net(
    activation='tanh',
    bias_initializer='zeros',
    depth=10,
    dilation_rates=None,
    embedding_input_dim=None,
    embedding_output_dim=24,
    filters=16,
    final_activation='softmax',
    flatten_output=False,
    gate_activation='sigmoid',
    input_shape=(None, None),
    kernel_initializer='glorot_uniform',
    kernel_size=3,
    output_channels=1,
    tail_activation='relu',
):
    """An implementation of WaveNet, described in https://arxiv.org/abs/1609.03499, using Keras.
    Works on time series data with dimensions (samples, time steps, features)."""
    if dilation_rates is None:
        dilation_rates = tuple(2 ** x for x in range(10))

    inputs = layers.Input(shape=input_shape)

    if embedding_input_dim and embedding_output_dim:
        pred = layers.Embedding(embedding_input_dim, embedding_output_dim)(inputs)
    else:
        pred = inputs

    pred = layers.Conv1D(filters=filters, kernel_size=kernel_size, padding='causal')(pred)

    for i, dilation_rate in zip(range(depth), cycle(dilation_rates)):
        pred = WaveNetBlock(
            activation=activation,
            bias_initializer=bias_initializer,
            dilation_rate=dilation_rate,
            filters=filters,
            gate_activation=gate_activation,
            kernel_initializer=kernel_initializer,
            kernel_size=kernel_size,
        )(pred)

    pred = layers.BatchNormalization()(pred)
    pred = layers.Activation(tail_activation)(pred)
    pred = layers.Conv1D(
        bias_initializer=bias_initializer,
        filters=filters,
        kernel_initializer=kernel_initializer,
        kernel_size=1,
    )(pred)

    pred = layers.BatchNormalization()(pred)
    pred = layers.Activation(tail_activation)(pred)
    pred = layers.Conv1D(
        activation=final_activation,
        bias_initializer=bias_initializer,
        filters=output_channels,
        kernel_initializer=kernel_initializer,
        kernel_size=1,
    )(pred)

    if flatten_output:
        pred = layers.GlobalAvgPool1D()(pred)

    return Model(inputs=inputs, outputs=pred)


def build_model():
    return wave_net(
        embedding_input_dim=200,
        final_activation='sigmoid',
        input_shape=(16,),
        flatten_output=True,
        output_channels=1,
        depth=3,
    )
