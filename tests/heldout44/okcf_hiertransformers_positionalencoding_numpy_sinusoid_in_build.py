"""jogonba2/HierarchicalTransformers' `PositionalEncoding` layer fills a NumPy array `self.pos_encodings` of shape
(max_len, d) in `build()` and adds it to its input in `call()`. It looks like LD001 (a weight-like array stored on
`self` in `build` instead of an `add_weight` variable), but it is correct: the array is the fixed sinusoidal encoding
of "Attention is all you need", a deterministic function of the input shape that is meant to stay constant. It is
rebuilt identically whenever the layer is built, so nothing is lost by not saving it, and it is not supposed to
train. The layer passes the mask through (`compute_mask` returns it).

From jogonba2/HierarchicalTransformers (a hierarchical Transformer that scores whether a summary matches a
document, for extractive summarisation on CNN/DailyMail), `PositionalEncoding.py` at 29141b7, used by
`HierarchicalTransformer.build()` as `TimeDistributed(PositionalEncoding())(self.e_article)` on the word embeddings of
each sentence (document (30 sentences x 25 words), summary (4 x 15), shared `Embedding(max_vocabulary, 300)`).

Porting edits: `from keras.layers import Layer` -> `tensorflow.keras.layers`. The model in build_model() is a reduced
`HierarchicalTransformer.build()`: the shared embedding and the two `TimeDistributed(PositionalEncoding())` branches
are the original's; its `WordEncoderBlock`/`SentenceEncoderBlock` (which append to `_trainable_weights`, another
catalog defect, not this case's) are replaced by `GlobalMaxPooling1D` word and sentence pooling, then the original's
`[article, summary, |article - summary|]` concatenation and `Dense(2, softmax)`. Sizes are small (vocabulary 1000,
embedding 32, document 6 x 10, summary 3 x 8).
"""

SOURCE = "https://github.com/jogonba2/HierarchicalTransformers/blob/29141b7d04dbc23dc1b7666a856e3e77238cf1f6/PositionalEncoding.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine44/cf/okcf_hiertransformers_positionalencoding_numpy_sinusoid_in_build.py:
as returned: Functional, count_params() = 32194, 3 weights, unbuilt: none
after call: count_params() = 32194, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'positional_encoding': 0, 'positional_encoding_1': 0}
second call: 0 variables watched that the first call did not use
probe_ht.py: two PositionalEncoding layers built on (None, 10, 32) hold identical float64 encodings (deterministic, rebuilt on every build); the model output is float32; one fit epoch changes 3 of 3 trainable weights; save_weights -> a freshly built model + load_weights gives the same predictions (nothing of the encoding needs saving). No warning printed."""

import numpy as np
from tensorflow.keras.layers import Layer
from tensorflow.keras import backend as K
from tensorflow.keras.models import Model
from tensorflow.keras.layers import (Input, GlobalMaxPooling1D, Dense, Embedding,
                                     TimeDistributed, Lambda, Concatenate)


class PositionalEncoding(Layer):

    def __init__(self, **kwargs):
        super(PositionalEncoding, self).__init__(**kwargs)

    def build(self, input_shape):
        self.max_len = input_shape[1]
        self.d = input_shape[-1]
        self.pos_encodings = np.zeros((self.max_len, self.d))
        for i in range(self.max_len):
            for j in range(self.d):
                if j%2==0:
                    self.pos_encodings[i][j] = np.sin(i / (10000 ** ((2 * j) / self.d)))
                else:
                    self.pos_encodings[i][j] = np.cos(i / (10000 ** ((2 * j) / self.d)))

        super(PositionalEncoding, self).build(input_shape)

    def compute_mask(self, inputs, mask=None):
        # Just pass the received mask from previous layer, to the next layer
        return mask

    def call(self, x, mask=None):
        return x + self.pos_encodings

    def compute_output_shape(self, input_shape):
        return input_shape


def build_model(max_vocabulary=1000, embedding_dims=32, document_max_sents=6, document_max_words_per_sent=10,
                summary_max_sents=3, summary_max_words_per_sent=8):
    input_article = Input(shape=(document_max_sents, document_max_words_per_sent))
    input_summary = Input(shape=(summary_max_sents, summary_max_words_per_sent))
    embedding = Embedding(max_vocabulary, embedding_dims)
    e_article = embedding(input_article)
    e_summary = embedding(input_summary)
    ep_article = TimeDistributed(PositionalEncoding())(e_article)
    ep_summary = TimeDistributed(PositionalEncoding())(e_summary)
    z_article = GlobalMaxPooling1D()(TimeDistributed(GlobalMaxPooling1D())(ep_article))
    z_summary = GlobalMaxPooling1D()(TimeDistributed(GlobalMaxPooling1D())(ep_summary))
    difference = Lambda(lambda x: K.abs(x[0] - x[1]))([z_article, z_summary])
    collapsed = Concatenate(axis=-1)([z_article, z_summary, difference])
    output = Dense(2, activation="softmax")(collapsed)
    model = Model(inputs=[input_article, input_summary], outputs=[output])

    rng = np.random.default_rng(0)
    article = rng.integers(1, max_vocabulary, (4, document_max_sents, document_max_words_per_sent)).astype('float32')
    summary = rng.integers(1, max_vocabulary, (4, summary_max_sents, summary_max_words_per_sent)).astype('float32')
    return model, [article, summary]
