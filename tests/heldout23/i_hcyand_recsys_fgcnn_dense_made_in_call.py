"""An FGCNN feature-generation layer (recommender CTR model) whose recombination `Dense` is instantiated
inside `call()`, once per convolution stage, every time the layer runs.

From Hcyand/recommender_system (`algorithm/deep_learning/layer/interaction.py`, class `FGCNNLayer`).
`build()` makes the `Conv2D`/`MaxPool2D` lists and the `Flatten` properly, but the "recombination"
fully-connected layer of each stage is written inline in `call()`:
`out = Dense(self.dnn_maps[i] * x.shape[1] * x.shape[2], activation='relu')(out)`. The Dense is a local
object, so it is never assigned to the layer: a fresh, randomly initialised kernel is made on each
call, it is not counted, not trained and not saved.

Porting edits: `tensorflow.keras`/`keras` layer imports -> `keras.layers` (the ops stay `tf.*`); only
the `FGCNNLayer` class of the file is kept; the repository has no FGCNN model file, so `build_model()`
wires it as the FGCNN paper does: field embeddings (6 fields, k = 4, from an `Input` of shape (6, 4))
-> `FGCNNLayer(filters=[4, 4], kernel_width=[3, 3], dnn_maps=[2, 2], pooling_width=[2, 2])` (the
default widths 14/16 and kernel 7 shrunk) -> concat with the raw embeddings -> `Flatten` -> `Dense(1)`.
"""

SOURCE = "https://github.com/Hcyand/recommender_system/blob/010194c970e4ae1d1028afbd1f37f9a8a51256f3/algorithm/deep_learning/layer/interaction.py"
CODES = ("LD002",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout23/_measure.py tests/heldout23/i_hcyand_recsys_fgcnn_dense_made_in_call.py:
as returned: Functional, count_params() = 125, 6 weights, unbuilt: none
after call: count_params() = 125, 6 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 6 trainable weights: []
tape watched 4 variables the model does not track: ['functional/fgcnn_layer/dense_3/kernel:0', 'functional/fgcnn_layer/dense_3/bias:0', 'functional/fgcnn_layer/dense_4/kernel:0', 'functional/fgcnn_layer/dense_4/bias:0']
params of the case's own layers: {'fgcnn_layer': 68}
second call: 4 variables watched that the first call did not use
Own script (/tmp/mine23b/fgprobe.py): the layer's 4 tracked weights are the two Conv2D kernels/biases
only; the two recombination Dense layers (48*24+24 and 16*8+8 values) are new on every call, so two
inference calls on the same input give different outputs (max |diff| 0.17) and fit can never train them."""

import keras
import tensorflow as tf
from keras.layers import Layer, Dense, Flatten, Conv2D, MaxPool2D


class FGCNNLayer(Layer):
    def __init__(self, filters=[14, 16], kernel_width=[7, 7], dnn_maps=[3, 3], pooling_width=[2, 2]):
        super(FGCNNLayer, self).__init__()
        self.filters = filters
        self.kernel_width = kernel_width
        self.dnn_maps = dnn_maps
        self.pooling_width = pooling_width

    def build(self, input_shape):
        n = input_shape[1]
        k = input_shape[-1]
        self.conv_layers = []
        self.pool_layers = []
        self.dense_layers = []
        for i in range(len(self.filters)):
            self.conv_layers.append(
                Conv2D(filters=self.filters[i],
                       kernel_size=(self.kernel_width[i], 1),
                       strides=(1, 1),
                       padding='same',
                       activation='tanh')
            )
            self.pool_layers.append(
                MaxPool2D(pool_size=(self.pooling_width[i], 1))
            )
        self.flatten_layer = Flatten()

    def call(self, inputs, **kwargs):
        k = inputs.shape[-1]
        dnn_output = []
        x = tf.expand_dims(inputs, axis=-1)
        for i in range(len(self.filters)):
            x = self.conv_layers[i](x)
            x = self.pool_layers[i](x)
            out = self.flatten_layer(x)
            out = Dense(self.dnn_maps[i] * x.shape[1] * x.shape[2], activation='relu')(out)
            out = tf.reshape(out, shape=(-1, out.shape[1] // k, k))
            dnn_output.append(out)

        output = tf.concat(dnn_output, axis=1)
        return output


def build_model():
    embed = keras.Input(shape=(6, 4), name="field_embeddings")
    new_features = FGCNNLayer(filters=[4, 4], kernel_width=[3, 3], dnn_maps=[2, 2], pooling_width=[2, 2])(embed)
    x = keras.layers.Concatenate(axis=1)([embed, new_features])
    x = keras.layers.Flatten()(x)
    out = keras.layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(embed, out)
