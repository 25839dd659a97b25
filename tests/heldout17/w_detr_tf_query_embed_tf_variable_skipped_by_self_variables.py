"""DETR port to TensorFlow (Leonardo-Blanger/detr_tensorflow, mid-2020) run on Keras 3: the learned object
queries `query_embed` are a raw `tf.Variable` set in `DETR.__init__`, so Keras 3 does not track them;
they are missing from `model.variables`, `trainable_weights` and `count_params()`, `fit` never updates
them, and the repository's own loader (`load_from_pickle`, which walks `self.variables`) never
assigns the pretrained queries: they stay at their zero initial value.

`DETR(tf.keras.Model)` builds a backbone, a transformer, an input projection, the class head
(`Linear`) and the box head (`tf.keras.Sequential` of `Linear`/`ReLU`) as sublayers, and the
`num_queries x model_dim` query embedding as `tf.Variable(tf.zeros(...), name='query_embed/kernel')`
passed straight to the transformer in `call()`. `load_from_pickle` assigns every entry of
`self.variables` from a dict of converted PyTorch weights. On tf.keras 2 the `tf.Variable` attribute
was tracked by the model and appeared in `self.variables`; the author later replaced it by a
`FixedEmbedding` layer that creates the weight with `add_weight` (commit 3dde959).

Porting edits: `tf.keras` -> `keras` (ops stay `tf.*`), `/` removed from layer names (Keras 3 rejects
it), and the ResNet-50 backbone, sine position encoder and 6+6-layer transformer replaced by small
stand-ins passed through the constructor's own `backbone=`/`pos_encoder=`/`transformer=` arguments
(a 2-conv backbone, a zero position encoding and a one-layer transformer with the same call
signature `(source, mask, query_encoding, pos_encoding, training)` returning `(hs, memory)`).
`DETR`, `Linear`, `downsample_masks` and `load_from_pickle` are the author's.
"""

SOURCE = "https://github.com/Leonardo-Blanger/detr_tensorflow/blob/8834bae56b38070c8a4a469ad5752595c2934b74/models/detr.py"
CODES = ("LD003",)
CORRECT = False
STYLE = "ported-tf-keras"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout17/_measure.py tests/heldout17/w_detr_tf_query_embed_tf_variable_skipped_by_self_variables.py:
as returned: DETR, count_params() = 1888, 18 weights, unbuilt: none
after call: count_params() = 1888, 18 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 18 trainable weights: []
tape watched 1 variables the model does not track: ['query_embed/kernel:0']
params of the case's own layers: {'backbone': 1392, 'transformer': 144, 'query_proj': 72, 'memory_proj': 72, 'zero_position_embedding': 0, 'class_embed': 36, 'layers_2': 36, 'layers_1': 72, 'layers_0': 72}
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine17a/t_detr.py): 'query_embed' in [v.name for v in model.variables]: False (18 variables);
count_params() 1888 leaves out the 5x8 = 40 query values; running load_from_pickle's loop body (assign every entry
of self.variables; the author's name[:-2] keys no longer match Keras 3's short names, a second porting problem)
sets class_embed.kernel to the loaded values but leaves query_embed all zeros; one SGD(0.5) step over
model.trainable_variables changes the heads but not query_embed, although the tape gives it a non-None gradient."""

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

        self.query_embed = tf.Variable(
            tf.zeros((num_queries, self.model_dim), dtype=tf.float32),
            name='query_embed/kernel')

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

        hs = self.transformer(self.input_proj(x), masks, self.query_embed,
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
