"""Fixed twin of ld008_incompatible_reuse.py: each input shape gets its own Dense."""

import keras


def build_model():
    sensors = keras.Input((4,), name="sensors")
    weather = keras.Input((6,), name="weather")
    embed_sensors = keras.layers.Dense(8, activation="relu")
    embed_weather = keras.layers.Dense(8, activation="relu")
    s = embed_sensors(sensors)
    w = embed_weather(weather)
    merged = keras.layers.Concatenate()([s, w])
    outputs = keras.layers.Dense(1)(merged)
    return keras.Model([sensors, weather], outputs)
