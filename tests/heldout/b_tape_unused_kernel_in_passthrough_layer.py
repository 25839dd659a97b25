"""A placeholder custom layer that creates a large kernel with `add_weight` in `build()` and returns its input unchanged.

The TF 1.15 report ("Bug caused by creating custom layer") has `CustomModel(Layer)` whose `build()`
adds a (32, 512, 512) kernel, marked "#dumb", while `call()` returns `inputs[0]`. The kernel is counted
and handed to the optimizer, but nothing reads it.
"""

SOURCE = "https://github.com/tensorflow/tensorflow/issues/39496"
CODES = ("LD009",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py b_tape_unused_kernel_in_passthrough_layer.py:
as returned: Functional, count_params() = 4324, 4 weights, unbuilt: none
after call: count_params() = 4324, 4 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 1 of 4 trainable weights: ['custom_model/variable']
tape watched 0 variables the model does not track: []
params of the case's own layers: {'custom_model': 1024}
second call: 0 variables watched that the first call did not use"""

import keras


class CustomModel(keras.layers.Layer):
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(4, 16, 16), initializer=keras.initializers.GlorotUniform(seed=1),
                                      trainable=True)  # dumb

    def call(self, inputs):
        return inputs[0]


def build_model(vocab=100, seq=16):
    source = keras.Input(shape=(seq,), dtype="int32", name="source")
    target = keras.Input(shape=(seq,), dtype="int32", name="target")
    embedding = keras.layers.Embedding(vocab, 16)
    combined = CustomModel()([embedding(source), embedding(target)])
    outputs = keras.layers.Dense(vocab, activation="softmax")(combined)
    model = keras.Model([source, target], outputs)
    model.compile("adam", "sparse_categorical_crossentropy")
    return model
