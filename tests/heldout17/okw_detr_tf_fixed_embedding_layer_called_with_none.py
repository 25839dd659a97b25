"""The same DETR port after the author's fix (Leonardo-Blanger/detr_tensorflow commit 3dde959, Oct 2020):
the object queries live in a `FixedEmbedding` layer whose `build()` makes the table with `add_weight`
and whose `call(x=None)` ignores its input and returns the weight itself; `DETR.call` fetches it with
`self.query_embed(None)`. It looks odd (a layer called on `None`, a call that returns a variable, a
`build(input_shape)` that ignores the shape), but on Keras 3 the table is an ordinary tracked weight:
counted, in `model.variables` (so the repository's `load_from_pickle` loop reaches it), and trained.

Compare `w_detr_tf_query_embed_tf_variable_skipped_by_self_variables.py` (the earlier `tf.Variable`
version of the same class).

Porting edits as in that case: `tf.keras` -> `keras` (ops stay `tf.*`), `/` removed from layer names,
and the ResNet-50 backbone, sine position encoder and 6+6-layer transformer replaced by small stand-ins
passed through the constructor's `backbone=`/`pos_encoder=`/`transformer=` arguments. `FixedEmbedding`,
`Linear`, `DETR` and `load_from_pickle` are the author's (bbox head as in this version of the file).
"""

SOURCE = "https://github.com/Leonardo-Blanger/detr_tensorflow/blob/3dde959051e1ed7c08d7c02863218e72fa2d1f39/models/detr.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/okw_detr_tf_fixed_embedding_layer_called_with_none.py:
as returned: DETR, count_params() = 1928, 19 weights, unbuilt: none
after call: count_params() = 1928, 19 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 19 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'backbone': 1392, 'transformer': 144, 'query_proj': 72, 'memory_proj': 72, 'zero_position_embedding': 0, 'query_embed': 40, 'class_embed': 36, 'layers_2': 36, 'layers_1': 72, 'layers_0': 72}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17a/t_detr_ok.py, same probe as the tf.Variable case): the query table is in
model.variables (19 variables, count_params 1928 = 1888 + 40); the load_from_pickle loop body assigns it
(no longer all zeros); one SGD step over model.trainable_variables changes it."""

import pickle

import keras
import numpy as np
import tensorflow as tf
from keras.layers import Conv2D, ReLU

NUM_QUERIES = 5
MODEL_DIM = 8


class Linear(keras.layers.Layer):
    '''
    Use this custom layer instead of tf.keras.layers.Dense to allow
    loading converted PyTorch Dense weights that have shape (output_dim, input_dim)
    '''
    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.output_dim = output_dim

    def build(self, input_shape):
        self.kernel = self.add_weight(name='kernel',
                                      shape=[self.output_dim, input_shape[-1]],
                                      initializer='glorot_uniform', trainable=True)
        self.bias = self.add_weight(name='bias',
                                    shape=[self.output_dim],
                                    initializer='zeros', trainable=True)

    def call(self, x):
        return tf.matmul(x, self.kernel, transpose_b=True) + self.bias

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.output_dim,)


class FixedEmbedding(keras.layers.Layer):
    def __init__(self, embed_shape, **kwargs):
        super().__init__(**kwargs)
        self.embed_shape = embed_shape

    def build(self, input_shape):
        self.w = self.add_weight(name='kernel', shape=self.embed_shape,
                                 initializer='zeros', trainable=True)

    def call(self, x=None):
        return self.w


class SmallBackbone(keras.Model):
    """Stand-in for ResNet50Backbone: two strided convolutions."""
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = Conv2D(8, 3, strides=2, padding='same', activation='relu', name='conv1')
        self.conv2 = Conv2D(16, 3, strides=2, padding='same', activation='relu', name='conv2')

    def call(self, x, training=False):
        return self.conv2(self.conv1(x))


class ZeroPositionEmbedding(keras.layers.Layer):
    """Stand-in for PositionEmbeddingSine (no weights there either)."""
    def __init__(self, model_dim, **kwargs):
        super().__init__(**kwargs)
        self.model_dim = model_dim

    def call(self, mask):
        shape = tf.shape(mask)
        return tf.zeros([shape[0], shape[1], shape[2], self.model_dim])


class OneLayerTransformer(keras.Model):
    """Stand-in for Transformer with the same call signature and outputs."""
    def __init__(self, model_dim=MODEL_DIM, **kwargs):
        super().__init__(**kwargs)
        self.model_dim = model_dim
        self.memory_proj = Linear(model_dim, name='memory_proj')
        self.query_proj = Linear(model_dim, name='query_proj')

    def call(self, source, mask, query_encoding, pos_encoding, training=False):
        batch_size, rows, cols = [tf.shape(source)[i] for i in range(3)]
        source = tf.reshape(source + pos_encoding, [batch_size, -1, self.model_dim])
        memory = self.memory_proj(source)
        context = tf.reduce_mean(memory, axis=1, keepdims=True)            # (B, 1, D)
        queries = tf.tile(tf.expand_dims(query_encoding, 0), [batch_size, 1, 1])
        hs = tf.expand_dims(self.query_proj(queries + context), 0)         # (1, B, Q, D)
        return hs, tf.reshape(memory, [batch_size, rows, cols, self.model_dim])


class DETR(keras.Model):
    def __init__(self, num_classes=91, num_queries=100,
                 backbone=None,
                 pos_encoder=None,
                 transformer=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.num_queries = num_queries

        self.backbone = backbone or SmallBackbone(name='backbone')
        self.transformer = transformer or OneLayerTransformer(name='transformer')
        self.model_dim = self.transformer.model_dim

        self.pos_encoder = pos_encoder or ZeroPositionEmbedding(self.model_dim)

        self.input_proj = Conv2D(self.model_dim, kernel_size=1, name='input_proj')

        self.query_embed = FixedEmbedding((num_queries, self.model_dim),
                                          name='query_embed')

        self.class_embed = Linear(num_classes + 1, name='class_embed')

        self.bbox_embed = keras.Sequential([
            Linear(self.model_dim, name='layers_0'),
            ReLU(),
            Linear(self.model_dim, name='layers_1'),
            ReLU(),
            Linear(4, name='layers_2')
        ], name='bbox_embed')

    def call(self, inp, training=False, post_process=False):
        x, masks = inp
        x = self.backbone(x, training=training)
        masks = self.downsample_masks(masks, x)
        pos_encoding = self.pos_encoder(masks)

        hs = self.transformer(self.input_proj(x), masks, self.query_embed(None),
                              pos_encoding, training=training)[0]

        outputs_class = self.class_embed(hs)
        outputs_coord = tf.sigmoid(self.bbox_embed(hs))

        output = {'pred_logits': outputs_class[-1],
                  'pred_boxes': outputs_coord[-1]}
        return output

    def downsample_masks(self, masks, x):
        masks = tf.cast(masks, tf.int32)
        masks = tf.expand_dims(masks, -1)
        masks = tf.compat.v1.image.resize_nearest_neighbor(
            masks, tf.shape(x)[1:3], align_corners=False, half_pixel_centers=False)
        masks = tf.squeeze(masks, -1)
        masks = tf.cast(masks, tf.bool)
        return masks

    def load_from_pickle(self, pickle_file, verbose=False):
        with open(pickle_file, 'rb') as f:
            detr_weights = pickle.load(f)

        for var in self.variables:
            if verbose:
                print('Loading', var.name)
            var = var.assign(detr_weights[var.name[:-2]])


def sample_inputs():
    images = np.random.default_rng(0).random((2, 16, 16, 3)).astype("float32")
    masks = np.zeros((2, 16, 16), dtype=bool)
    return images, masks


def build_model():
    model = DETR(num_classes=3, num_queries=NUM_QUERIES)
    images, masks = sample_inputs()
    model((images, masks))
    return model, (images, masks)
