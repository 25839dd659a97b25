"""A class-incremental InceptionTime head `CosineLinear(in_features, out_features)` creates its weight with `add_weight`
in `__init__` from an input width the caller passes by hand (LD004): it works while the caller passes
`gap_layer.shape[-1]`, but the layer cannot adapt to, or be reused on, any other width.

From syKevinPeng/CMSC828A_FinalProject (continual-learning course project on InceptionTime with LUCIR-style cosine
normalisation), `src/model/cosine_norm.py`, a TF port of the PyTorch `CosineLinear` from LUCIR. `__init__` checks
`in_features`/`out_features`, then `self.weight = self.add_weight(shape=(in_features, out_features), ...)` and
`self.sigma = self.add_weight(shape=(1,), ...)`; there is no `build()`. `InceptionWithCL.build_model(...,
add_cosine_layer=True)` (`src/model/inception_cl.py`) wires it as
`CosineLinear(in_features=gap_layer.shape[-1], out_features=self.nb_classes)(gap_layer)`, and `fit_kd` does the
same on a loaded model's penultimate output. An earlier commit stored the weight PyTorch-style as
(out_features, in_features) with `transpose_b=True`; the final one transposed the shape and dropped the transpose.
Side note, not a catalog code: with the (in, out) layout `tf.nn.l2_normalize(self.weight, axis=1)` now normalises
each input row over the classes instead of each class vector, so the logits are no longer cosines.

Porting edits: none to the layer (`from keras.layers import Layer` is Keras 3 already). build_model() keeps
`InceptionWithCL`'s `_inception_module`, `_shortcut_layer` and `build_model(add_cosine_layer=True)` bodies as
written, as methods of a stripped class holding the hyperparameters (nb_filters=8, bottleneck 8, kernel_size=12,
depth=3, residual), on (32, 3) time series with 5 classes; the training/logging parts of the class are left out.
"""

SOURCE = "https://github.com/syKevinPeng/CMSC828A_FinalProject/blob/3ae6106bb352623c5b977c63496778c99c8b5e70/src/model/cosine_norm.py"
CODES = ("LD004",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine40/bs/bs_cmsc828a_cosinelinear_add_weight_in_init_in_features_passed_by_hand.py:
as returned: Functional, count_params() = 5873, 34 weights, unbuilt: none
after call: count_params() = 5873, 26 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 26 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'cosine_linear': 161}
second call: 0 variables watched that the first call did not use
probe (probe_cosine.py): right after __init__ `CosineLinear(32, 5)` is "built = False" yet already holds weights
[(32, 5), (1,)]; called on width 32 -> (2, 5); the same layer called on width 48 raised InvalidArgumentError
"Matrix size-incompatible: In[0]: [2,48], In[1]: [32,5] [Op:MatMul]" from inside CosineLinear.call (no Keras
input-spec check); in the model in_features = 32 = gap_layer.shape[-1], so the wired model works and trains."""

import tensorflow as tf
from tensorflow import keras
from keras.layers import Layer


class CosineLinear(Layer):
    def __init__(self, in_features, out_features, sigma=True):
        super(CosineLinear, self).__init__()
        if in_features == 0 or out_features == 0 or in_features == None or out_features == None:
            raise ValueError("in_features and out_features must be specified")
        self.in_features = in_features
        self.out_features = out_features
        self.weight = self.add_weight(shape=(in_features, out_features), initializer='uniform', trainable=True, name='CL_weight')
        if sigma:
            self.sigma = self.add_weight(shape=(1,), initializer='ones', trainable=True, name='CL_sigma')
        else:
            self.sigma = None

    def call(self, inputs):
        input_normalized = tf.nn.l2_normalize(inputs, axis=1)
        weight_normalized = tf.nn.l2_normalize(self.weight, axis=1)

        out = tf.linalg.matmul(input_normalized, weight_normalized)
        if self.sigma is not None:
            out = self.sigma * out
        return out


class InceptionWithCL:
    def __init__(self, nb_classes, nb_filters=8, use_residual=True, use_bottleneck=True, depth=3, kernel_size=12):
        self.nb_classes = nb_classes
        self.nb_filters = nb_filters
        self.use_residual = use_residual
        self.use_bottleneck = use_bottleneck
        self.depth = depth
        self.kernel_size = kernel_size
        self.bottleneck_size = 8

    def _inception_module(self, input_tensor, stride=1, activation='linear'):

        if self.use_bottleneck and int(input_tensor.shape[-1]) > 1:
            input_inception = keras.layers.Conv1D(filters=self.bottleneck_size, kernel_size=1,
                                                  padding='same', activation=activation, use_bias=False)(input_tensor)
        else:
            input_inception = input_tensor

        kernel_size_s = [self.kernel_size // (2 ** i) for i in range(3)]

        conv_list = []

        for i in range(len(kernel_size_s)):
            conv_list.append(keras.layers.Conv1D(filters=self.nb_filters, kernel_size=kernel_size_s[i],
                                                 strides=stride, padding='same', activation=activation, use_bias=False)(
                input_inception))

        max_pool_1 = keras.layers.MaxPool1D(pool_size=3, strides=stride, padding='same')(input_tensor)

        conv_6 = keras.layers.Conv1D(filters=self.nb_filters, kernel_size=1,
                                     padding='same', activation=activation, use_bias=False)(max_pool_1)

        conv_list.append(conv_6)

        x = keras.layers.Concatenate(axis=2)(conv_list)
        x = keras.layers.BatchNormalization()(x)
        x = keras.layers.Activation(activation='relu')(x)
        return x

    def _shortcut_layer(self, input_tensor, out_tensor):
        shortcut_y = keras.layers.Conv1D(filters=int(out_tensor.shape[-1]), kernel_size=1,
                                         padding='same', use_bias=False)(input_tensor)
        shortcut_y = keras.layers.BatchNormalization()(shortcut_y)

        x = keras.layers.Add()([shortcut_y, out_tensor])
        x = keras.layers.Activation('relu')(x)
        return x

    def build_model(self, input_shape, nb_classes, add_cosine_layer = False):
        input_layer = keras.layers.Input(input_shape)

        x = input_layer
        input_res = input_layer

        for d in range(self.depth):

            x = self._inception_module(x)

            if self.use_residual and d % 3 == 2:
                x = self._shortcut_layer(input_res, x)
                input_res = x

        gap_layer = keras.layers.GlobalAveragePooling1D()(x)

        if add_cosine_layer:
            output_layer = CosineLinear(in_features=gap_layer.shape[-1],out_features = self.nb_classes)(gap_layer)
            output_layer = keras.layers.Activation('softmax')(output_layer)
        else:
            output_layer = keras.layers.Dense(nb_classes, activation='softmax')(gap_layer)

        model = keras.models.Model(inputs=input_layer, outputs=output_layer)
        return model


def build_model():
    return InceptionWithCL(nb_classes=5).build_model((32, 3), 5, add_cosine_layer=True)
