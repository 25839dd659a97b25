# LD012 lambda-captured-state: layers reached through a container, or through a factory's closure
import keras
from keras import layers, ops

CASE, TITLE = "LD012d", "a Lambda running a list of layers; a Lambda made by a factory closing over a model"

head_blocks = {"hidden": layers.Dense(16, activation="relu"), "out": layers.Dense(2)}
tower = [layers.Dense(8, activation="relu") for _ in range(3)]


def run_head(x):
    return head_blocks["out"](head_blocks["hidden"](x))


def run_tower(x):
    for block in tower:
        x = block(x)
    return x


def repeat(model, times):
    def apply(x):
        for _ in range(times):
            x = model(x)
        return x
    return apply


def scale_by(factor):
    def apply(x):
        return x * factor
    return apply


def build():
    inputs = keras.Input((8,))
    encoder = keras.Model(inputs, layers.Dense(8)(inputs))
    x = layers.Lambda(run_tower)(inputs)  # LD012: the Dense layers of `tower` are not tracked
    x = layers.Lambda(repeat(encoder, 2), output_shape=(8,))(x)  # LD012: `encoder` reached through the closure
    x = layers.Lambda(scale_by(0.5))(x)  # fine: the closure holds a number
    y = layers.Lambda(run_head, output_shape=(2,))(x)  # LD012: layers in a dict
    return keras.Model(inputs, ops.relu(y))
