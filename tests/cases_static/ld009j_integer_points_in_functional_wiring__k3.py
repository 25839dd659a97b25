# LD009 no-gradient: an integer/argmax point in functional wiring cuts every path back to earlier weights
import keras
import tensorflow as tf
from keras import layers, ops

CASE, TITLE = "LD009j", "argmax, one_hot(argmax) and clipped integer casts between trainable layers"
VOCAB, STEPS = 10, 6


def make_bucketed():
    """The Dense learns nothing: its output is cast to int (then clipped) and used as Embedding ids."""
    inputs = layers.Input(shape=(5,))
    x = layers.Dense(VOCAB, activation="tanh")(inputs)
    x = layers.Rescaling(5.0, 5.0)(x)
    x = layers.Lambda(lambda t: ops.clip(ops.cast(t, "int32"), 0, VOCAB - 1))(x)  # LD009
    x = layers.Embedding(VOCAB, 4)(x)
    return keras.Model(inputs, layers.Dense(1)(layers.Flatten()(x)))


def hard_decode(t):
    return ops.one_hot(ops.argmax(ops.softmax(t), axis=-1), VOCAB)


def make_relay():
    """The two relay Dense layers learn nothing: a one-hot of the argmax has no gradient."""
    return keras.Sequential([
        keras.Input((VOCAB,)),
        layers.Dense(VOCAB, activation="relu"),
        layers.Dense(VOCAB),
        layers.Lambda(hard_decode),  # LD009
        layers.Dense(VOCAB, activation="softmax"),
    ])


def make_tf_relay():
    """tf ops spelling: a float cast of tf.argmax still carries no gradient to the Dense."""
    inputs = keras.Input((VOCAB,))
    scores = layers.Dense(VOCAB)(inputs)
    picked = layers.Lambda(lambda t: tf.cast(tf.argmax(t, axis=-1), tf.float32))(scores)  # LD009
    return keras.Model(inputs, layers.Dense(1)(layers.Reshape((1,))(picked)))


def make_generator():
    noise = keras.Input((STEPS,))
    x = layers.Dense(16, activation="relu")(layers.Reshape((STEPS, 1))(noise))
    return keras.Model(noise, layers.Dense(VOCAB, activation="softmax")(x))


def make_critic():
    tokens = keras.Input((STEPS,), dtype="int64")
    x = layers.GlobalAveragePooling1D()(layers.Embedding(VOCAB, 8)(tokens))
    return keras.Model(tokens, layers.Dense(1, activation="sigmoid")(x))


def make_gan():
    """The generator learns nothing: argmax of its output (no Lambda) feeds the critic."""
    generator, critic = make_generator(), make_critic()
    critic.trainable = False
    noise = keras.Input((STEPS,))
    fake_tokens = ops.argmax(generator(noise), axis=-1)  # LD009
    return keras.Model(noise, critic(fake_tokens))


def make_token_features():
    """Correct: the integer cast and one_hot act on the model's input; no weights sit before them."""
    inputs = keras.Input((STEPS,))
    ids = layers.Lambda(lambda t: ops.one_hot(ops.cast(t, "int32"), VOCAB))(inputs)
    return keras.Model(inputs, layers.Dense(1)(layers.Flatten()(ids)))


def make_input_argmax():
    """Correct: argmax of the raw input picks Embedding ids; the Embedding and Dense train."""
    inputs = keras.Input((STEPS, VOCAB))
    ids = ops.argmax(inputs, axis=-1)
    x = layers.GlobalAveragePooling1D()(layers.Embedding(VOCAB, 4)(ids))
    return keras.Model(inputs, layers.Dense(1)(x))


def make_straight_through():
    """Correct: the hard one-hot is passed straight through, so the Dense gets the soft gradient."""
    inputs = keras.Input((VOCAB,))
    scores = layers.Dense(VOCAB)(inputs)
    hard = layers.Lambda(lambda t: t + ops.stop_gradient(ops.one_hot(ops.argmax(t, axis=-1), VOCAB) - t))(scores)
    return keras.Model(inputs, layers.Dense(1)(hard))


def make_clipped():
    """Correct: clip without an integer cast is differentiable inside the range."""
    inputs = keras.Input((VOCAB,))
    x = layers.Dense(VOCAB)(inputs)
    x = layers.Lambda(lambda t: ops.clip(t, 0.0, 1.0))(x)
    return keras.Model(inputs, layers.Dense(1)(x))
