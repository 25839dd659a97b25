"""Fixed twin of ld005_unbuilt_sublayer.py: the unused auxiliary head is gone.

If the head was meant to be used, call it in `call()` instead (and give it a loss).
"""

import keras


class Classifier(keras.Model):
    def __init__(self, num_classes=3, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(16, activation="relu")
        self.head = keras.layers.Dense(num_classes)

    def call(self, inputs):
        return self.head(self.hidden(inputs))


def build_model():
    return Classifier()
