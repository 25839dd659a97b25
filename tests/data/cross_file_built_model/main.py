import keras
from keras import layers
from defs import backbone, fresh_classifier


class Adapter(layers.Layer):
    def __init__(self, inner, **kwargs):
        super().__init__(**kwargs)
        self.inner = inner
        self.extra = layers.Dense(4)

    def call(self, x):
        return self.inner(x) + self.extra(x)


def swap_after_build():
    model = backbone()
    model.get_layer("proj").adapter = Adapter(layers.Dense(4))
    model(keras.ops.ones((1, 8)))
    return model


def add_head_before_build():
    model = fresh_classifier()
    model.head = layers.Dense(2)
    model(keras.ops.ones((1, 8)))
    return model


if __name__ == "__main__":
    for f in (swap_after_build, add_head_before_build):
        try:
            m = f()
            print(f.__name__, "ok", m.count_params())
        except Exception as e:
            print(f.__name__, type(e).__name__, str(e)[:150])
