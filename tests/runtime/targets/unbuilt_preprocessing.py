"""Models keeping preprocessing layers they never call (a keras-hub Task's `preprocessor`, a
tokenizer, a packer, a TextVectorization): these stay unbuilt, and building them makes no variable,
so nothing is lost. Twins: an unbuilt Dense, and a preprocessing subclass whose build() adds a
weight, do lose weights. Each function returns (model, inputs); `SPARE` names the attribute kept
unbuilt."""

import keras
import keras_hub
import numpy as np
from keras import layers

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "quick", "brown", "fox"]
IDS = np.array([[2, 5, 6, 7, 3, 0]] * 2, dtype="int32")


def _tokenizer():
    return keras_hub.tokenizers.WordPieceTokenizer(vocabulary=VOCAB)


class TextPreprocessor(keras_hub.models.Preprocessor):
    """A user's own keras-hub Preprocessor whose build() makes its packer (no variable)."""

    def __init__(self, tokenizer, sequence_length=6, **kwargs):
        super().__init__(**kwargs)
        self.tokenizer = tokenizer
        self.sequence_length = sequence_length
        self.packer = None

    def build(self, input_shape):
        super().build(input_shape)
        self.packer = keras_hub.layers.StartEndPacker(sequence_length=self.sequence_length, start_value=2,
                                                      end_value=3)

    def call(self, x):
        return self.packer(self.tokenizer(x))


class ScaledRescaling(layers.Rescaling):
    """A preprocessing subclass whose build() adds a trainable weight."""

    def build(self, input_shape):
        self.gain = self.add_weight(shape=(), initializer="ones", name="gain")

    def call(self, x):
        return super().call(x) * self.gain


class Classifier(keras.Model):
    """A functional model (Embedding, pooling, Dense head) that keeps one more layer as `spare`."""

    def __init__(self, spare, **kwargs):
        ids = keras.Input((None,), dtype="int32")
        x = layers.Embedding(len(VOCAB), 4)(ids)
        x = layers.GlobalAveragePooling1D()(x)
        super().__init__(ids, layers.Dense(2)(x), **kwargs)
        self.spare = spare


class SubclassedClassifier(keras.Model):
    def __init__(self, spare, **kwargs):
        super().__init__(**kwargs)
        self.embedding = layers.Embedding(len(VOCAB), 4)
        self.head = layers.Dense(2)
        self.spare = spare

    def call(self, ids):
        return self.head(keras.ops.mean(self.embedding(ids), axis=1))


def hub_preprocessor_on_functional():
    tokenizer = keras_hub.models.BertTokenizer(vocabulary=VOCAB)
    return Classifier(keras_hub.models.BertTextClassifierPreprocessor(tokenizer, sequence_length=6)), IDS


def own_hub_preprocessor_on_subclassed():
    return SubclassedClassifier(TextPreprocessor(_tokenizer())), IDS


def hub_packer_on_subclassed():
    return SubclassedClassifier(keras_hub.layers.MultiSegmentPacker(sequence_length=6, start_value=2,
                                                                    end_value=3)), IDS


def text_vectorization_on_functional():
    return Classifier(layers.TextVectorization(vocabulary=VOCAB[5:])), IDS


def unbuilt_dense_on_functional():
    return Classifier(layers.Dense(3)), IDS


def weighted_preprocessing_subclass_on_subclassed():
    return SubclassedClassifier(ScaledRescaling(1 / 255)), IDS


CORRECT = ["hub_preprocessor_on_functional", "own_hub_preprocessor_on_subclassed", "hub_packer_on_subclassed",
           "text_vectorization_on_functional"]
BUGS = ["unbuilt_dense_on_functional", "weighted_preprocessing_subclass_on_subclassed"]
