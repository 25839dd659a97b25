"""Fixed twin of ld007_shared_layer.py, for when the weights were not meant to be shared.

One encoder instance per input: two sets of weights, 272 parameters.
"""

import keras


def build_model():
    question = keras.Input((16,), name="question")
    answer = keras.Input((16,), name="answer")
    question_encoder = keras.layers.Dense(8, activation="tanh")
    answer_encoder = keras.layers.Dense(8, activation="tanh")
    q = question_encoder(question)
    a = answer_encoder(answer)
    score = keras.layers.Dot(axes=-1)([q, a])
    return keras.Model([question, answer], score)
