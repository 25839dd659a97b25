"""Correct: CapsNet's evaluation model masks the digit capsules with `one_hot(argmax(lengths))`, and one Sequential decoder is shared by the training, evaluation and manipulation models.

XifengGuo/CapsNet-Keras builds three functional models over the same layers: `train_model`
(masks with the true label), `eval_model` (masks with the capsule of maximal length, through
`K.one_hot(K.argmax(x, 1))` inside the `Mask` layer) and `manipulate_model` (adds noise to the
capsules); the decoder is one `Sequential` called in all three. An argmax between the capsules
and the reconstruction, and a whole Sequential reused across models, both look like trouble. But
the one-hot mask only *selects* a capsule: the reconstruction is `inputs * mask`, so the
decoder's and the capsule layer's weights get gradients through the product (and through the
`Length` output), and the shared decoder's weights are simply the same variables in each model.
Ported to Keras 3 (`keras.ops` for `keras.backend`; `einsum` for the `map_fn`/`batch_dot`),
with a smaller input so it builds quickly.
"""

SOURCE = "https://github.com/XifengGuo/CapsNet-Keras/blob/master/capsulelayers.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py oka_capsnet_eval_model_argmax_mask_shared_decoder.py:
as returned: Functional, count_params() = 80032, 9 weights, unbuilt: none
after call: count_params() = 80032, 9 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 9 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'digitcaps': 32768, 'mask_1': 0, 'capsnet': 0}
second call: 0 variables watched that the first call did not use"""

import numpy as np
import keras
from keras import initializers, layers, models, ops


class Length(layers.Layer):
    def call(self, inputs, **kwargs):
        return ops.sqrt(ops.sum(ops.square(inputs), -1))

    def compute_output_shape(self, input_shape):
        return input_shape[:-1]


class Mask(layers.Layer):
    def call(self, inputs, **kwargs):
        if type(inputs) is list:  # true label is provided with shape = [None, n_classes]
            assert len(inputs) == 2
            inputs, mask = inputs
        else:  # no true label: mask by the max length of capsules (prediction)
            x = ops.sqrt(ops.sum(ops.square(inputs), -1))
            mask = ops.one_hot(ops.argmax(x, 1), x.shape[1])
        masked = ops.reshape(inputs * ops.expand_dims(mask, -1), (-1, inputs.shape[1] * inputs.shape[2]))
        return masked

    def compute_output_shape(self, input_shape):
        if type(input_shape[0]) is tuple:
            return (None, input_shape[0][1] * input_shape[0][2])
        return (None, input_shape[1] * input_shape[2])


def squash(vectors, axis=-1):
    s_squared_norm = ops.sum(ops.square(vectors), axis, keepdims=True)
    scale = s_squared_norm / (1 + s_squared_norm) / ops.sqrt(s_squared_norm + keras.config.epsilon())
    return scale * vectors


class CapsuleLayer(layers.Layer):
    def __init__(self, num_capsule, dim_capsule, routings=3, kernel_initializer="glorot_uniform", **kwargs):
        super(CapsuleLayer, self).__init__(**kwargs)
        self.num_capsule = num_capsule
        self.dim_capsule = dim_capsule
        self.routings = routings
        self.kernel_initializer = initializers.get(kernel_initializer)

    def build(self, input_shape):
        self.input_num_capsule = input_shape[1]
        self.input_dim_capsule = input_shape[2]
        self.W = self.add_weight(shape=[self.num_capsule, self.input_num_capsule,
                                        self.dim_capsule, self.input_dim_capsule],
                                 initializer=self.kernel_initializer, name="W")
        self.built = True

    def call(self, inputs, training=None):
        # inputs_hat.shape = [None, num_capsule, input_num_capsule, dim_capsule]
        inputs_hat = ops.einsum("bid,jiod->bjio", inputs, self.W)
        b = ops.zeros((ops.shape(inputs_hat)[0], self.num_capsule, self.input_num_capsule))
        for i in range(self.routings):
            c = ops.softmax(b, axis=1)
            outputs = squash(ops.einsum("bji,bjio->bjo", c, inputs_hat))
            if i < self.routings - 1:
                b += ops.einsum("bjo,bjio->bji", outputs, inputs_hat)
        return outputs

    def compute_output_shape(self, input_shape):
        return (None, self.num_capsule, self.dim_capsule)


def PrimaryCap(inputs, dim_capsule, n_channels, kernel_size, strides, padding):
    output = layers.Conv2D(filters=dim_capsule * n_channels, kernel_size=kernel_size, strides=strides,
                           padding=padding, name="primarycap_conv2d")(inputs)
    outputs = layers.Reshape(target_shape=[-1, dim_capsule], name="primarycap_reshape")(output)
    return layers.Lambda(squash, name="primarycap_squash")(outputs)


def CapsNet(input_shape, n_class, routings):
    x = layers.Input(shape=input_shape)
    conv1 = layers.Conv2D(filters=32, kernel_size=5, strides=1, padding="valid", activation="relu", name="conv1")(x)
    primarycaps = PrimaryCap(conv1, dim_capsule=8, n_channels=4, kernel_size=5, strides=2, padding="valid")
    digitcaps = CapsuleLayer(num_capsule=n_class, dim_capsule=16, routings=routings, name="digitcaps")(primarycaps)
    out_caps = Length(name="capsnet")(digitcaps)

    y = layers.Input(shape=(n_class,))
    masked_by_y = Mask()([digitcaps, y])  # true label masks the capsule layer, for training
    masked = Mask()(digitcaps)  # the capsule with maximal length, for prediction

    decoder = models.Sequential(name="decoder")
    decoder.add(layers.Input((16 * n_class,)))
    decoder.add(layers.Dense(64, activation="relu"))
    decoder.add(layers.Dense(int(np.prod(input_shape)), activation="sigmoid"))
    decoder.add(layers.Reshape(target_shape=input_shape, name="out_recon"))

    train_model = models.Model([x, y], [out_caps, decoder(masked_by_y)])
    eval_model = models.Model(x, [out_caps, decoder(masked)])

    noise = layers.Input(shape=(n_class, 16))
    noised_digitcaps = layers.Add()([digitcaps, noise])
    masked_noised_y = Mask()([noised_digitcaps, y])
    manipulate_model = models.Model([x, y, noise], decoder(masked_noised_y))
    return train_model, eval_model, manipulate_model


def build_model():
    _, eval_model, _ = CapsNet(input_shape=(16, 16, 1), n_class=4, routings=3)
    return eval_model
