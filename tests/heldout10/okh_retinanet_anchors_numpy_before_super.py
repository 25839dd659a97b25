"""keras-retinanet Anchors layer: NumPy anchor boxes stored on self before super().__init__(); one regression submodel shared by all pyramid levels.

fizyr/keras-retinanet (RetinaNet object detection) builds per-level anchors with a custom
`Anchors` layer whose __init__ assigns size/stride/ratios/scales and a NumPy array
`self.anchors = generate_anchors(...).astype(np.float32)` and only then calls
`super().__init__(*args, **kwargs)`. The anchors are fixed geometry, not parameters, and the
attributes set before super() are plain Python/NumPy values (no sublayer, no `trainable`/`name`
setting), so nothing is reset or lost. The regression head is one functional `keras.Model`
applied to every pyramid level (weights shared on purpose, counted once). Ported with
`keras.backend.*` tensor ops -> `keras.ops` (Keras 3's keras.backend has no tensor ops).
"""

SOURCE = "https://github.com/fizyr/keras-retinanet/blob/7ac91dfbbacce77d6d9633fc09e16cd0ee71fd5e/keras_retinanet/layers/_misc.py"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py okh_retinanet_anchors_numpy_before_super.py:
as returned: Functional, count_params() = 13172, 14 weights, unbuilt: none
after call: count_params() = 13172, 14 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 14 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'anchors_0': 0, 'anchors_1': 0}
second call: 0 variables watched that the first call did not use
(13172 = 448 C3 + 2320 C4 + 2x272 P3/P4 + 2x2320 + 5220 regression submodel counted once although applied to both levels;
Anchors has 0 params by design; its layer name given through **kwargs after the early attributes is kept: 'anchors_0'.)"""

import numpy as np
import tensorflow
import keras
from keras import ops


# ---------------------------------------------------------------- utils/anchors.py
class AnchorParameters:
    def __init__(self, sizes, strides, ratios, scales):
        self.sizes = sizes
        self.strides = strides
        self.ratios = ratios
        self.scales = scales

    def num_anchors(self):
        return len(self.ratios) * len(self.scales)


AnchorParameters.default = AnchorParameters(
    sizes=[32, 64],
    strides=[8, 16],
    ratios=np.array([0.5, 1, 2], keras.backend.floatx()),
    scales=np.array([2 ** 0, 2 ** (1.0 / 3.0), 2 ** (2.0 / 3.0)], keras.backend.floatx()),
)


def generate_anchors(base_size=16, ratios=None, scales=None):
    if ratios is None:
        ratios = AnchorParameters.default.ratios
    if scales is None:
        scales = AnchorParameters.default.scales
    num_anchors = len(ratios) * len(scales)
    anchors = np.zeros((num_anchors, 4))
    anchors[:, 2:] = base_size * np.tile(scales, (2, len(ratios))).T
    areas = anchors[:, 2] * anchors[:, 3]
    anchors[:, 2] = np.sqrt(areas / np.repeat(ratios, len(scales)))
    anchors[:, 3] = anchors[:, 2] * np.repeat(ratios, len(scales))
    anchors[:, 0::2] -= np.tile(anchors[:, 2] * 0.5, (2, 1)).T
    anchors[:, 1::2] -= np.tile(anchors[:, 3] * 0.5, (2, 1)).T
    return anchors


# ---------------------------------------------------------------- backend/backend.py
def shift(shape, stride, anchors):
    shift_x = (ops.arange(0, shape[1], dtype=keras.backend.floatx()) + 0.5) * stride
    shift_y = (ops.arange(0, shape[0], dtype=keras.backend.floatx()) + 0.5) * stride
    shift_x, shift_y = tensorflow.meshgrid(shift_x, shift_y)
    shift_x = ops.reshape(shift_x, [-1])
    shift_y = ops.reshape(shift_y, [-1])
    shifts = ops.stack([shift_x, shift_y, shift_x, shift_y], axis=0)
    shifts = ops.transpose(shifts)
    number_of_anchors = ops.shape(anchors)[0]
    k = ops.shape(shifts)[0]
    shifted_anchors = ops.reshape(anchors, [1, number_of_anchors, 4]) + ops.cast(ops.reshape(shifts, [k, 1, 4]), keras.backend.floatx())
    shifted_anchors = ops.reshape(shifted_anchors, [k * number_of_anchors, 4])
    return shifted_anchors


# ---------------------------------------------------------------- layers/_misc.py
class Anchors(keras.layers.Layer):
    """ Keras layer for generating achors for a given shape."""

    def __init__(self, size, stride, ratios=None, scales=None, *args, **kwargs):
        self.size = size
        self.stride = stride
        self.ratios = ratios
        self.scales = scales

        if ratios is None:
            self.ratios = AnchorParameters.default.ratios
        elif isinstance(ratios, list):
            self.ratios = np.array(ratios)
        if scales is None:
            self.scales = AnchorParameters.default.scales
        elif isinstance(scales, list):
            self.scales = np.array(scales)

        self.num_anchors = len(self.ratios) * len(self.scales)
        self.anchors = generate_anchors(
            base_size=self.size,
            ratios=self.ratios,
            scales=self.scales,
        ).astype(np.float32)

        super(Anchors, self).__init__(*args, **kwargs)

    def call(self, inputs, **kwargs):
        features = inputs
        features_shape = ops.shape(features)
        if keras.backend.image_data_format() == 'channels_first':
            anchors = shift(features_shape[2:4], self.stride, self.anchors)
        else:
            anchors = shift(features_shape[1:3], self.stride, self.anchors)
        anchors = ops.tile(ops.expand_dims(anchors, axis=0), (features_shape[0], 1, 1))
        return anchors

    def compute_output_shape(self, input_shape):
        if None not in input_shape[1:]:
            total = np.prod(input_shape[1:3]) * self.num_anchors
            return (input_shape[0], int(total), 4)
        else:
            return (input_shape[0], None, 4)

    def get_config(self):
        config = super(Anchors, self).get_config()
        config.update({
            'size': self.size,
            'stride': self.stride,
            'ratios': self.ratios.tolist(),
            'scales': self.scales.tolist(),
        })
        return config


# ---------------------------------------------------------------- models/retinanet.py (trimmed)
def default_regression_model(num_values, num_anchors, pyramid_feature_size=16, regression_feature_size=16,
                             name='regression_submodel'):
    options = {
        'kernel_size': 3,
        'strides': 1,
        'padding': 'same',
        'kernel_initializer': keras.initializers.RandomNormal(mean=0.0, stddev=0.01, seed=None),
        'bias_initializer': 'zeros'
    }
    inputs = keras.layers.Input(shape=(None, None, pyramid_feature_size))
    outputs = inputs
    for i in range(2):
        outputs = keras.layers.Conv2D(filters=regression_feature_size, activation='relu',
                                      name='pyramid_regression_{}'.format(i), **options)(outputs)
    outputs = keras.layers.Conv2D(num_anchors * num_values, name='pyramid_regression', **options)(outputs)
    outputs = keras.layers.Reshape((-1, num_values), name='pyramid_regression_reshape')(outputs)
    return keras.models.Model(inputs=inputs, outputs=outputs, name=name)


def __build_model_pyramid(name, model, features):
    return keras.layers.Concatenate(axis=1, name=name)([model(f) for f in features])


def __build_anchors(anchor_parameters, features):
    anchors = [
        Anchors(
            size=anchor_parameters.sizes[i],
            stride=anchor_parameters.strides[i],
            ratios=anchor_parameters.ratios,
            scales=anchor_parameters.scales,
            name='anchors_{}'.format(i)
        )(f) for i, f in enumerate(features)
    ]
    return keras.layers.Concatenate(axis=1, name='anchors')(anchors)


def retinanet_bbox(image_shape=(64, 64, 3), feature_size=16, anchor_params=None):
    if anchor_params is None:
        anchor_params = AnchorParameters.default
    inputs = keras.layers.Input(shape=image_shape)
    c3 = keras.layers.Conv2D(feature_size, 3, strides=8, padding='same', activation='relu', name='C3')(inputs)
    c4 = keras.layers.Conv2D(feature_size, 3, strides=2, padding='same', activation='relu', name='C4')(c3)
    p3 = keras.layers.Conv2D(feature_size, 1, name='P3')(c3)
    p4 = keras.layers.Conv2D(feature_size, 1, name='P4')(c4)
    features = [p3, p4]
    regression_submodel = default_regression_model(4, anchor_params.num_anchors(), pyramid_feature_size=feature_size)
    regression = __build_model_pyramid('regression', regression_submodel, features)
    anchors = __build_anchors(anchor_params, features)
    return keras.models.Model(inputs=inputs, outputs=[regression, anchors], name='retinanet-bbox')


def build_model():
    return retinanet_bbox()
