# LD011 untracked-container: a helper function of the code that wires a functional model calls a position
# Embedding on `ops.arange(...)` (a concrete tensor, written over several lines inside ops.expand_dims) and adds
# it to a layer's output on its parameter, which the caller passes a KerasTensor (tests/heldout28 vit-keras3).
# Measured on Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow, /tmp/f32/m_ld011u.py): build() gives a model of
# InputLayer, Dense, Dense and 58 parameters: the Embedding and its 48 weights are not in it (its output joined
# the graph as a constant); build_fixed, without the table, has the same 58.
import keras
from keras import layers, ops


def add_positions(tokens, length, width):
    positions = ops.expand_dims(
        ops.arange(start=0, stop=length, step=1), axis=0
    )
    embedded = layers.Dense(width)(tokens)
    table = layers.Embedding(input_dim=length, output_dim=width)(positions)
    return embedded + table  # LD011


def add_positions_fixed(tokens, length, width):
    embedded = layers.Dense(width)(tokens)
    return embedded


def build(length=6, width=8):
    inputs = keras.Input((length, 4))
    x = add_positions(inputs, length, width)
    return keras.Model(inputs, layers.Dense(2)(x))


def build_fixed(length=6, width=8):
    inputs = keras.Input((length, 4))
    x = add_positions_fixed(inputs, length, width)
    return keras.Model(inputs, layers.Dense(2)(x))
