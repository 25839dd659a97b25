# LD009 no-gradient: add_weight called on a built-in layer from outside; its call() never reads it
import keras

CASE, TITLE = "LD009g", "conv.add_weight(...) in a model factory"


def make_functional():
    inputs = keras.Input((8, 8, 3))
    conv = keras.layers.Conv2D(4, 3)
    conv.gain = conv.add_weight(name="gain", shape=(4,), initializer="ones")  # LD009
    head = keras.layers.Dense(1)
    head.offset = head.add_weight(name="offset", shape=(), initializer="zeros")
    x = keras.layers.GlobalAveragePooling2D()(conv(inputs))
    model = keras.Model(inputs, head(x))

    def shifted_mse(y_true, y_pred):  # reads head.offset: that weight is trained through the loss
        return keras.ops.mean(keras.ops.square(y_true - y_pred - head.offset))

    model.compile(optimizer="adam", loss=shifted_mse)
    return model
