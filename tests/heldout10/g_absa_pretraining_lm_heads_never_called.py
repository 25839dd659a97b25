"""An aspect-based sentiment classifier wraps a whole `TFBertForPreTraining` but only ever calls its `.bert`.

`BertABSClassifier(ABSClassifier, TFBertPreTrainedModel)` (an ABC mixin plus the transformers base class)
creates `self._language_model = TFBertForPreTraining(config, name='language_model')`, exposes it through a
`language_model` property, and in `call_extractor` / `call_classifier` runs
`self.language_model.bert(token_ids)` followed by its own Dense heads. The pre-training model's masked-LM
and next-sentence heads are tracked sublayers that no code path ever calls, so after `from_pretrained`'s
dummy forward pass they own no variables: `summary()` shows them unbuilt, their checkpoint weights have
nowhere to go, and on Keras 3 loading a checkpoint that lists them fails with "Layer ... was never built".
Reproduced with a small stand-in for the transformers classes (config object, main layer, pre-training
heads, a base class that runs the dummy forward pass).
"""

SOURCE = "https://github.com/ScalaConsultants/Aspect-Based-Sentiment-Analysis/blob/master/aspect_based_sentiment_analysis/models.py"
CODES = ("LD005",)
CORRECT = False
STYLE = "mixin"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout10/_measure.py g_absa_pretraining_lm_heads_never_called.py:
as returned: BertABSClassifier, count_params() = 12999, 11 weights, unbuilt: ['TFBertForPreTraining:language_model', 'TFBertMLMHead:mlm___cls', 'LayerNormalization:LayerNorm', 'Dense:transform', 'Dense:nsp___cls']
no inputs known: not called
(after the dummy forward pass the MLM head (transform, LayerNorm, bias) and the NSP head own no variables)"""

from abc import ABC
from abc import abstractmethod
from typing import Tuple

import tensorflow as tf
from tensorflow.keras import layers


class BertConfig:
    def __init__(self, vocab_size=300, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
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


class TFBertMainLayer(layers.Layer):
    def __init__(self, config, **kwargs):
        super().__init__(**kwargs)
        self.embeddings = layers.Embedding(config.vocab_size, config.hidden_size,
                                           embeddings_initializer=get_initializer(config.initializer_range),
                                           name="embeddings")
        self.encoder = [layers.Dense(config.hidden_size, activation="gelu", name=f"layer_._{i}")
                        for i in range(config.num_hidden_layers)]
        self.pooler = layers.Dense(config.hidden_size, activation="tanh", name="pooler")

    def call(self, input_ids, training=False):
        hidden = self.embeddings(input_ids)
        for layer in self.encoder:
            hidden = layer(hidden)
        return hidden, self.pooler(hidden[:, 0])


class TFBertMLMHead(layers.Layer):
    def __init__(self, config, input_embeddings, **kwargs):
        super().__init__(**kwargs)
        self.vocab_size = config.vocab_size
        self.transform = layers.Dense(config.hidden_size, activation="gelu", name="transform")
        self.LayerNorm = layers.LayerNormalization(epsilon=1e-12, name="LayerNorm")
        self.input_embeddings = input_embeddings

    def build(self, input_shape):
        self.bias = self.add_weight(shape=(self.vocab_size,), initializer="zeros", trainable=True, name="bias")
        super().build(input_shape)

    def call(self, hidden_states):
        hidden_states = self.LayerNorm(self.transform(hidden_states))
        logits = tf.matmul(hidden_states, self.input_embeddings.embeddings, transpose_b=True)
        return logits + self.bias


class TFBertPreTrainedModel(tf.keras.Model):
    base_model_prefix = "bert"

    def __init__(self, config, *inputs, **kwargs):
        super().__init__(*inputs, **kwargs)
        self.config = config

    @property
    def dummy_inputs(self):
        return tf.constant([[7, 6, 0, 0, 1], [1, 2, 3, 0, 0], [0, 0, 0, 4, 5]])

    @classmethod
    def from_config_object(cls, config):
        model = cls(config)
        model(model.dummy_inputs)  # build the network with dummy inputs
        return model


class TFBertForPreTraining(TFBertPreTrainedModel):
    def __init__(self, config, *inputs, **kwargs):
        super().__init__(config, *inputs, **kwargs)
        self.bert = TFBertMainLayer(config, name="bert")
        self.nsp = layers.Dense(2, kernel_initializer=get_initializer(config.initializer_range), name="nsp___cls")
        self.mlm = TFBertMLMHead(config, self.bert.embeddings, name="mlm___cls")

    def call(self, input_ids, training=False):
        sequence_output, pooled_output = self.bert(input_ids, training=training)
        return self.mlm(sequence_output), self.nsp(pooled_output)


class ABSClassifier(ABC):
    """ The Aspect Based Sequence Classifier """

    @property
    @abstractmethod
    def language_model(self) -> tf.keras.Model:
        """ """

    @abstractmethod
    def call(self, *args, **kwargs):
        """ """

    @abstractmethod
    def call_extractor(self, *args, **kwargs):
        """ """

    @abstractmethod
    def call_classifier(self, *args, **kwargs):
        """ """


class BertABSCConfig(BertConfig):

    def __init__(self, tags: Tuple[str] = tuple("BIEO"), **kwargs):
        super().__init__(**kwargs)
        self.tags = tags
        self.num_tags = len(tags)


class BertABSClassifier(ABSClassifier, TFBertPreTrainedModel):
    """ The BERT Aspect Based Sequence Classifier """

    def __init__(self, config: BertABSCConfig, **kwargs):
        super().__init__(config, **kwargs)
        LM = TFBertForPreTraining
        self._language_model = LM(config, name="language_model")
        initializer = get_initializer(config.initializer_range)
        self.dropout = layers.Dropout(config.hidden_dropout_prob)
        self.extractor = layers.Dense(config.num_tags, kernel_initializer=initializer, name="extractor")
        self.classifier = layers.Dense(config.num_labels, kernel_initializer=initializer, name="classifier")

    @property
    def language_model(self) -> TFBertForPreTraining:
        return self._language_model

    def call(self, token_ids, training=False, **bert_kwargs):
        extractor_logits, *extractor_details = self.call_extractor(token_ids, training=training, **bert_kwargs)
        classifier_inputs = self.build_auxiliary_sentence(token_ids, extractor_logits)
        classifier_logits, *classifier_details = self.call_classifier(
            classifier_inputs, training=training, **bert_kwargs)
        return [extractor_logits, classifier_logits]

    def call_extractor(self, token_ids, training=False, **bert_kwargs):
        kwargs = dict(training=training, **bert_kwargs)
        outputs = self.language_model.bert(token_ids, **kwargs)
        sequence_output, pooled_output, *details = outputs
        sequence_output = self.dropout(sequence_output, training=training)
        logits = self.extractor(sequence_output)
        return [logits, *details]

    def call_classifier(self, token_ids, training=False, **bert_kwargs):
        kwargs = dict(training=training, **bert_kwargs)
        outputs = self.language_model.bert(token_ids, **kwargs)
        sequence_output, pooled_output, *details = outputs
        pooled_output = self.dropout(pooled_output, training=training)
        logits = self.classifier(pooled_output)
        return [logits, *details]

    @staticmethod
    def build_auxiliary_sentence(token_ids, logits):
        # TODO: implement
        return token_ids


def build_model():
    return BertABSClassifier.from_config_object(BertABSCConfig())
