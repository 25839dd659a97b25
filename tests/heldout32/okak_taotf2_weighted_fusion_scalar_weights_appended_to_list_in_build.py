"""NVIDIA TAO's EfficientDet WeightedFusion keeps one scalar fusion weight per input in a plain list
`self.vars = []` made in `__init__` and filled with `self.add_weight(...)` in `build()`: the list is
tracked on Keras 3, so the weights are counted, trained and saved.

From NVIDIA/tao_tensorflow2_backend (`nvidia_tao_tf2/cv/efficientdet/layers/weighted_fusion_layer.py`),
the BiFPN node fusion of TAO's EfficientDet ("fast attention": relu of each edge weight, weighted sum
divided by the sum plus 1e-4). It looks like the catalog's LD011 (variables held in a Python list that
`call()` iterates) and the call casts each variable with `tf.cast(var, dtype)` before use (the LD010 /
LD009 look of a variable turned into another tensor), but a list assigned to a layer attribute is
wrapped and tracked by Keras 3, the weights are made by `add_weight` in `build()`, and the cast is a
differentiable op done per call, not stored back. `add_weight` without a shape makes scalars.

Porting edits: none. `build_model()` wires one `WeightedFusion(inputs_offsets=[0, 1, 2])` over three
4x4x8 feature maps, as the BiFPN builder does for a three-input output node.
"""

SOURCE = "https://github.com/NVIDIA/tao_tensorflow2_backend/blob/a80a937c0e12966417d8b00d1faed79aeddcfe65/nvidia_tao_tf2/cv/efficientdet/layers/weighted_fusion_layer.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine32/ak/okak_taotf2_weighted_fusion_scalar_weights_appended_to_list_in_build.py:
as returned: Functional, count_params() = 3, 3 weights, unbuilt: none
after call: count_params() = 3, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'weighted_fusion': 3}
second call: 0 variables watched that the first call did not use"""

import tensorflow as tf
import keras


class WeightedFusion(tf.keras.layers.Layer):
    """Weighted Fusion Layer (Fast Attention)."""

    def __init__(self, inputs_offsets=None, **kwargs):
        """Init."""
        super().__init__(**kwargs)
        self.inputs_offsets = inputs_offsets
        self.vars = []

    def build(self, input_shape=None):
        """Build."""
        for i, _ in enumerate(self.inputs_offsets):
            name = 'WSM' + ('' if i == 0 else '_' + str(i))
            self.vars.append(self.add_weight(initializer='ones', name=name))

    def call(self, inputs):
        """Call."""
        dtype = inputs[0].dtype
        edge_weights = []
        for var in self.vars:
            var = tf.nn.relu(tf.cast(var, dtype=dtype))
            edge_weights.append(var)
        weights_sum = tf.add_n(edge_weights)
        inputs = [
            inputs[i] * edge_weights[i] / (weights_sum + 1e-4)
            for i in range(len(inputs))
        ]
        new_node = tf.add_n(inputs)
        return new_node

    def get_config(self):
        """Config."""
        config = super().get_config()
        config.update({
            'inputs_offsets': self.inputs_offsets
        })
        return config


def build_model():
    nodes = [keras.Input(shape=(4, 4, 8)) for _ in range(3)]
    out = WeightedFusion(inputs_offsets=[0, 1, 2])(nodes)
    return keras.Model(nodes, out)
