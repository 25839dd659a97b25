"""keras-embed-sim's `EmbeddingRet(keras.layers.Embedding)` returns its own embedding table (`self.embeddings + 0.0`) as a second output, and `EmbeddingSim` (no weight of its own but a bias) multiplies features by it: the tied table is one tracked variable, counted once and trained through both paths.

From CyberZHG/keras-embed-sim, `keras_embed_sim/embeddings.py` (PyPI `keras-embed-sim`, used by CyberZHG's
keras-gpt-2 / keras-bert / keras-transformer for tied input/output embeddings). A naive checker sees: a subclass of a
built-in layer whose `call()` returns a tensor derived from a weight (`self.embeddings + 0.0`, the look of a
shadowed/stale copy), a layer (`EmbeddingSim`) computing a softmax over a weight it does not own, `bias` set to
`None` in `__init__` and created in `build()`, and an optional `K.stop_gradient` on the borrowed table. On Keras 3
the table is a fresh tensor on every call (not stored on self), so the gradient reaches the `Embedding`'s variable
through both the lookup and the output projection; `stop_gradient=False` is the default.

Porting edits: the `.backend` shim (keras or tf.keras) is `import keras`; `K.stop_gradient`, `K.dot`,
`K.transpose`, `K.bias_add` become `keras.ops.stop_gradient`, `ops.matmul`, `ops.transpose`, `+ self.bias`
(Keras 3 has no `keras.backend` math); `EmbeddingRet.compute_output_shape` returns a tuple of the two shapes
instead of a list and `compute_output_spec` is routed back to `Layer.compute_output_spec` (Keras 3's
`Embedding.compute_output_spec` builds one KerasTensor from the shape and raises "Cannot convert '[(None, 7, 16),
(20, 16)]' to a shape"). build_model() is the README's usage (vocabulary 20, width 100 shrunk to 16,
`mask_zero=True`) with the sequence length fixed to 7.
"""

SOURCE = "https://github.com/CyberZHG/keras-embed-sim/blob/b1ab67eecceba20fe983045f741dc79b62e96734/keras_embed_sim/embeddings.py"
CODES = ()
CORRECT = True
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout/_measure.py /tmp/mine38/bk/okbk_cyberzhg_embedsim_embedding_subclass_returns_its_table_as_output_tied_softmax_trains.py:
as returned: Functional, count_params() = 340, 2 weights, unbuilt: none
after call: count_params() = 340, 2 trainable weights, unbuilt: none; output dtypes ['float32']
gradient None for 0 of 2 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'embedding_ret': 320, 'embedding_sim': 20}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import ops

__all__ = ['EmbeddingRet', 'EmbeddingSim', 'get_custom_objects']


class EmbeddingRet(keras.layers.Embedding):
    """Embedding layer with weights returned."""

    def compute_output_shape(self, input_shape):
        return (
            super(EmbeddingRet, self).compute_output_shape(input_shape),
            (self.input_dim, self.output_dim),
        )

    def compute_output_spec(self, inputs):  # porting edit: Keras 3's Embedding spec assumes one output
        return keras.layers.Layer.compute_output_spec(self, inputs)

    def compute_mask(self, inputs, mask=None):
        return [
            super(EmbeddingRet, self).compute_mask(inputs, mask),
            None,
        ]

    def call(self, inputs):
        return [
            super(EmbeddingRet, self).call(inputs),
            self.embeddings + 0.0,
        ]


class EmbeddingSim(keras.layers.Layer):
    """Calculate similarity between features and token embeddings with bias term."""

    def __init__(self,
                 use_bias=True,
                 initializer='zeros',
                 regularizer=None,
                 constraint=None,
                 stop_gradient=False,
                 **kwargs):
        super(EmbeddingSim, self).__init__(**kwargs)
        self.supports_masking = True
        self.use_bias = use_bias
        self.initializer = keras.initializers.get(initializer)
        self.regularizer = keras.regularizers.get(regularizer)
        self.constraint = keras.constraints.get(constraint)
        self.stop_gradient = stop_gradient
        self.bias = None

    def get_config(self):
        config = {
            'use_bias': self.use_bias,
            'initializer': keras.initializers.serialize(self.initializer),
            'regularizer': keras.regularizers.serialize(self.regularizer),
            'constraint': keras.constraints.serialize(self.constraint),
            'stop_gradient': self.stop_gradient,
        }
        base_config = super(EmbeddingSim, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))

    def build(self, input_shape):
        if self.use_bias:
            embed_shape = input_shape[1]
            token_num = int(embed_shape[0])
            self.bias = self.add_weight(
                shape=(token_num,),
                initializer=self.initializer,
                regularizer=self.regularizer,
                constraint=self.constraint,
                name='bias',
            )
        super(EmbeddingSim, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        feature_shape, embed_shape = input_shape
        token_num = embed_shape[0]
        return feature_shape[:-1] + (token_num,)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        return mask[0]

    def call(self, inputs, mask=None, **kwargs):
        inputs, embeddings = inputs
        if self.stop_gradient:
            embeddings = ops.stop_gradient(embeddings)
        outputs = ops.matmul(inputs, ops.transpose(embeddings))
        if self.use_bias:
            outputs = outputs + self.bias
        return keras.activations.softmax(outputs)


def get_custom_objects():
    return {
        'EmbeddingRet': EmbeddingRet,
        'EmbeddingSim': EmbeddingSim,
    }


def build_model():
    input_layer = keras.layers.Input(shape=(7,), name='Input', dtype='int32')
    embed, embed_weights = EmbeddingRet(
        input_dim=20,
        output_dim=16,
        mask_zero=True,
    )(input_layer)
    output_layer = EmbeddingSim()([embed, embed_weights])
    return keras.Model(input_layer, output_layer)
