"""DEGANN's `TensorflowDense` creates its kernel with `add_weight(shape=(input_dim, units))` in `__init__`, with
`input_dim` passed in by hand (default 32) (LD004): the network works only on the width typed into it.

From Krekep/degann (a library that builds dense networks to approximate solutions of differential equations, with a
PINN topology and C++ export), `degann/networks/layers/tf_dense.py`. `TensorflowDense.__init__(input_dim=32,
units=32, ...)` calls `super().__init__()` and then `self.w = self.add_weight(shape=(input_dim, units), ...)` and
`self.b = self.add_weight(shape=(units,), ...)`; it has no `build()`. `TensorflowDenseNet`
(`degann/networks/topology/tf_densenet.py`) chains them through `layer_creator.create_dense(input_size,
block_size[0], ...)`, `create_dense(block_size[i-1], block_size[i], ...)` and an output layer, so each layer's input
width is typed by the caller rather than read from the data. The weights are tracked (they are real Keras variables),
so nothing vanishes; the defect is that the layer cannot adapt to the input it receives: feed the network a batch of
a different width and it fails with a matmul shape error inside the first layer, far from the `input_size` argument.

Porting edits: degann's `activations.get` (a name -> function table) is replaced by `keras.activations.get`;
`layer_creator.create_dense(inp, units, activation=..., weight=..., bias=..., is_debug=..., name=...,
decorator_params=...)` is inlined as the `TensorflowDense(...)` call it makes; `to_dict`/`from_dict`/`export_to_cpp`
and `custom_compile` are left out; the `train_step` is kept. The `raise "..."` string raises of the original are
kept as written (never reached here). build_model() builds `TensorflowDenseNet(input_size=2, block_size=[10, 10],
output_size=1)` (a 2-input approximator, e.g. (x, t)) and returns it with a batch of 4 points of width 2.
"""

SOURCE = "https://github.com/Krekep/degann/blob/01a987e3d08be08bf40cc54f15c170c6cbaf0267/degann/networks/layers/tf_dense.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine41/bv/bv_degann_tensorflowdense_add_weight_in_init_input_dim_by_hand.py:
as returned: TensorflowDenseNet, count_params() = count_params() raised ValueError, 6 weights, unbuilt: ['TensorflowDense:TFDense0', 'TensorflowDense:TFDense1', 'TensorflowDense:OutLayerTFDense']
after call: count_params() = 151, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'TFDense0': 30, 'TFDense1': 110, 'OutLayerTFDense': 11}
second call: 0 variables watched that the first call did not use
probe (probe_degann.py): width 2 input -> output (4, 1), 151 params; a fresh model called on a (4, 3) batch raises
InvalidArgumentError "Exception encountered when calling TensorflowDense.call()" (TF logs "Matrix size-incompatible:
In[0]: [4,3], In[1]: [2,10]"): the weights exist before any input is seen, sized by the hand-typed input_size=2.
The layers have no build(), so Keras also reports them unbuilt (and count_params() refuses) until the first call."""

from typing import List, Optional, Dict

import numpy as np
import tensorflow as tf
from tensorflow import keras


class TensorflowDense(keras.layers.Layer):
    def __init__(
        self,
        input_dim=32,
        units=32,
        activation_func: str = "linear",
        weight_initializer=tf.random_normal_initializer(),
        bias_initializer=tf.random_normal_initializer(),
        is_debug=False,
        **kwargs,
    ):
        decorator_params = None

        if "decorator_params" in kwargs.keys():
            decorator_params = kwargs.get("decorator_params")
            kwargs.pop("decorator_params")

        if not isinstance(decorator_params, dict) and decorator_params is not None:
            raise "Additional parameters for activation function must be dictionary"

        if input_dim == 0 or units == 0:
            raise "Layer cannot have zero inputs or zero size"

        super(TensorflowDense, self).__init__(**kwargs)
        w_init = weight_initializer
        self.w = self.add_weight(
            shape=(input_dim, units),
            initializer=w_init,
            dtype="float32",
            name=f"Var_w_{self.name}",
            trainable=True,
        )
        b_init = bias_initializer
        self.b = self.add_weight(
            shape=(units,),
            initializer=b_init,
            dtype="float32",
            name=f"Var_b_{self.name}",
            trainable=True,
        )

        self.units = units
        self.input_dim = input_dim
        self._is_debug = is_debug
        self.activation_func = keras.activations.get(activation_func)
        self.activation_name = activation_func
        self.weight_initializer = weight_initializer
        self.bias_initializer = bias_initializer
        self.decorator_params: Optional[dict] = decorator_params

    def call(self, inputs, **kwargs):
        if self.decorator_params is None:
            return self.activation_func(tf.matmul(inputs, self.w) + self.b)
        else:
            return self.activation_func(
                tf.matmul(inputs, self.w) + self.b, **self.decorator_params
            )


class TensorflowDenseNet(tf.keras.Model):

    def __init__(
        self,
        input_size: int = 2,
        block_size: list = None,
        output_size: int = 10,
        activation_func: str = "linear",
        weight=keras.initializers.RandomUniform(minval=-1, maxval=1),
        biases=keras.initializers.RandomUniform(minval=-1, maxval=1),
        is_debug: bool = False,
        **kwargs,
    ):
        decorator_params: List[Optional[Dict]] = [None]
        if "decorator_params" in kwargs.keys():
            decorator_params = kwargs.get("decorator_params")
            kwargs.pop("decorator_params")
        else:
            decorator_params = [None]

        if (isinstance(decorator_params, list) and len(decorator_params) == 1
                and decorator_params[0] is None or decorator_params is None):
            decorator_params = [None] * (len(block_size) + 1)

        super(TensorflowDenseNet, self).__init__(**kwargs)
        self.blocks: List[TensorflowDense] = []

        if not isinstance(activation_func, list):
            activation_func = [activation_func] * (len(block_size) + 1)
        if len(block_size) != 0:
            self.blocks.append(
                TensorflowDense(input_size, block_size[0], activation_func=activation_func[0],
                                weight_initializer=weight, bias_initializer=biases,
                                is_debug=is_debug, name="TFDense0",
                                decorator_params=decorator_params[0]))
            for i in range(1, len(block_size)):
                self.blocks.append(
                    TensorflowDense(block_size[i - 1], block_size[i], activation_func=activation_func[i],
                                    weight_initializer=weight, bias_initializer=biases,
                                    is_debug=is_debug, name=f"TFDense{i}",
                                    decorator_params=decorator_params[i]))
            last_block_size = block_size[-1]
        else:
            last_block_size = input_size

        self.out_layer = TensorflowDense(last_block_size, output_size, activation_func=activation_func[-1],
                                         weight_initializer=weight, bias_initializer=biases,
                                         is_debug=is_debug, name="OutLayerTFDense",
                                         decorator_params=decorator_params[-1])

        self.activation_funcs = activation_func
        self.weight_initializer = weight
        self.bias_initializer = biases
        self.input_size = input_size
        self.block_size = block_size
        self.output_size = output_size

    def call(self, inputs, **kwargs):
        x = inputs
        for layer in self.blocks:
            x = layer(x, **kwargs)
        return self.out_layer(x, **kwargs)

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        trainable_vars = self.trainable_variables
        gradients = tape.gradient(loss, trainable_vars)
        self.optimizer.apply_gradients(zip(gradients, trainable_vars))
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def build_model():
    model = TensorflowDenseNet(input_size=2, block_size=[10, 10], output_size=1, activation_func="tanh")
    x = np.random.default_rng(0).random((4, 2)).astype("float32")
    return model, x
