"""A wrapper Model puts a norm, a pooling and a classifier head on a functional backbone and is built with `model.build()`.

The larq report: an `EmbedderWrapperModel(keras.Model)` holding a zoo backbone plus
`BatchNormalization`, `AveragePooling2D` and a softmax `Dense`; `summary()` demanded `model.build`,
and after `build` still failed. The backbone (a functional model) is built when created; the head
layers are not. A small conv backbone stands in for the zoo network.
"""

SOURCE = "https://github.com/larq/larq/issues/479"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_build_wrapper_model_around_backbone.py:
warning: `build()` was called on layer 'embedder_wrapper_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as
as returned: EmbedderWrapperModel, count_params() = 1392, 4 weights, unbuilt: ['BatchNormalization:batch_normalization', 'Flatten:flatten', 'Dense:dense']
no inputs known: not called"""

import keras


def small_backbone(input_shape):
    image = keras.Input(input_shape)
    x = keras.layers.Conv2D(8, 3, strides=2, activation="relu")(image)
    x = keras.layers.Conv2D(16, 3, strides=2, activation="relu")(x)
    return keras.Model(image, x, name="basenet")


class EmbedderWrapperModel(keras.Model):
    def __init__(self, input_shape, num_classes):
        super().__init__()
        self.basenet = small_backbone(input_shape)
        pool_size = self.basenet.output.shape[1:3]
        self.batch_norm = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)
        self.global_pool = keras.layers.AveragePooling2D(pool_size=pool_size)
        self.flatten = keras.layers.Flatten()
        self.dense_softmax = keras.layers.Dense(num_classes, activation="softmax")

    def call(self, inputs, training=None):
        x = self.basenet(inputs, training=training)
        x = self.batch_norm(x, training=training)
        x = self.global_pool(x)
        return self.dense_softmax(self.flatten(x))


def build_model():
    model = EmbedderWrapperModel((32, 32, 3), num_classes=10)
    model.build((None, 32, 32, 3))
    return model
