"""Correct: a character Embedding and a first LSTM shared by a long story input and a short question input.

The Keras 1 report wanted to share the character embedding and first LSTM between bAbI-style
story and question inputs of different lengths and could not compile the model. Recurrent and
embedding weights do not depend on the sequence length, so on Keras 3 the shared layers serve
both lengths; each branch then has its own second LSTM.
"""

SOURCE = "https://github.com/keras-team/keras/issues/2765"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout2/_measure.py oka_shared_char_lstm_story_question.py:
as returned: Functional, count_params() = 3718, 12 weights, unbuilt: none
after call: count_params() = 3718, 12 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 12 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers


def build_model(num_chars=30, story_maxlen=40, question_maxlen=12):
    shared_char_embed = layers.Embedding(num_chars, 8, mask_zero=True, name="char-embed")
    shared_lstm = layers.LSTM(12, return_sequences=True, name="shared-lstm")

    story_input = keras.Input((story_maxlen,), dtype="int32", name="story")
    story = layers.Dropout(0.3)(shared_lstm(shared_char_embed(story_input)))
    story = layers.LSTM(10, name="story_lstm")(story)

    question_input = keras.Input((question_maxlen,), dtype="int32", name="question")
    question = layers.Dropout(0.3)(shared_lstm(shared_char_embed(question_input)))
    question = layers.LSTM(10, name="question_lstm")(question)

    merged = layers.concatenate([story, question])
    answer = layers.Dense(num_chars, activation="softmax")(merged)
    return keras.Model([story_input, question_input], answer)
