"""gapaza/MultiModalChess's `Encoder(layers.Layer)` wraps three keras-nlp `TransformerEncoder`s and Dropouts but overrides `__call__` instead of `call()`, so the Encoder itself is never built or placed in the model; it looks like an unbuilt wrapper whose sublayers go missing, yet in the functional model the three TransformerEncoders are graph nodes and every weight is tracked and trained.

From gapaza/MultiModalChess, `hydra/layers/Encoder.py` at commit 497efd9 (before the stack became a Sequential). The
Hydra model is built functionally (`train.py`: `Hydra()(board_inputs, move_inputs)` then
`HydraMLM([...], output)`), and all its layers override `__call__`: calling the Encoder on a Keras tensor just runs the
author's Python, which calls each keras-nlp TransformerEncoder and Dropout on Keras tensors, so those become nodes and
their variables belong to the model. The Encoder object never enters the graph (no node, never built), which a checker
keyed on "Layer subclass without call()/build(), holding sublayers" would report as unbuilt or untracked state; nothing
is lost. Compare the bug case from the same repository (`MoveEmbedding`), where one sublayer is applied to a constant
instead of a Keras tensor and does go missing.

Porting edits: `from hydra import config` replaced by a small namespace (dense dim 32 and 2 heads instead of 2048/48);
`keras_nlp` imported as `keras_hub` (same TransformerEncoder). build_model() feeds a (12, 16) sequence of move
embeddings through the Encoder and a softmax head, as Hydra does after its embeddings.
"""

SOURCE = "https://github.com/gapaza/MultiModalChess/blob/497efd9c091fa746e10bc440bac2c1bb5682b3a3/hydra/layers/Encoder.py"
CODES = ()
CORRECT = True
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bm/okbm_multimodalchess_encoder_overrides_dunder_call_around_kerasnlp_transformerencoders.py:
as returned: Functional, count_params() = 7182, 50 weights, unbuilt: none
after call: count_params() = 7182, 50 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 50 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(7182 = 3 TransformerEncoders x 2224 + head 510: all three keras-hub blocks counted and trained.)"""

import types

import keras
from keras import layers
from keras_hub.layers import TransformerEncoder

config = types.SimpleNamespace(encoder_dense_dim=32, encoder_heads=2, embed_dim=16, seq_length=12, vocab_size=30)


class Encoder(layers.Layer):

    def __init__(self):
        super(Encoder, self).__init__()

        # --> Encoders
        self.encoder_1 = TransformerEncoder(config.encoder_dense_dim, config.encoder_heads)
        self.encoder_1_dropout = layers.Dropout(0.5)
        self.encoder_2 = TransformerEncoder(config.encoder_dense_dim, config.encoder_heads)
        self.encoder_2_dropout = layers.Dropout(0.5)
        self.encoder_3 = TransformerEncoder(config.encoder_dense_dim, config.encoder_heads)
        self.encoder_3_dropout = layers.Dropout(0.5)



    def __call__(self, inputs):
        encoder_output = self.encoder_1(inputs)
        encoder_output = self.encoder_1_dropout(encoder_output)
        encoder_output = self.encoder_2(encoder_output)
        encoder_output = self.encoder_2_dropout(encoder_output)
        encoder_output = self.encoder_3(encoder_output)
        encoder_output = self.encoder_3_dropout(encoder_output)
        return encoder_output


def build_model():
    move_embedding = layers.Input(shape=(config.seq_length, config.embed_dim), name="move_embedding")
    encoder_outputs = Encoder()(move_embedding)
    output = layers.Dense(config.vocab_size, name="move_prediction_head", activation="softmax")(encoder_outputs)
    return keras.Model(move_embedding, output)
