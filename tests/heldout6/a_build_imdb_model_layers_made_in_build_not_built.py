"""A subclassed IMDB model that creates its sublayers inside `build()` and is prepared with `model.build(input_shape=(None, 200))`: on Keras 3 nothing is built.

"Eat TensorFlow2 in 30 days" (chapter 6-1, three ways to build a model) defines `ResBlock` and
`ImdbModel` whose `build()` methods *create* the sublayers (embedding, two residual blocks, the
output Dense) and then call `super().build(input_shape)`, "which amounts to setting
self.built = True"; the model is then built with `model.build(input_shape=(None, 200))` and
`model.summary()` shows 103,197 parameters on TF 2.1. On Keras 3, `Model.build()` of a subclass
does not run `call()`: the overridden `build()` makes the layers and marks the model built, but
none of them gets a variable. The summary shows 0 parameters, and `load_weights` after such a
`build()` has nothing to load into; only a first real call creates the weights.
"""

SOURCE = "https://github.com/lyhue1991/eat_tensorflow2_in_30_days/blob/master/6-1,构建模型的3种方法.md"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout6/_measure.py a_build_imdb_model_layers_made_in_build_not_built.py:
as returned: ImdbModel, count_params() = 0, 0 weights, unbuilt: ['Embedding:embedding', 'ResBlock:res_block', 'ResBlock:res_block_1', 'Dense:dense']
no inputs known: not called
extra check (python: model(np.ones((2, 200), 'int32'))): count_params() 0 -> 103197: a real call builds what build() only created"""

import tensorflow as tf
from tensorflow.keras import layers, models

MAX_WORDS = 10000
MAX_LEN = 200


class ResBlock(layers.Layer):
    def __init__(self, kernel_size, **kwargs):
        super(ResBlock, self).__init__(**kwargs)
        self.kernel_size = kernel_size

    def build(self, input_shape):
        self.conv1 = layers.Conv1D(filters=64, kernel_size=self.kernel_size,
                                   activation="relu", padding="same")
        self.conv2 = layers.Conv1D(filters=32, kernel_size=self.kernel_size,
                                   activation="relu", padding="same")
        self.conv3 = layers.Conv1D(filters=input_shape[-1],
                                   kernel_size=self.kernel_size, activation="relu", padding="same")
        self.maxpool = layers.MaxPool1D(2)
        super(ResBlock, self).build(input_shape)  # amounts to self.built = True

    def call(self, inputs):
        x = self.conv1(inputs)
        x = self.conv2(x)
        x = self.conv3(x)
        x = layers.Add()([inputs, x])
        x = self.maxpool(x)
        return x

    def get_config(self):
        config = super(ResBlock, self).get_config()
        config.update({"kernel_size": self.kernel_size})
        return config


class ImdbModel(models.Model):
    def __init__(self):
        super(ImdbModel, self).__init__()

    def build(self, input_shape):
        self.embedding = layers.Embedding(MAX_WORDS, 7)
        self.block1 = ResBlock(7)
        self.block2 = ResBlock(5)
        self.dense = layers.Dense(1, activation="sigmoid")
        super(ImdbModel, self).build(input_shape)

    def call(self, x):
        x = self.embedding(x)
        x = self.block1(x)
        x = self.block2(x)
        x = layers.Flatten()(x)
        x = self.dense(x)
        return x


def build_model():
    tf.keras.backend.clear_session()
    model = ImdbModel()
    model.build(input_shape=(None, MAX_LEN))
    model.compile(optimizer="Nadam", loss="binary_crossentropy", metrics=["accuracy", "AUC"])
    return model
