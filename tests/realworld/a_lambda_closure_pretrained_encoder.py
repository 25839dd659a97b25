"""A pretrained sentence encoder wrapped in a Lambda inside a Sequential classifier: its weights vanish.

The blog post describes a TF-Hub Universal Sentence Encoder passed through
`layers.Lambda(lambda x: sentence_encoder_layer(x))` as the first step of a Sequential
text classifier. It trained and predicted, but the saved model failed to load with a
NameError for the encoder. The encoder is only reachable through the lambda's closure:
the Lambda tracks nothing, so the encoder is not part of the model (not counted, not
saved, not fine-tuned). Reproduced offline with a small Keras encoder standing in for
the hub layer.
"""

SOURCE = "https://www.weblineglobal.com/blog/keras-lambda-layer-serialization-error-fix/"
CODES = ("LD012",)
CORRECT = False
STYLE = "sequential"
MEASURED = """Keras 3.15.1 + TF 2.21 (KERAS_BACKEND=tensorflow):
model.count_params() == 1122 (the two Dense layers only); the closed-over encoder (Embedding+Dense,
16544 params) is absent from model.weights; its weights are used in the forward pass but the
optimizer never sees them (gradients over model.trainable_weights: none missing, 4 weights only);
no warning or error at build or call."""

import keras
from keras import layers


def load_sentence_encoder(vocab=1000, width=32):
    # stands in for hub.KerasLayer(...): a ready-made encoder object
    enc = keras.Sequential(
        [
            layers.Embedding(vocab, 16),
            layers.GlobalAveragePooling1D(),
            layers.Dense(width, activation="tanh"),
        ],
        name="sentence_encoder",
    )
    enc.build((None, 12))
    return enc


sentence_encoder_layer = load_sentence_encoder()


def build_model():
    model = keras.Sequential(
        [
            keras.Input(shape=(12,), dtype="int32"),
            layers.Lambda(lambda x: sentence_encoder_layer(x), output_shape=(32,)),
            layers.Dense(32, activation="relu"),
            layers.Dense(2, activation="softmax"),
        ]
    )
    return model
