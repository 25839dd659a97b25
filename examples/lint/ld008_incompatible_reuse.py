"""LD008 incompatible-reuse: one Dense shared between a 4-feature and a 6-feature input.

The first call sizes the kernel (4, 8); the second call cannot use it. Keras 3 raises
"expected axis -1 of input shape to have value 4, but received input with shape (None, 6)".
The Dense is also a shared layer, hence the LD007 note on its constructor.
"""

import keras


def build_model():
    sensors = keras.Input((4,), name="sensors")
    weather = keras.Input((6,), name="weather")
    embed = keras.layers.Dense(8, activation="relu")  # LD007
    s = embed(sensors)
    w = embed(weather)  # LD008
    merged = keras.layers.Concatenate()([s, w])
    outputs = keras.layers.Dense(1)(merged)
    return keras.Model([sensors, weather], outputs)
