"""DeepCTR FGCNNLayer: Conv2D/MaxPooling2D/Dense lists made in build(), first built by a real call.

DeepCTR's feature-generation layer for FGCNN creates, in build(), one Conv2D, one MaxPooling2D and one
Dense per stage into `self.conv_layers`/`self.pooling_layers`/`self.dense_layers` (plus a shared
Flatten), calls `super().build()`, and declares `compute_output_shape`. On Keras 3 a layer that declares
compute_output_shape is wired into a functional model without running call(), and build() only
instantiates the sublayers: the freshly built FGCNN model reports only the embeddings' parameters
(FGCNNLayer shows 0), and loading saved weights into it fails because every Conv2D/Dense "was never
built"; the generated-feature weights exist only after a first call on data.

Port: `tensorflow.keras` -> `keras`; `K.ndim(x)` -> `len(x.shape)`, `concat_func` -> `tf.concat`,
`_shape_to_list`/`tensorflow.python.layers.utils.conv_output_length` -> small local helpers with the
same formulas; the FGCNN model builder (feature columns, inner-product layer, DNN) is reduced to
embeddings -> FGCNNLayer -> Flatten -> Dense.
"""

SOURCE = "https://github.com/shenweichen/DeepCTR/blob/1b5fe40e158d1ee6af8b1d9df217a5ed5aea9136/deepctr/layers/interaction.py#L937"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout14/_measure.py k_deepctr_fgcnn_conv_dense_lists_made_in_build_unbuilt.py:
as returned: Functional, count_params() = 721, 10 weights, unbuilt: ['Flatten:flatten', 'Dense:dense_1', 'Conv2D:conv2d_1', 'Dense:dense', 'Conv2D:conv2d']
after call: count_params() = 5041, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
params of the case's own layers: {'fgcnn_layer': 4320}
Own script: save_weights() of a called model, then load_weights() into a fresh build_model() raises ValueError "A total
of 4 objects could not be loaded ... Layer 'conv2d_2' was never built and thus it doesn't have any variables. However
the weights file lists 2 variables for this layer." The 4,320 FGCNN params (two Conv2D, two Dense) are missing from the
model until its first call on data (721 = embeddings + output Dense only)."""

import tensorflow as tf
import keras
from keras.layers import Conv2D, Dense, Flatten, Layer, MaxPooling2D


def _shape_to_list(input_shape):
    return [None if d is None else int(d) for d in input_shape]


def conv_output_length(input_length, filter_size, padding, stride, dilation=1):
    if input_length is None:
        return None
    dilated_filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    if padding == 'same':
        output_length = input_length
    else:
        output_length = input_length - dilated_filter_size + 1
    return (output_length + stride - 1) // stride


class FGCNNLayer(Layer):
    """Feature Generation Layer used in FGCNN,including Convolution,MaxPooling and Recombination."""

    def __init__(self, filters=(14, 16,), kernel_width=(7, 7,), new_maps=(3, 3,), pooling_width=(2, 2),
                 **kwargs):
        if not (len(filters) == len(kernel_width) == len(new_maps) == len(pooling_width)):
            raise ValueError("length of argument must be equal")
        self.filters = filters
        self.kernel_width = kernel_width
        self.new_maps = new_maps
        self.pooling_width = pooling_width

        super(FGCNNLayer, self).__init__(**kwargs)

    def build(self, input_shape):

        if len(input_shape) != 3:
            raise ValueError(
                "Unexpected inputs dimensions %d, expect to be 3 dimensions" % (len(input_shape)))
        self.conv_layers = []
        self.pooling_layers = []
        self.dense_layers = []
        pooling_shape = _shape_to_list(input_shape) + [1, ]
        embedding_size = int(input_shape[-1])
        for i in range(1, len(self.filters) + 1):
            filters = self.filters[i - 1]
            width = self.kernel_width[i - 1]
            new_filters = self.new_maps[i - 1]
            pooling_width = self.pooling_width[i - 1]
            conv_output_shape = self._conv_output_shape(
                pooling_shape, (width, 1))
            pooling_shape = self._pooling_output_shape(
                conv_output_shape, (pooling_width, 1))
            self.conv_layers.append(Conv2D(filters=filters, kernel_size=(width, 1), strides=(1, 1),
                                           padding='same',
                                           activation='tanh', use_bias=True, ))
            self.pooling_layers.append(
                MaxPooling2D(pool_size=(pooling_width, 1)))
            self.dense_layers.append(Dense(pooling_shape[1] * embedding_size * new_filters,
                                           activation='tanh', use_bias=True))

        self.flatten = Flatten()

        super(FGCNNLayer, self).build(
            input_shape)  # Be sure to call this somewhere!

    def call(self, inputs, **kwargs):

        if len(inputs.shape) != 3:
            raise ValueError(
                "Unexpected inputs dimensions %d, expect to be 3 dimensions" % (len(inputs.shape)))

        embedding_size = int(inputs.shape[-1])
        pooling_result = tf.expand_dims(inputs, axis=3)

        new_feature_list = []

        for i in range(1, len(self.filters) + 1):
            new_filters = self.new_maps[i - 1]

            conv_result = self.conv_layers[i - 1](pooling_result)

            pooling_result = self.pooling_layers[i - 1](conv_result)

            flatten_result = self.flatten(pooling_result)

            new_result = self.dense_layers[i - 1](flatten_result)

            new_feature_list.append(
                tf.reshape(new_result, (-1, int(pooling_result.shape[1]) * new_filters, embedding_size)))

        new_features = tf.concat(new_feature_list, axis=1)
        return new_features

    def compute_output_shape(self, input_shape):

        new_features_num = 0
        features_num = input_shape[1]

        for i in range(0, len(self.kernel_width)):
            pooled_features_num = features_num // self.pooling_width[i]
            new_features_num += self.new_maps[i] * pooled_features_num
            features_num = pooled_features_num

        return (None, new_features_num, input_shape[-1])

    def get_config(self, ):
        config = {'kernel_width': self.kernel_width, 'filters': self.filters, 'new_maps': self.new_maps,
                  'pooling_width': self.pooling_width}
        base_config = super(FGCNNLayer, self).get_config()
        base_config.update(config)
        return base_config

    def _conv_output_shape(self, input_shape, kernel_size):
        # channels_last
        space = input_shape[1:-1]
        new_space = []
        for i in range(len(space)):
            new_dim = conv_output_length(space[i], kernel_size[i], padding='same', stride=1, dilation=1)
            new_space.append(new_dim)
        return ([input_shape[0]] + new_space + [self.filters])

    def _pooling_output_shape(self, input_shape, pool_size):
        # channels_last
        rows = input_shape[1]
        cols = input_shape[2]
        rows = conv_output_length(rows, pool_size[0], 'valid', pool_size[0])
        cols = conv_output_length(cols, pool_size[1], 'valid', pool_size[1])
        return [input_shape[0], rows, cols, input_shape[3]]


def build_model(n_fields=8, vocab=20, embedding_size=4):
    """FGCNN-style: one Embedding per field, stacked to (batch, fields, emb) -> FGCNNLayer -> Flatten -> sigmoid."""
    inputs = [keras.Input(shape=(1,), dtype='int32', name='field_%d' % i) for i in range(n_fields)]
    embeds = [keras.layers.Embedding(vocab, embedding_size)(x) for x in inputs]
    fg_input = keras.layers.Concatenate(axis=1)(embeds)
    new_features = FGCNNLayer(filters=(6, 8), kernel_width=(3, 3), new_maps=(2, 2), pooling_width=(2, 2))(fg_input)
    combined = keras.layers.Concatenate(axis=1)([fg_input, new_features])
    out = keras.layers.Dense(1, activation='sigmoid')(keras.layers.Flatten()(combined))
    return keras.Model(inputs, out)
