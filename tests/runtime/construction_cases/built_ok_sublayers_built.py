"""Correct twin: build() creates and builds its sublayers."""
import keras


class TwoHeads(keras.layers.Layer):
    def build(self, input_shape):
        self.heads = {"a": keras.layers.Dense(3), "b": keras.layers.Conv1D(2, 1)}
        for head in self.heads.values():
            head.build(input_shape)

    def call(self, x):
        return self.heads["a"](x) + self.heads["b"](x)[..., :1]


def build_model():
    layer = TwoHeads()
    layer.build((None, 4, 4))
    return layer, keras.ops.ones((2, 4, 4))
