"""VailTools' `WaveNetBlock` (the gated residual block of WaveNet, a speech/audio architecture) makes its three `Conv1D` sublayers in `build()`, builds each by hand and registers their weights with `self._trainable_weights.extend(...)`; on Keras 3 a layer has no `_trainable_weights` list, so building the block raises AttributeError and the WaveNet factory cannot wire the model.

From shanilmohd/VailTools-1 (a copy of UVM's VAIL lab toolbox, vailtools), `vailtools/layers/wave_net.py` at commit
8175f164 (Nov 2019, `from keras import layers`, Keras 2.2/2.3 era). `build()` creates `value_branch` (dilated causal
conv, tanh), `gate_branch` (same, sigmoid) and `skip_out` (1x1 conv), calls `.build()` on each and appends their
`trainable_weights` to the private `self._trainable_weights` list, the Keras 2 idiom for nested weights. `call()`
gates value by gate, projects with `skip_out` and concatenates the input with the result. The factory
`vailtools/networks/seq2seq.py::wave_net` (same commit) stacks `depth` blocks with cycling dilation rates after an
`Embedding` and a causal conv, then a BatchNorm/1x1-conv tail. On Keras 3 the first `.extend` raises (LD006); the
sublayers, being attributes, would be tracked anyway, so deleting the three `.extend` lines is the fix (the authors
moved the convs to `__init__` and dropped `build()` five weeks later, commit c2af4cd, see the okca_ pair).

Porting edits: none to the class (the long Args docstring of `__init__` is kept). The factory is copied from
`networks/seq2seq.py` with its docstring shortened and `cycle` imported. build_model() calls it like the repository's
own `tests/test_wave_net.py::test_wave_net_integration` (embedding input, sigmoid output, flattened), with a smaller
vocabulary (200), sequence length 16 and depth 3 instead of 20000/80/10.
"""

SOURCE = "https://github.com/shanilmohd/VailTools-1/blob/8175f16409b60e50975ddae4a66f25002c2fc7e5/vailtools/layers/wave_net.py"
CODES = ("LD006",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine42/ca/ca_vailtools_wavenetblock_extends_private_trainable_weights_in_build_attributeerror.py:
build_model() raised AttributeError: 'WaveNetBlock' object has no attribute '_trainable_weights'
(raised from the first self._trainable_weights.extend(...) in WaveNetBlock.build(), while the factory wires the first block; no model is returned.)"""

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
        self.activation = activation
        self.gate_activation = gate_activation
        self.bias_initializer = bias_initializer
        self.kernel_initializer = kernel_initializer
        self.kernel_size = kernel_size
        self.filters = filters
        self.dilation_rate = dilation_rate

        self.value_branch = None
        self.gate_branch = None
        self.skip_out = None

        super().__init__(**kwargs)

    def build(self, input_shape):
        self.value_branch = layers.Conv1D(
            activation=self.activation,
            bias_initializer=self.bias_initializer,
            dilation_rate=self.dilation_rate,
            filters=self.filters,
            kernel_initializer=self.kernel_initializer,
            kernel_size=self.kernel_size,
            padding='causal',
        )
        self.value_branch.build(input_shape)
        self._trainable_weights.extend(self.value_branch.trainable_weights)

        self.gate_branch = layers.Conv1D(
            activation=self.gate_activation,
            bias_initializer=self.bias_initializer,
            dilation_rate=self.dilation_rate,
            filters=self.filters,
            kernel_initializer=self.kernel_initializer,
            kernel_size=self.kernel_size,
            padding='causal',
        )
        self.gate_branch.build(input_shape)
        self._trainable_weights.extend(self.gate_branch.trainable_weights)

        self.skip_out = layers.Conv1D(
            bias_initializer=self.bias_initializer,
            dilation_rate=self.dilation_rate,
            filters=self.filters,
            kernel_initializer=self.kernel_initializer,
            kernel_size=1,
        )
        self.skip_out.build(self.value_branch.compute_output_shape(input_shape))
        self._trainable_weights.extend(self.skip_out.trainable_weights)

        super().build(input_shape)

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
