"""Subclassed CNN calls `self.build(...)` in its own `__init__` so that `summary()` works before `fit()`.

A comment on the tf.keras issue about subclassed-model summaries recommends, as "a more
robust solution", building the first layer explicitly and then `self.build(input_shape)` on
the model inside `__init__()`. On Keras 3 only the explicitly built Conv2D gets weights; the
model is marked built while the other Conv2D and both Dense layers are unbuilt.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/25036"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
ClassCNN((28, 28, 1), 10) prints the UserWarning "`build()` was called on layer 'class_cnn', however
the layer does not have a `build()` method implemented and it looks like it has unbuilt state";
count_params() == 80 (conv1 only); conv2, dense and classifier are unbuilt (summary: 0 (unbuilt)).
After a call on a (2, 28, 28, 1) batch count_params() == 75,338."""

import keras
from keras.layers import Conv2D, Dense, Dropout, Flatten, MaxPooling2D


class ClassCNN(keras.Model):
    def __init__(self, input_shape, output_shape, **kwargs):
        super().__init__(**kwargs)
        self._input_shape = input_shape
        self._output_shape = output_shape

        self.conv1 = Conv2D(8, kernel_size=(3, 3), activation="relu")
        self.conv2 = Conv2D(16, kernel_size=(3, 3), activation="relu")
        self.maxpool = MaxPooling2D(pool_size=(2, 2))
        self.dropout1 = Dropout(0.25)
        self.flatten = Flatten()
        self.dense = Dense(32, activation="relu")
        self.dropout2 = Dropout(0.5)
        self.classifier = Dense(output_shape, activation="softmax")

        # "fixes the model.summary() before model.fit() bug"
        self.conv1.build((None, *input_shape))
        self.build((None, *input_shape))

    def call(self, x, training=False):
        x = self.conv1(x)
        x = self.conv2(x)
        x = self.maxpool(x)
        x = self.dropout1(x, training=training)
        x = self.flatten(x)
        x = self.dense(x)
        x = self.dropout2(x, training=training)
        return self.classifier(x)


def build_model():
    return ClassCNN((28, 28, 1), 10)
