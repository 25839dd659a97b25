"""A custom TFBertPreTrainedModel subclass relies on the inherited build(): its classifier head stays unbuilt.

After transformers 4.37 stopped building TF models with a dummy forward pass and switched to explicit
`build()` methods (each class builds its own sublayers under `tf.name_scope`), a user's
`CustomBertClassifier(TFBertPreTrainedModel)` with `self.bert`, a dropout and a `self.classifier` Dense no
longer reloaded: `from_pretrained` on the saved checkpoint warned that the classifier weights were newly
initialised. The subclass defines no `build()`; the inherited one builds only the base model prefix
(`self.bert`), so the head has no variables when the weights are loaded and is silently re-initialised.
Reproduced with a small stand-in for the transformers classes (same build protocol).
"""

SOURCE = "https://github.com/huggingface/transformers/issues/29321"
CODES = ("LD005",)
CORRECT = False
STYLE = "subclassed"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py g_hf_custom_bert_classifier_build_skips_head.py:
as returned: CustomBertClassifier, count_params() = 25568, 15 weights, unbuilt: ['Dense:classifier']
no inputs known: not called
(the classifier's 99 params are missing when the checkpoint would be loaded; a later forward pass creates them fresh)"""

import tensorflow as tf


class BertConfig:
    def __init__(self, vocab_size=500, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                 hidden_dropout_prob=0.1, initializer_range=0.02, num_labels=3, **kwargs):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.intermediate_size = intermediate_size
        self.num_hidden_layers = num_hidden_layers
        self.hidden_dropout_prob = hidden_dropout_prob
        self.initializer_range = initializer_range
        self.num_labels = num_labels
        for key, value in kwargs.items():
            setattr(self, key, value)


def get_initializer(initializer_range=0.02):
    return tf.keras.initializers.TruncatedNormal(stddev=initializer_range)


class TFBertLayer(tf.keras.layers.Layer):
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.config = config
        self.intermediate = tf.keras.layers.Dense(config.intermediate_size, activation="gelu", name="intermediate")
        self.out = tf.keras.layers.Dense(config.hidden_size, name="output")
        self.LayerNorm = tf.keras.layers.LayerNormalization(epsilon=1e-12, name="LayerNorm")

    def call(self, hidden_states, training=False):
        return self.LayerNorm(hidden_states + self.out(self.intermediate(hidden_states)))

    def build(self, input_shape=None):
        if self.built:
            return
        self.built = True
        if getattr(self, "intermediate", None) is not None:
            with tf.name_scope(self.intermediate.name):
                self.intermediate.build([None, None, self.config.hidden_size])
        if getattr(self, "out", None) is not None:
            with tf.name_scope(self.out.name):
                self.out.build([None, None, self.config.intermediate_size])
        if getattr(self, "LayerNorm", None) is not None:
            with tf.name_scope(self.LayerNorm.name):
                self.LayerNorm.build([None, None, self.config.hidden_size])


class TFBertMainLayer(tf.keras.layers.Layer):
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.config = config
        self.embeddings = tf.keras.layers.Embedding(
            config.vocab_size, config.hidden_size,
            embeddings_initializer=get_initializer(config.initializer_range), name="embeddings")
        self.encoder = [TFBertLayer(config, name=f"layer_._{i}") for i in range(config.num_hidden_layers)]
        self.pooler = tf.keras.layers.Dense(config.hidden_size, activation="tanh", name="pooler")

    def call(self, input_ids, training=False):
        hidden = self.embeddings(input_ids)
        for layer in self.encoder:
            hidden = layer(hidden, training=training)
        return hidden, self.pooler(hidden[:, 0])

    def build(self, input_shape=None):
        if self.built:
            return
        self.built = True
        with tf.name_scope(self.embeddings.name):
            self.embeddings.build(None)
        for layer in self.encoder:
            with tf.name_scope(layer.name):
                layer.build(None)
        with tf.name_scope(self.pooler.name):
            self.pooler.build([None, self.config.hidden_size])


class TFBertPreTrainedModel(tf.keras.Model):
    base_model_prefix = "bert"

    def __init__(self, config, *inputs, **kwargs):
        super().__init__(*inputs, **kwargs)
        self.config = config

    def build_in_name_scope(self):
        with tf.name_scope(self.name):
            self.build(input_shape=None)

    def build(self, input_shape=None):
        if self.built:
            return
        self.built = True
        base = getattr(self, self.base_model_prefix, None)
        if base is not None:
            with tf.name_scope(base.name):
                base.build(None)

    @classmethod
    def from_config_object(cls, config):
        model = cls(config)
        model.build_in_name_scope()  # what from_pretrained does before loading the weights file
        return model


class CustomBertClassifier(TFBertPreTrainedModel):
    def __init__(self, config, *inputs, **kwargs):
        super().__init__(config, *inputs, **kwargs)
        self.num_labels = config.num_labels
        self.bert = TFBertMainLayer(config, name="bert")
        self.dropout = tf.keras.layers.Dropout(config.hidden_dropout_prob)
        self.classifier = tf.keras.layers.Dense(
            config.num_labels, kernel_initializer=get_initializer(config.initializer_range), name="classifier")

    def call(self, input_ids=None, training=False):
        _, pooled_output = self.bert(input_ids, training=training)
        pooled_output = self.dropout(pooled_output, training=training)
        return self.classifier(pooled_output)


def build_model():
    return CustomBertClassifier.from_config_object(BertConfig())
