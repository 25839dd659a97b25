"""A TFRobertaPreTrainedModel subclass whose call() is still a stub: the main layer is never built.

The user started a joint intent/slot NLU model by subclassing `TFRobertaPreTrainedModel` the way
`TFRobertaForSequenceClassification` does: `self.roberta = TFRobertaMainLayer(config, name="roberta")` in
`__init__`, and a `call(...)` with the full keyword signature whose body was left as `pass`.
`from_pretrained` builds the model by calling it on its dummy inputs and then loads the checkpoint by layer
name; loading failed with "Layer #0 (named "roberta") expects 0 weight(s), but the saved weights have 199
element(s)": the main layer was assigned but never called, so it owned no variables. Reproduced here with a
small stand-in for the transformers classes (same structure: config object, main layer with embeddings,
encoder blocks and pooler, a pre-trained base class that runs the dummy forward pass).
"""

SOURCE = "https://github.com/huggingface/transformers/issues/5364"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py g_hf_roberta_nlu_head_call_stub.py:
warning: `build()` was called on layer 'tf_roberta_for_nlu', however the layer does not have a `build()` method implemented and it looks like it has unbuilt state. This will cause the layer to be marked as bui
as returned: TFRobertaForNLU, count_params() = 0, 0 weights, unbuilt: ['TFRobertaMainLayer:roberta', 'Dense:pooler', 'TFRobertaLayer:layer_._1', 'LayerNormalization:LayerNorm', 'Dense:output', 'Dense:intermediate', 'TFRobertaLayer:layer_._0', 'LayerNormalization:LayerNorm', 'Dense:output', 'Dense:intermediate', 'TFRobertaEmbeddings:embeddings', 'LayerNormalization:LayerNorm', 'Embedding:position_embeddings', 'Embedding:word_embeddings']
no inputs known: not called
(the dummy forward pass inside build_model() returned None; the whole main layer stays unbuilt with 0 weights)"""

import tensorflow as tf


class RobertaConfig:
    def __init__(self, vocab_size=1000, hidden_size=64, num_hidden_layers=2, intermediate_size=128,
                 max_position_embeddings=64, initializer_range=0.02, hidden_dropout_prob=0.1,
                 num_labels=7, num_slot_labels=11, pad_token_id=1):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.num_hidden_layers = num_hidden_layers
        self.intermediate_size = intermediate_size
        self.max_position_embeddings = max_position_embeddings
        self.initializer_range = initializer_range
        self.hidden_dropout_prob = hidden_dropout_prob
        self.num_labels = num_labels
        self.num_slot_labels = num_slot_labels
        self.pad_token_id = pad_token_id


def get_initializer(initializer_range=0.02):
    return tf.keras.initializers.TruncatedNormal(stddev=initializer_range)


class TFRobertaEmbeddings(tf.keras.layers.Layer):
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.word_embeddings = tf.keras.layers.Embedding(
            config.vocab_size, config.hidden_size,
            embeddings_initializer=get_initializer(config.initializer_range), name="word_embeddings")
        self.position_embeddings = tf.keras.layers.Embedding(
            config.max_position_embeddings, config.hidden_size,
            embeddings_initializer=get_initializer(config.initializer_range), name="position_embeddings")
        self.LayerNorm = tf.keras.layers.LayerNormalization(epsilon=1e-5, name="LayerNorm")
        self.dropout = tf.keras.layers.Dropout(config.hidden_dropout_prob)

    def call(self, input_ids, training=False):
        positions = tf.range(tf.shape(input_ids)[-1])[tf.newaxis, :]
        x = self.word_embeddings(input_ids) + self.position_embeddings(positions)
        return self.dropout(self.LayerNorm(x), training=training)


class TFRobertaLayer(tf.keras.layers.Layer):
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.intermediate = tf.keras.layers.Dense(config.intermediate_size, activation="gelu", name="intermediate")
        self.output_dense = tf.keras.layers.Dense(config.hidden_size, name="output")
        self.LayerNorm = tf.keras.layers.LayerNormalization(epsilon=1e-5, name="LayerNorm")

    def call(self, hidden_states, training=False):
        return self.LayerNorm(hidden_states + self.output_dense(self.intermediate(hidden_states)))


class TFRobertaMainLayer(tf.keras.layers.Layer):
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.config = config
        self.embeddings = TFRobertaEmbeddings(config, name="embeddings")
        self.encoder = [TFRobertaLayer(config, name=f"layer_._{i}") for i in range(config.num_hidden_layers)]
        self.pooler = tf.keras.layers.Dense(config.hidden_size, activation="tanh", name="pooler")

    def call(self, input_ids, attention_mask=None, training=False):
        hidden = self.embeddings(input_ids, training=training)
        for layer in self.encoder:
            hidden = layer(hidden, training=training)
        pooled = self.pooler(hidden[:, 0])
        return hidden, pooled


class TFRobertaPreTrainedModel(tf.keras.Model):
    base_model_prefix = "roberta"

    def __init__(self, config, *inputs, **kwargs):
        super().__init__(*inputs, **kwargs)
        self.config = config

    @property
    def dummy_inputs(self):
        return {"input_ids": tf.constant([[7, 6, 0, 0, 1], [1, 2, 3, 0, 0], [0, 0, 0, 4, 5]])}

    @classmethod
    def from_config_object(cls, config):
        model = cls(config)
        model(model.dummy_inputs, training=False)  # build the network, as from_pretrained does
        return model


class TFRobertaForNLU(TFRobertaPreTrainedModel):
    def __init__(self, config, *inputs, **kwargs):
        super().__init__(config, *inputs, **kwargs)
        self.roberta = TFRobertaMainLayer(config, name="roberta")

    def call(self, inputs=None, attention_mask=None, token_type_ids=None, position_ids=None, head_mask=None,
             inputs_embeds=None, output_attentions=None, output_hidden_states=None, labels=None, training=False):
        pass


def build_model():
    return TFRobertaForNLU.from_config_object(RobertaConfig())
