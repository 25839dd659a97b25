"""A one-Dense subclassed model is built with `model.build((None, 10))` and summarised before it is ever called.

The TF 1.12 report: `model.build((None, 10)); model.summary()` raised "You tried to call
`count_params` on dense_81, but the layer isn't built"; commenters in 2019-2021 hit the same in TF 2
and were told to pass an input tensor through the model first.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/22963"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py b_build_subclass_model_build_summary.py:
warning: `build()` was called on layer 'my_model', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as built, despit
as returned: MyModel, count_params() = 0, 0 weights, unbuilt: ['Dense:dense']
no inputs known: not called"""

import keras


class MyModel(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(4)

    def call(self, inputs):
        return self.dense(inputs)


def build_model():
    model = MyModel()
    model.build((None, 10))
    return model
