# LD007 shared-layer: a layer or model returned by a factory function, called on two inputs (info)
import keras
from keras import layers, ops

CASE, TITLE = "LD007e", "a Sequential/Model/layer made once by a factory and called on two inputs"


def vgg_branch():
    return keras.Sequential([
        layers.Conv2D(8, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.GlobalAveragePooling2D(),
    ])


def make_encoder(dim=16):
    inputs = keras.Input((dim,))
    return keras.Model(inputs, layers.Dense(8, activation="relu")(inputs))


def dense_block(units):
    return layers.Dense(units, activation="relu")


def two_image_branches():
    left_image = keras.Input((24, 24, 3))
    right_image = keras.Input((24, 24, 3))
    branch = vgg_branch()  # LD007: one Sequential for both images
    merged = layers.concatenate([branch(left_image), branch(right_image)])
    return keras.Model([left_image, right_image], layers.Dense(2)(merged))


def two_texts():
    first = keras.Input((16,))
    second = keras.Input((16,))
    encoder = make_encoder()  # LD007: one functional Model for both inputs
    a = encoder(first)
    b = encoder(second)
    return keras.Model([first, second], ops.sum(a * b, axis=-1, keepdims=True))


def two_features():
    x1 = keras.Input((8,))
    x2 = keras.Input((8,))
    block = dense_block(8)  # LD007: one Dense for both features
    return keras.Model([x1, x2], layers.Add()([block(x1), block(x2)]))


def separate_branches():
    """Correct: the factory runs once per branch."""
    left_image = keras.Input((24, 24, 3))
    right_image = keras.Input((24, 24, 3))
    left_branch = vgg_branch()
    right_branch = vgg_branch()
    merged = layers.concatenate([left_branch(left_image), right_branch(right_image)])
    return keras.Model([left_image, right_image], layers.Dense(2)(merged))


def head(x):
    return layers.Dense(4)(x)


def function_applied_twice():
    """Correct: `head` is a function that makes a new Dense on each call, not a layer."""
    x1 = keras.Input((8,))
    x2 = keras.Input((8,))
    apply_head = head
    return keras.Model([x1, x2], layers.Add()([apply_head(x1), apply_head(x2)]))


def encode_two_batches():
    """Correct: a built model called twice on data is inference, not two branches sharing weights."""
    encoder = make_encoder()
    first = encoder(ops.ones((2, 16)))
    second = encoder(ops.zeros((3, 16)))
    return encoder, first, second
