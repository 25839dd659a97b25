"""LD012 lambda-captured-state: a Lambda layer calls a Dense defined outside it.

A Lambda tracks nothing its function uses: the Dense computes but belongs to no layer of the
model (the Lambda row shows 0 parameters), so it is not trained and not saved. Keras 3 is silent.
"""

import keras


def build_model():
    inputs = keras.Input((4,))
    proj = keras.layers.Dense(4)
    scaled = keras.layers.Lambda(lambda t: proj(t) * 0.5)(inputs)  # LD012
    outputs = keras.layers.Dense(1)(scaled)
    return keras.Model(inputs, outputs)
