"""A keras-hub style functional backbone keeps a learned end-of-image embedding as a bare `keras.Variable`.

keras-hub backbones create their layers as attributes, wire a functional graph, then call
`super().__init__(inputs, outputs)`. The T5Gemma2 backbone also created two raw `keras.Variable`
embeddings (locals, not layer attributes) before `super().__init__()` and used them in the graph;
no layer owned them, so
`save_weights`/`load_weights` silently dropped them (the fix tracks them by hand after
`super().__init__()`). Rewritten as a tiny backbone that adds a learned vector to every token.
"""

SOURCE = "https://github.com/keras-team/keras-hub/pull/2709"
CODES = ("LD011",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout3/_measure.py d_hub_backbone_extra_embedding_variable_before_super.py:
as returned: TinyBackbone, count_params() = 176, 3 weights, unbuilt: none
after call: count_params() = 176, 3 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 3 trainable weights: []
tape watched 1 variables the model does not track: ['eoi_embedding:0']
second call: 0 variables watched that the first call did not use"""

import keras


class TinyBackbone(keras.Model):
    def __init__(self, vocabulary_size=20, hidden_dim=8, **kwargs):
        self.token_embedding = keras.layers.Embedding(vocabulary_size, hidden_dim, name="token_embedding")
        eoi_embedding = keras.Variable(keras.random.normal((hidden_dim,), stddev=0.02, seed=1),
                                       name="eoi_embedding")
        self.norm = keras.layers.LayerNormalization(name="final_norm")

        token_ids = keras.Input(shape=(None,), dtype="int32", name="token_ids")
        x = self.token_embedding(token_ids)
        x = x + eoi_embedding
        outputs = self.norm(x)
        super().__init__(inputs=token_ids, outputs=outputs, **kwargs)
        self.vocabulary_size = vocabulary_size
        self.hidden_dim = hidden_dim


def build_model():
    return TinyBackbone()
