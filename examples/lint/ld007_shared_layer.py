"""LD007 shared-layer (info): one encoder applied to the question and to the answer.

Both calls use the same weights, and the summary counts them once (136 parameters, not 272).
Correct for a siamese model; a bug if each input was meant to get its own encoder.
"""

import keras


def build_model():
    question = keras.Input((16,), name="question")
    answer = keras.Input((16,), name="answer")
    encoder = keras.layers.Dense(8, activation="tanh")  # LD007
    q = encoder(question)
    a = encoder(answer)
    score = keras.layers.Dot(axes=-1)([q, a])
    return keras.Model([question, answer], score)
