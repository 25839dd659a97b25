"""Taylor-expansion channel pruning for ResNet-50: `GateLayer` makes its per-channel gate with
`add_weight` in `__init__` (width passed in by hand), then sets `self.trainable = False`; one
gate instance is shared by every block of a stage; and the pruning loop asks the tape for the
gradient of those frozen gates - which is all correct on Keras 3.

The gates are meant to stay fixed at 1 (they are only zeroed by the pruning engine through
`set_weights`), so they must not be trained, yet the Taylor score needs d(loss)/d(gate).
`main.py` gets it with `g.gradient(loss, model.trainable_variables + candidate_parameters)`, where
`select_pruning_parameters()` collects `layer.weights[0]` of every layer whose name contains
"gate". Measured: Keras 3 lists each gate once under `non_trainable_weights`, `fit` leaves it
untouched, and the tape still returns a gradient for it (the layer flag does not make the
underlying variable unwatchable), so the scores are computed. The shared stage gate is applied
three times on same-shaped tensors and counted once.

Porting edits: the keras-applications ResNet50 scaffolding (`VersionAwareLayers`, weights
download, `training.Model`) replaced by a functional model with two bottleneck blocks per stage
and two stages (filters 4 / 8, 16x16 input), the `"[DEBUG]"` prints and the
`gate_skip64._name = 'gate_layer_0'` rename left out; `GateLayer`, `block1`, `stack1`, the
stage-gate wiring of `stack_fn` and `select_pruning_parameters` kept as written.
"""

SOURCE = "https://github.com/jhss/TF_Taylor_pruning/blob/7e86b6e2d05b63f2744e07e2ea2e92c32884eb9c/models/layers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py okv_taylor_pruning_gate_layer_frozen_weight_still_differentiated.py:
as returned: Functional, count_params() = 4842, 102 weights, unbuilt: none
after call: count_params() = 4842, 62 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 62 trainable weights: []
tape watched 10 variables the model does not track: ['gate_layer/variable:0', 'gate_layer_1/variable_1:0', ...]
  (the 10 gate weights: they ARE tracked, in model.non_trainable_variables; the probe compares with trainable ones only,
  and the tape watches them because the layer flag leaves the tf.Variable watchable)
params of the case's own layers: {'gate_layer': 16, 'gate_layer_1': 32, block gates 4 / 8 each}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine15b/taylor.py): select_pruning_parameters finds 10 gate weights, all 10 in non_trainable_variables
(the two shared stage gates counted once each); g.gradient(loss, trainable + gates) as in main.py: 0 None among the
62 trainable and 0 None among the 10 gates; one fit epoch changes 62 of 62 trainable weights and 0 of 10 gates."""

import keras
import tensorflow as tf
from keras import layers


class GateLayer(keras.layers.Layer):
    def __init__(self, input_features, output_features):
        super(GateLayer, self).__init__()
        self.weight = self.add_weight(shape=(input_features,),
                                      initializer=keras.initializers.Ones())

        self.trainable = False

    def call(self, x):
        weight = tf.reshape(self.weight, (1, 1, 1, -1))
        return tf.multiply(x, weight)


def block1(x, filters, kernel_size=3, stride=1, conv_shortcut=True, name=None, gate=None):
    bn_axis = 3

    if conv_shortcut:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=name + "_0_conv")(x)
        shortcut = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name=name + "_0_bn")(shortcut)
    else:
        shortcut = x

    x = layers.Conv2D(filters, 1, strides=stride, name=name + "_1_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name=name + "_1_bn")(x)

    x = GateLayer(x.shape[3], x.shape[3])(x)

    x = layers.Activation("relu", name=name + "_1_relu")(x)

    x = layers.Conv2D(filters, kernel_size, padding="SAME", name=name + "_2_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name=name + "_2_bn")(x)

    x = GateLayer(x.shape[3], x.shape[3])(x)

    x = layers.Activation("relu", name=name + "_2_relu")(x)

    x = layers.Conv2D(4 * filters, 1, name=name + "_3_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=1.001e-5, name=name + "_3_bn")(x)

    x = layers.Add(name=name + "_add")([shortcut, x])
    x = layers.Activation("relu", name=name + "_out")(x)

    if gate is not None:
        x = gate(x)

    return x


def stack1(x, filters, blocks, stride1=2, name=None, gate=None):
    x = block1(x, filters, stride=stride1, name=name + "_block1", gate=gate)
    for i in range(2, blocks + 1):
        x = block1(x, filters, conv_shortcut=False, name=name + "_block" + str(i), gate=gate)
    return x


def stack_fn(x, gate):
    if gate:
        gate_skip64 = GateLayer(4*4, 4*4)
        gate_skip128 = GateLayer(8*4, 8*4)
    else:
        gate_skip64 = None
        gate_skip128 = None

    x = stack1(x, 4, 2, stride1=1, name="conv2", gate=gate_skip64)
    return stack1(x, 8, 2, name="conv3", gate=gate_skip128)


def select_pruning_parameters(model):
    candidate_pruning_parameters = []
    for layer in model.layers:
        if 'gate' in layer.name:
            candidate_pruning_parameters.append((layer.name, layer.weights[0]))
    return [val for key, val in candidate_pruning_parameters]


def build_model():
    img_input = layers.Input(shape=(16, 16, 3))
    x = layers.Conv2D(8, 3, strides=2, padding="same", name="conv1_conv")(img_input)
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5, name="conv1_bn")(x)
    x = layers.Activation("relu", name="conv1_relu")(x)
    x = stack_fn(x, True)
    x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    x = layers.Dense(10, activation="softmax", name="predictions")(x)
    return keras.Model(img_input, x, name="resnet50")
