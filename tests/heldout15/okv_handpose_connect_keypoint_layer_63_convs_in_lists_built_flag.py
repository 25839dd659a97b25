"""Hand-pose head of a modified EfficientDet (FreiHAND): a `ConnectKeypointLayer` that keeps 63
Conv2D layers in three plain lists, sets `self.built = True` in a `build()` that builds none of
them, and reads a per-keypoint scalar by indexing one `add_weight` matrix (`self.W[i]`) - all of
which is correct on Keras 3.

For each of the 21 hand keypoints the layer projects the BiFPN feature map with its own 1x1
conv (`self.conv2[i]`), concatenates it with the projections of the keypoint's skeleton
neighbours (the number of neighbours differs per keypoint, so every `conv2a[i]` sees another
input width), runs `conv2a[i]` and `conv2b[i]`, scales by `self.W[i]` and sums to one channel.
Keras 3 tracks the lists, builds every conv on the first call, and the indexed weight slice
still carries the gradient to `W`.

Porting edits: `tensorflow.keras.backend` `K.concatenate`/`K.sum` -> `tf.concat`/`tf.reduce_sum`;
`tf.keras` -> `keras`; the layer's `compute_output_shape` (which returned `(batch, output_dim)`
although the layer returns a 21-channel map, and which Keras 3 would trust when wiring the
functional model) left out; `get_config` dropped; the EfficientNet/BiFPN trunk replaced by an
8x8x16 input; the depth head and one heat-map head from network.py kept.
"""

SOURCE = "https://github.com/davidkwlarsson/ModifiedEfficientDet/blob/c85881057eee6bb55db2e98865cf78c0fc56a9a5/Modified_EfficientDet/keypointconnector.py"
CODES = ()
CORRECT = True
STYLE = "container"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout15/_measure.py okv_handpose_connect_keypoint_layer_63_convs_in_lists_built_flag.py:
as returned: Functional, count_params() = 301024, 131 weights, unbuilt: none
after call: count_params() = 301024, 131 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 131 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'connect_keypoint_layer': 268789}  (63 convs x 2 weights + W = 127 of the 131)
second call: 0 variables watched that the first call did not use
Own script (/tmp/mine15b/fitf.py): one fit epoch (sgd, mse on both heads) changed 131 of 131 trainable weights, W included."""

import keras
from keras import layers
import tensorflow as tf


def keypoint_connections():
    connection_dict = dict()
    for i in range(21):
        connection_dict[i] = list()
        if i in [5, 9, 13, 17]:
            connection_dict[i].append(0)
        elif i == 0:
            connection_dict[i].append(1)
            connection_dict[i].append(5)
            connection_dict[i].append(9)
            connection_dict[i].append(13)
            connection_dict[i].append(17)
        else:
            connection_dict[i].append(i-1)
        if i not in [0, 4, 8, 12, 16, 20]:
            connection_dict[i].append(i + 1)

    return connection_dict


class ConnectKeypointLayer(layers.Layer):

    def __init__(self, output_dim, **kwargs):
        super(ConnectKeypointLayer, self).__init__(**kwargs)
        self.output_dim = output_dim
        self.conv2 = list()
        self.conv2a = list()
        self.conv2b = list()
        for i in range(21):
            #TODO: How about activation here?
            self.conv2a.append(keras.layers.Conv2D(32, (1, 1), padding='same', activation='relu'))
            self.conv2b.append(keras.layers.Conv2D(32, (3, 3), padding='same', activation='relu'))
            self.conv2.append(keras.layers.Conv2D(32, (1, 1), padding='same', activation='relu'))

    def build(self, input_shape):
        # Create a trainable weight variable for this layer.
        # self.W = list()
        # for i in range(21):
        self.W = self.add_weight(name='lambda',
                                 shape=[21,
                                        1],
                                 initializer='uniform',
                                 trainable=True)

        self.built = True

    def call(self, input):
        f = list()
        fn = list()
        c_dict = keypoint_connections()
        for i in range(21):
            f.append(self.conv2[i](input))
        for i in range(21):
            c = list()
            c.append(f[i])

            for j in c_dict[i]:
                c.append(f[j])

            c = tf.concat(tuple(c), axis=-1)
            h = self.conv2a[i](c)
            g = self.conv2b[i](h)
            l = g * self.W[i]
            fn.append(tf.reduce_sum(tf.concat((f[i], l), axis=-1), axis=-1, keepdims=True))

        return tf.concat(tuple(fn), axis=-1)


def build_model():
    feature3 = layers.Input(shape=(8, 8, 16))  ## OUTPUT SIZE OF 28,28,64 for freihand
    x = ConnectKeypointLayer(64)(feature3)

    depth = layers.Flatten()(x)
    depth = layers.Dense(21, activation='linear', name='depth')(depth)

    feature2 = layers.UpSampling2D()(x)
    feature2 = layers.Conv2D(21, kernel_size=3, strides=1, padding="same", activation='softmax',
                             name='normalsize')(feature2)
    return keras.Model(inputs=feature3, outputs=[depth, feature2])
