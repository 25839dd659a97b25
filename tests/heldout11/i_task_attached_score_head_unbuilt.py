"""A keras-nlp-style Task (functional Model subclass) gets a `score_head` attached after construction and never built.

keras-core stopped locking functional models so that keras-nlp Tasks could attach extra layers
after `super().__init__(inputs, outputs)` ("attaching a layer to the model that you want
attached/saved, but that isn't directly used by build/call in the main forward pass"). Here a
reranking Task attaches `self.score_head = Dense(1)` that only its `score()` helper calls, at
inference time. The head is tracked but never called while the graph is built or trained:
it has no weights, `summary()` shows `0 (unbuilt)`, `fit()` never trains it, and the weights
file has nothing for it; the first `score()` call creates fresh random weights.
"""

SOURCE = "https://github.com/keras-team/keras-core/pull/823"
CODES = ("LD005",)
CORRECT = False
STYLE = "functional"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow), python tests/heldout11/_measure.py i_task_attached_score_head_unbuilt.py:
as returned: RerankerClassifier, count_params() = 13954, 13 weights, unbuilt: ['Dense:score_head']
after call: count_params() = 13954, 13 trainable weights, unbuilt: ['Dense:score_head']; output dtypes ['float32']
gradient None for 0 of 13 trainable weights: []
tape watched 0 variables the model does not track: []
params of the case's own layers: {'backbone': 13888}
second call: 0 variables watched that the first call did not use"""

import keras
from keras import layers, ops


class Backbone(keras.Model):
    """Tiny encoder backbone in the keras-nlp style: functional, config-serialisable."""

    def __init__(self, vocabulary_size, hidden_dim, sequence_length, **kwargs):
        token_ids = keras.Input((sequence_length,), dtype="int32", name="token_ids")
        x = layers.Embedding(vocabulary_size, hidden_dim, name="token_embedding")(token_ids)
        x = layers.MultiHeadAttention(4, hidden_dim // 4, name="attention")(x, x)
        x = layers.LayerNormalization(name="norm")(x)
        super().__init__(inputs=token_ids, outputs=x, **kwargs)
        self.vocabulary_size = vocabulary_size
        self.hidden_dim = hidden_dim
        self.sequence_length = sequence_length

    def get_config(self):
        return {"vocabulary_size": self.vocabulary_size, "hidden_dim": self.hidden_dim,
                "sequence_length": self.sequence_length, "name": self.name}


class Task(keras.Model):
    """Base class: keeps a handle on backbone and preprocessor."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._backbone = None
        self._preprocessor = None

    @property
    def backbone(self):
        return self._backbone

    @backbone.setter
    def backbone(self, value):
        self._backbone = value


class RerankerClassifier(Task):
    def __init__(self, backbone, num_classes=2, dropout=0.1, **kwargs):
        inputs = backbone.input
        x = backbone(inputs)
        pooled = layers.GlobalAveragePooling1D(name="pooler")(x)
        pooled = layers.Dropout(dropout, name="output_dropout")(pooled)
        outputs = layers.Dense(num_classes, name="logits")(pooled)
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)

        # === Attached after the functional graph is built ===
        self.backbone = backbone
        self.num_classes = num_classes
        self.dropout = dropout
        self.score_head = layers.Dense(1, name="score_head")

    def score(self, token_ids):
        """Relevance score used by the retrieval pipeline after fine-tuning."""
        hidden = self.backbone(token_ids)
        return ops.squeeze(self.score_head(ops.mean(hidden, axis=1)), -1)

    def get_config(self):
        return {"backbone": keras.saving.serialize_keras_object(self.backbone),
                "num_classes": self.num_classes, "dropout": self.dropout}


def build_model():
    backbone = Backbone(vocabulary_size=300, hidden_dim=32, sequence_length=12, name="backbone")
    return RerankerClassifier(backbone, num_classes=2, name="reranker")
