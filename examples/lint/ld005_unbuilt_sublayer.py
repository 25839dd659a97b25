"""LD005 unbuilt-sublayer: an auxiliary head that nothing calls.

`aux_head` never gets weights: the summary shows it as `0 (unbuilt)`, and Keras 3 warns that
'classifier' "looks like it has unbuilt state" (tf.keras 2: `0 (unused)`, no warning).
"""

import keras


class Classifier(keras.Model):
    def __init__(self, num_classes=3, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(16, activation="relu")
        self.aux_head = keras.layers.Dense(5)  # LD005
        self.head = keras.layers.Dense(num_classes)

    def call(self, inputs):
        return self.head(self.hidden(inputs))


def build_model():
    return Classifier()
