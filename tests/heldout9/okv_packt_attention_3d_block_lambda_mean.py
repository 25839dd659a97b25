"""Book chapter's attention block: a helper wires Permute/Reshape/Dense/Lambda(K.mean)/RepeatVector into the graph.

"Machine Learning for Finance" (NLP chapter, Attention section) builds attention with a helper
`attention_3d_block(inputs, time_steps, single_attention_vector)`: the time axis is permuted, a Dense
softmax produces the attention weights, an optional `Lambda(lambda x: K.mean(x, axis=1))` collapses
them to a single vector that RepeatVector spreads back, and Multiply applies them to the LSTM
states. The Dense is created inside a helper function and a Lambda sits on the weight path, which
looks like captured or untracked state, but the helper only wires layers into a functional graph and
the Lambda's function closes over nothing: on Keras 3 every weight (embedding, LSTM, attention
Dense, output Dense) is counted and gets a gradient.
"""

SOURCE = "https://packtpub.com/en-ro/product/machine-learning-for-finance-9781789136364/chapter/parsing-textual-data-with-natural-language-processing-5/section/attention?chapterId=5"
CODES = ()
CORRECT = True
STYLE = "factory"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout9/_measure.py okv_packt_attention_3d_block_lambda_mean.py:
as returned: Functional, count_params() = 23333, 8 weights, unbuilt: none
after call: count_params() = 23333, 8 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 8 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use"""

from tensorflow.keras import backend as K
from tensorflow.keras.layers import (LSTM, Dense, Embedding, Flatten, Input, Lambda, Multiply, Permute,
                                     RepeatVector, Reshape)
from tensorflow.keras.models import Model

max_words = 1000
embedding_dim = 16
maxlen = 20


def attention_3d_block(inputs, time_steps, single_attention_vector=False):
    input_dim = int(inputs.shape[2])  # 1
    a = Permute((2, 1), name='Attent_Permute')(inputs)  # 2
    a = Reshape((input_dim, time_steps), name='Reshape')(a)  # 3
    a = Dense(time_steps, activation='softmax', name='Attent_Dense')(a)  # Create attention vector #4
    if single_attention_vector:  # 5
        a = Lambda(lambda x: K.mean(x, axis=1), name='Dim_reduction')(a)  # 6
        a = RepeatVector(input_dim, name='Repeat')(a)  # 7
    a_probs = Permute((2, 1), name='Attention_vec')(a)  # 8
    output_attention_mul = Multiply(name='Attention_mul')([inputs, a_probs])  # 9
    return output_attention_mul


def build_model():
    input_tokens = Input(shape=(maxlen,), name='input')
    embedding = Embedding(max_words, embedding_dim, name='embedding')(input_tokens)
    lstm = LSTM(32, return_sequences=True, name='lstm')(embedding)
    attention_mul = attention_3d_block(lstm, time_steps=maxlen, single_attention_vector=True)
    attention_mul = Flatten(name='flatten')(attention_mul)
    output = Dense(1, activation='sigmoid', name='output')(attention_mul)
    model = Model(input_tokens, output)
    model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['acc'])
    return model
