"""gapaza/MultiModalChess's `MoveEmbedding` layer overrides `__call__` and adds `self.token_position_embeddings(tf.range(0, seq_length))` to the token embeddings; when the functional model is wired, that position Embedding runs eagerly on a constant, so its output is baked into the graph as a constant and the layer's 8x16 table is not part of the model: not counted, not trained, not saved.

From gapaza/MultiModalChess (a chess move-language model, "Hydra"), `hydra/layers/MoveEmbedding.py` at commit 0804270,
wired as in `train.py`'s `build_model()`: `Hydra()(board_inputs, move_inputs)` then
`HydraMLM([board_inputs, move_inputs], output)`. Every Hydra layer overrides `__call__` instead of `call()`, so they act
as helpers that apply their sublayers to Keras tensors: the token Embedding, the keras-nlp TransformerEncoder stack and
the softmax head become nodes of the functional graph. The position Embedding, though, is applied to
`tf.range(...)`, a concrete tensor, not to anything derived from the model's inputs: Keras runs it immediately, and
`token_embeddings + <EagerTensor>` adds a constant. The table (initialised with the sinusoid matrix via `weights=`, and
trainable) never reaches `model.weights`. The same outcome as the functional positions pattern of keras-io issue #688,
here hidden inside a layer. Label: LD011 (weights held by an object outside the model's tracking; the catalog has no
code for "layer applied to a constant while wiring", and LD011's "not tracked, not counted, not saved" is what happens).

Porting edits: only the move branch is kept (the board Vision-Transformer branch, `ModalityFusion` concatenation and
the board half of the encoder output are dropped; they are separate layers); `config` is a small namespace (vocab 30,
embed_dim 16, seq_length 8, one TransformerEncoder of dense dim 32 and 2 heads instead of 2048/48); `keras_nlp` is
imported as `keras_hub` (the same TransformerEncoder, renamed package); `HydraMLM` is replaced by `keras.Model`
(its custom train_step is not needed to build, and its class attributes use `tf.keras.losses.Reduction`, gone in
Keras 3).
"""

SOURCE = "https://github.com/gapaza/MultiModalChess/blob/080427042b836eeeffe1d8f4779dbe2ace279ed2/hydra/layers/MoveEmbedding.py"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine39/bm/bm_multimodalchess_moveembedding_position_embedding_applied_to_tf_range_left_out_of_model.py:
warning: The structure of `inputs` doesn't match the expected structure. Expected: ['moves'] (the list input, harmless)
as returned: Functional, count_params() = 3214, 19 weights, unbuilt: none
after call: count_params() = 3214, 19 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 19 trainable weights: []
tape watched 0 variables the model does not track: []
second call: 0 variables watched that the first call did not use
(3214 = word_embedding 480 + TransformerEncoder 2224 + head 510: the 8x16 = 128-parameter position table is missing.)
probe (probe_chess.py): the position Embedding is built and owns position_embedding/embeddings, but that variable is not
in model.weights; model.layers == ['moves', 'word_embedding', 'sequential', 'move_prediction_head']; the tape does not
even watch it during a training call (19 watched variables, all the model's own); its gradient is None."""

import types

import numpy as np
import tensorflow as tf
import keras
from keras import layers
from keras_hub.layers import TransformerEncoder

config = types.SimpleNamespace(vocab_size=30, embed_dim=16, seq_length=8, encoder_dense_dim=32, encoder_heads=2)


class MoveEmbedding(layers.Layer):

    def __init__(self):
        super(MoveEmbedding, self).__init__()


        # --> Token Embeddings
        self.token_embeddings = layers.Embedding(
            config.vocab_size, config.embed_dim, name="word_embedding"
        )

        # --> Position Embeddings
        self.token_position_embeddings = layers.Embedding(
            input_dim=config.seq_length,
            output_dim=config.embed_dim,
            weights=[self.get_pos_encoding_matrix(config.seq_length, config.embed_dim)],
            name="position_embedding",
        )


    def __call__(self, inputs):
        token_embeddings = self.token_embeddings(inputs)
        token_position_embeddings = self.token_position_embeddings(tf.range(start=0, limit=config.seq_length, delta=1))
        move_embedding = token_embeddings + token_position_embeddings
        return move_embedding



    def get_pos_encoding_matrix(self, max_len, d_emb):
        pos_enc = np.array(
            [
                [pos / np.power(10000, 2 * (j // 2) / d_emb) for j in range(d_emb)]
                if pos != 0
                else np.zeros(d_emb)
                for pos in range(max_len)
            ]
        )
        pos_enc[1:, 0::2] = np.sin(pos_enc[1:, 0::2])  # dim 2i
        pos_enc[1:, 1::2] = np.cos(pos_enc[1:, 1::2])  # dim 2i+1
        return pos_enc


class Encoder(layers.Layer):

    def __init__(self):
        super(Encoder, self).__init__()

        # --> Encoders
        self.encoder_stack = keras.Sequential([
            TransformerEncoder(config.encoder_dense_dim, config.encoder_heads),
        ])

    def __call__(self, inputs):
        encoder_output = self.encoder_stack(inputs)
        return encoder_output


class MoveMaskPrediction(layers.Layer):

    def __init__(self):
        super(MoveMaskPrediction, self).__init__()

        self.move_mask_prediction = layers.Dense(config.vocab_size, name="move_prediction_head", activation="softmax")

    def __call__(self, inputs):
        move_mask = self.move_mask_prediction(inputs)
        return move_mask


class Hydra(layers.Layer):

    def __init__(self, *args, **kwargs):
        super(Hydra, self).__init__(*args, **kwargs)
        self.mode = 'pretrain'
        self.move_embedding = MoveEmbedding()
        self.encoder = Encoder()
        self.move_mask_prediction_head = MoveMaskPrediction()

    def __call__(self, move_inputs, mask=None):
        move_embedding = self.move_embedding(move_inputs)
        encoder_outputs = self.encoder(move_embedding)
        return self.move_mask_prediction_head(encoder_outputs)


def build_model():
    move_inputs = layers.Input(shape=(config.seq_length,), name="moves")
    hydra = Hydra()
    output = hydra(move_inputs)
    return keras.Model([move_inputs], output, name="hydra_mlm")
